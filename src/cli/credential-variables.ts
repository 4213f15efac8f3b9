// The environment variables that hand credentials to AWS tools, shared by export and exec: which to set
// and which to remove so that stale values from the shell cannot mix with the new ones.
import { envKeys } from "../profile/keys.js";
import { formatExpiration, type Credentials } from "../runtime/credentials.js";

export interface CredentialVariables {
  /** In output order. */
  set: [name: string, value: string][];
  /** Removed: AWS_PROFILE always (the SDKs skip environment keys while a profile is selected), and the
   * session token and expiration when the credentials have none. */
  unset: string[];
}

export const SESSION_TOKEN_ENV = "AWS_SESSION_TOKEN";
export const EXPIRATION_ENV = "AWS_CREDENTIAL_EXPIRATION";

export function credentialVariables(credentials: Credentials, region: string | undefined): CredentialVariables {
  const set: [string, string][] = [
    [envKeys.accessKeyId, credentials.accessKeyId],
    [envKeys.secretAccessKey, credentials.secretAccessKey],
  ];
  const unset: string[] = [];
  if (credentials.sessionToken) set.push([SESSION_TOKEN_ENV, credentials.sessionToken]);
  else unset.push(SESSION_TOKEN_ENV);
  if (credentials.expiration) set.push([EXPIRATION_ENV, formatExpiration(credentials.expiration)]);
  else unset.push(EXPIRATION_ENV);
  if (region) set.push([envKeys.region, region]);
  unset.push(envKeys.profile);
  return { set, unset };
}
