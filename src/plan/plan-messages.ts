// Wording of every configuration error and warning found while planning. Where docs/semantics.md §9.3 pins a
// sentence (botocore's or the JS SDK's), it is kept verbatim and followed by the profile chain and a fix.
import { formatChain, shown } from "../errors.js";
import { credentialSources } from "../profile/keys.js";

const at = (chain: readonly string[]) => (chain.length > 1 ? ` (profile chain: ${formatChain(chain)})` : "");

export const profileNotFound = (name: string) =>
  `Could not resolve credentials using profile: [${shown(name)}] in configuration/credentials file(s). ` +
  `The profile "${shown(name)}" is not defined in the config or credentials file; define it, or select another profile.`;

export const profileHasNoCredentials = (name: string) =>
  `The profile "${name}" has no credentials: it sets none of role_arn, aws_access_key_id/aws_secret_access_key, ` +
  `sso_session, credential_process or web_identity_token_file. Add one of them, or select another profile.`;

export const conflictingSources = (name: string, chain: readonly string[]) =>
  `The profile "${name}" contains both source_profile and credential_source.${at(chain)} Keep one of them.`;

export const missingSource = (name: string, chain: readonly string[]) =>
  `Partial credentials found in assume-role, missing: source_profile or credential_source. ` +
  `The profile "${name}" sets role_arn but neither source_profile nor credential_source${at(chain)}; ` +
  `add one to say which credentials assume the role.`;

export const unsupportedCredentialSource = (name: string, value: string, chain: readonly string[]) =>
  `The credential source "${shown(value)}" referenced in profile "${name}" is not valid${at(chain)}. ` +
  `credential_source must be one of ${credentialSources.join(", ")} (case-sensitive).`;

export const sourceNotFound = (source: string, name: string, chain: readonly string[]) =>
  `The source_profile "${shown(source)}" referenced in the profile "${name}" does not exist. ` +
  `Profile chain: ${formatChain(chain.map(shown))}. Define [profile ${shown(source)}] in the config file or [${shown(source)}] in the credentials file.`;

export const cycle = (selected: string, path: readonly string[]) =>
  `Detected a cycle attempting to resolve credentials for profile ${selected}. Profiles visited: ${formatChain(path)}. ` +
  `Point source_profile of one of them at a profile with credentials.`;

export const partialKeys = (name: string, missing: string, chain: readonly string[]) =>
  `Partial credentials found in profile "${name}", missing: ${missing}${at(chain)}. ` +
  `Set both aws_access_key_id and aws_secret_access_key, or neither.`;

export const sourceHasNoCredentials = (name: string, chain: readonly string[]) =>
  `The source profile "${name}" must have credentials. Profile chain: ${formatChain(chain)}. ` +
  `Give it static keys, role_arn with a source, credential_source, sso_session, credential_process or web_identity_token_file.`;

export const webIdentityWithoutRole = (name: string, chain: readonly string[]) =>
  `The profile "${name}" sets web_identity_token_file but no role_arn${at(chain)}. ` +
  `Add role_arn with the ARN of the role to assume with the token.`;

export const invalidRoleArn = (name: string, value: string, chain: readonly string[]) =>
  `The role_arn "${shown(value)}" in profile "${name}" is not an IAM role ARN${at(chain)}. ` +
  `Expected the form arn:aws:iam::123456789012:role/RoleName.`;

export const invalidSessionName = (name: string, value: string, chain: readonly string[]) =>
  `The role_session_name "${shown(value)}" in profile "${name}" is not valid${at(chain)}: ` +
  `STS accepts 2 to 64 characters from letters, digits and _+=,.@-.`;

export const durationOutOfRange = (name: string, value: string, chain: readonly string[]) =>
  `The duration_seconds "${shown(value)}" in profile "${name}" is out of range${at(chain)}: ` +
  `STS accepts 900 to 43200 seconds, and at most 3600 for a role assumed with another role's credentials.`;

export const ignoredDuration = (name: string, value: string) =>
  `Ignoring duration_seconds "${shown(value)}" in profile "${name}": it is not a whole number of seconds, ` +
  `so the STS default (3600) applies, as with the AWS CLI.`;

export const mfaProcessWithoutSerial = (name: string) =>
  `Ignoring mfa_process in profile "${name}": it has no mfa_serial, and mfa_process supplies the code only for ` +
  `its own profile's mfa_serial. Add mfa_serial to that profile or remove mfa_process.`;
