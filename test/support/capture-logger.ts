// A Logger that records every line by level, for assertions (and for secret scans).
import type { Logger } from "@smithy/types";

export function captureLogger() {
  const lines = { trace: [] as string[], debug: [] as string[], info: [] as string[], warn: [] as string[], error: [] as string[] };
  const record = (level: keyof typeof lines) => (...content: unknown[]) => {
    lines[level].push(content.map((c) => (typeof c === "string" ? c : c instanceof Error ? `${c.name}: ${c.message}` : JSON.stringify(c))).join(" "));
  };
  const logger: Logger = { trace: record("trace"), debug: record("debug"), info: record("info"), warn: record("warn"), error: record("error") };
  return { logger, lines, all: () => Object.values(lines).flat().join("\n") };
}
