// The logger the SDK's STS client gets when the user sets clientConfig.logger: that logger behind a
// filter. The SDK logs every command's input and output (and the error) in full apart from the members
// its model marks sensitive, and the MFA TokenCode and issued SessionToken are not among them; see
// redact.ts for what is masked.
import type { Logger } from "@smithy/types";
import { redacted } from "../redact.js";

/** `secrets()` gives the secret values of the calls in flight (source keys, MFA code, web identity token). */
export function redactingLogger(logger: Logger, secrets: () => readonly string[]): Logger {
  const wrapped: Partial<Logger> = {};
  for (const level of LEVELS) {
    if (typeof logger[level] !== "function") continue;
    wrapped[level] = (...content: unknown[]) => {
      const known = secrets();
      logger[level]!(...content.map((part) => redacted(part, known)));
    };
  }
  return wrapped as Logger;
}

// --- internal ---

const LEVELS = ["trace", "debug", "info", "warn", "error"] as const;
