// What the credential server writes: the container-credentials JSON every AWS SDK and the AWS CLI parse
// (as ECS and EKS Pod Identity serve it), and the error bodies, which carry a code and a message and
// never a credential.
import { formatExpiration, type Credentials } from "../runtime/credentials.js";

export interface ContainerCredentialsBody {
  AccessKeyId: string;
  SecretAccessKey: string;
  /** Required as a string by the JS SDK and botocore; "" for long-term keys (no session token). */
  Token: string;
  /** RFC 3339 UTC. */
  Expiration: string;
  AccountId?: string;
}

/** How long clients may keep credentials that carry no expiration (long-term keys) before asking again. */
export const NO_EXPIRATION_REASK_MS = 15 * 60_000;

export function containerCredentialsBody(credentials: Credentials, nowMs: number): ContainerCredentialsBody {
  const expiration = credentials.expiration ?? new Date(nowMs + NO_EXPIRATION_REASK_MS);
  return {
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    Token: credentials.sessionToken ?? "",
    Expiration: formatExpiration(expiration),
    ...(credentials.accountId ? { AccountId: credentials.accountId } : {}),
  };
}

export interface ErrorBody {
  Code: string;
  Message: string;
}

/**
 * The body for a failed resolution: the error's code (this library's codes, else its name) and message.
 * The library's messages never hold a secret; anything else thrown is reduced to its name and message.
 */
export function resolutionErrorBody(error: unknown): ErrorBody {
  const e = error as { code?: unknown; name?: unknown; message?: unknown } | undefined;
  const code = typeof e?.code === "string" ? e.code : typeof e?.name === "string" ? e.name : "CREDENTIALS_UNAVAILABLE";
  const message = typeof e?.message === "string" && e.message !== "" ? e.message : "the credentials could not be resolved";
  return { Code: code, Message: message };
}
