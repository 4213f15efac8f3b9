// The environment of a process that takes its credentials from the credential server (exec --server's
// command, or a shell fed by serve): the server's two variables, and nothing that SDKs or the AWS CLI
// would consult before the container endpoint. The shared config and credentials files are among those
// (a [default] profile with keys or a role would silently win), so they point at the null device.
import { devNull } from "node:os";
import { envKeys } from "../profile/keys.js";
import type { CredentialServerEnv } from "../server/credential-server.js";
import type { CredentialVariables } from "./credential-variables.js";

/** Every variable that could stand between a process and the endpoint, in the order `unset` lists them. */
export const SHADOWING_VARIABLES = [
  envKeys.accessKeyId,
  envKeys.secretAccessKey,
  "AWS_SESSION_TOKEN",
  "AWS_SECURITY_TOKEN",
  "AWS_CREDENTIAL_EXPIRATION",
  envKeys.profile,
  "AWS_DEFAULT_PROFILE",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_ROLE_ARN",
  envKeys.roleSessionName,
] as const;

export function serverVariables(server: CredentialServerEnv, region: string | undefined): CredentialVariables {
  const set: [string, string][] = [
    ["AWS_CONTAINER_CREDENTIALS_FULL_URI", server.AWS_CONTAINER_CREDENTIALS_FULL_URI],
    ["AWS_CONTAINER_AUTHORIZATION_TOKEN", server.AWS_CONTAINER_AUTHORIZATION_TOKEN],
    [envKeys.configFile, devNull],
    [envKeys.credentialsFile, devNull],
  ];
  if (region) set.push([envKeys.region, region]);
  return { set, unset: [...SHADOWING_VARIABLES] };
}
