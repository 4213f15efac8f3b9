// Errors of the CLI itself (the credential_process loop guard, exec failures, whoami's STS call) and the
// one-line form every failure takes on stderr: `aws-profile-credentials: <CODE>: <message>`. Library
// errors keep their own code (errors.ts).
import { isProfileCredentialsError, type ErrorCode } from "../errors.js";

/**
 * The codes the CLI prints besides the library's: its own errors, CREDENTIALS_UNAVAILABLE (the SDK's chain
 * found nothing for a profile this library delegates) and NO_CREDENTIALS_CONFIGURED (nothing configured at all).
 */
export const CLI_ERROR_CODES = [
  "CREDENTIAL_PROCESS_LOOP",
  "UNQUOTABLE_VALUE",
  "STS_ERROR",
  "INVALID_ENVIRONMENT",
  "CREDENTIALS_UNAVAILABLE",
  "NO_CREDENTIALS_CONFIGURED",
] as const;

export type CliErrorCode = (typeof CLI_ERROR_CODES)[number];

/** Every code the library or the CLI can produce; UNEXPECTED_<name> marks a bug (an error nobody expected). */
export type AnyErrorCode = ErrorCode | CliErrorCode | `UNEXPECTED_${string}`;

/** A failure of a CLI command that is not a library error; exit code 1. */
export class CliError extends Error {
  override name = "CliError";
  constructor(
    readonly code: CliErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const PROGRAM = "aws-profile-credentials";

/** `aws-profile-credentials: <CODE>: <message>`, one line (messages never hold secrets). */
export function formatError(error: unknown): string {
  const code = errorCode(error);
  const message = String((error as Error)?.message ?? error).replace(/\s*\n\s*/g, " ");
  return `${PROGRAM}: ${code}: ${message}\n`;
}

// --- internal ---

function errorCode(error: unknown): AnyErrorCode {
  if (error instanceof CliError || isProfileCredentialsError(error)) return error.code;
  // The SDK's own providers (for profiles this library delegates) throw CredentialsProviderError.
  if ((error as Error)?.name === "CredentialsProviderError") return "CREDENTIALS_UNAVAILABLE" satisfies CliErrorCode;
  const name = (error as Error)?.name;
  return typeof name === "string" && name !== "Error" ? `UNEXPECTED_${name.replace(/\W/g, "")}` : "UNEXPECTED_ERROR";
}
