// The credential shape this library hands out and passes between hops, and how its expiration is written.
import type { AwsCredentialIdentity } from "@smithy/types";

/** Credentials as v3 clients take them, with the STS expiration and account when known. */
export type Credentials = AwsCredentialIdentity & {
  readonly expiration?: Date;
  readonly accountId?: string;
};

/** STS's own format: ISO 8601 UTC without fractional seconds, e.g. `2026-11-22T03:59:39Z`. */
export function formatExpiration(expiration: Date): string {
  return expiration.toISOString().replace(/\.\d{3}Z$/, "Z");
}
