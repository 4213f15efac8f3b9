// Errors of the CLI itself (the credential_process loop guard, exec failures, whoami's STS call) and the
// one-line form every failure takes on stderr: `aws-profile-credentials: <CODE>: <message>`. Library
// errors keep their own code (errors.ts).
import { isProfileCredentialsError } from "../errors.js";

export type CliErrorCode = "CREDENTIAL_PROCESS_LOOP" | "UNQUOTABLE_VALUE" | "STS_ERROR" | "INVALID_ENVIRONMENT";

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

function errorCode(error: unknown): string {
  if (error instanceof CliError || isProfileCredentialsError(error)) return error.code;
  // The SDK's own providers (for profiles this library delegates) throw CredentialsProviderError.
  if ((error as Error)?.name === "CredentialsProviderError") return "CREDENTIALS_UNAVAILABLE";
  const name = (error as Error)?.name;
  return typeof name === "string" && name !== "Error" ? `UNEXPECTED_${name.replace(/\W/g, "")}` : "UNEXPECTED_ERROR";
}
