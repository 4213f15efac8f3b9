// What a single profile is, judged by its own keys alone in the order the SDK's fromIni tries them: a role
// (role_arn), static keys, web identity without a role, SSO, credential_process, login, a named
// credential_source, or nothing. Pure; used to list profiles and to find the credential_process a
// resolution runs. The full precedence through a chain is build-plan.ts's.
import { delegatedSourceKeys, roleKeys, staticKeys, webIdentityKeys } from "../profile/keys.js";
import type { Profile } from "../profile/load-profiles.js";

export type ProfileKind = "role" | "static" | "webIdentity" | "sso" | "process" | "login" | "credentialSource" | "none";

export function profileKind(profile: Profile): ProfileKind {
  if (profile[roleKeys.roleArn] !== undefined) return "role";
  if (profile[staticKeys.accessKeyId] !== undefined || profile[staticKeys.secretAccessKey] !== undefined) return "static";
  if (profile[webIdentityKeys.tokenFile] !== undefined) return "webIdentity";
  const via = sdkSourceKind(profile);
  if (via) return via;
  if (profile[roleKeys.credentialSource] !== undefined) return "credentialSource";
  return "none";
}

/** Which of the SDK's own profile providers serves a profile without role_arn: SSO, then process, then login. */
export function sdkSourceKind(profile: Profile): "sso" | "process" | "login" | undefined {
  if (
    profile[delegatedSourceKeys.ssoSession] !== undefined ||
    profile[delegatedSourceKeys.ssoStartUrl] !== undefined ||
    profile[delegatedSourceKeys.ssoAccountId] !== undefined
  ) {
    return "sso";
  }
  if (profile[delegatedSourceKeys.credentialProcess] !== undefined) return "process";
  if (profile[delegatedSourceKeys.loginSession] !== undefined) return "login";
  return undefined;
}
