// A failing credential_process as errors show it: the SDK's message is the whole command line and all
// its stderr ("Command failed: <command line>\n<stderr>"), and arguments often hold tokens. The message
// and the error kept as `cause` name the program only, with its stderr escaped and cut like every quoted
// value (errors.ts shown()).
import { shown } from "../errors.js";
import { programOf } from "../profile/shell-words.js";
import { redacted } from "../redact.js";

/** `error` unchanged unless it is the SDK's report of a failed credential_process command. */
export function withoutCommandLine(error: unknown): unknown {
  const message = (error as Error | undefined)?.message;
  const match = typeof message === "string" ? FAILED.exec(message) : null;
  if (!match) return error;
  const [, commandLine = "", stderr = ""] = match;
  const clean = `credential_process "${shown(programOf(commandLine))}" failed${stderr.trim() ? `: ${shown(stderr.trim())}` : " (nothing on stderr)"}`;
  const copy = redacted(error, [commandLine]) as Error;
  const frames = ((error as Error).stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  Object.defineProperty(copy, "message", { value: clean, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(copy, "stack", { value: [`${copy.name}: ${clean}`, ...frames].join("\n"), writable: true, configurable: true, enumerable: false });
  return copy;
}

// --- internal ---

/** child_process.exec's text, which the SDK's credential_process provider passes on. */
const FAILED = /^Command failed: ([^\n]*)\n?([\s\S]*)$/;
