// The credential shape this library hands out and passes between hops.
import type { AwsCredentialIdentity } from "@smithy/types";

/** Credentials as v3 clients take them, with the STS expiration and account when known. */
export type Credentials = AwsCredentialIdentity & {
  readonly expiration?: Date;
  readonly accountId?: string;
};
