// The resolution plan of a profile: one base step that yields the first credentials, then the role hops
// that each assume a role with the previous step's credentials. buildPlan() makes it (pure, no I/O);
// execute/ runs it; describe-plan.ts prints it. Types only.
import type { CredentialSourceName } from "../profile/keys.js";

/**
 * Static keys from a profile.
 * ```ini
 * [base]
 * aws_access_key_id = AKID...
 * aws_secret_access_key = ...
 * ```
 */
export interface StaticKeysStep {
  kind: "staticKeys";
  profile: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  accountId?: string;
}

/**
 * A named credential source, resolved by the SDK's own provider for it.
 * ```ini
 * [profile ci]
 * role_arn = arn:aws:iam::123456789012:role/Deploy
 * credential_source = Ec2InstanceMetadata
 * ```
 */
export interface CredentialSourceStep {
  kind: "credentialSource";
  profile: string;
  source: CredentialSourceName;
}

/**
 * A source profile the SDK resolves by itself: SSO, credential_process or login.
 * ```ini
 * [profile sso-base]
 * sso_session = corp
 * sso_account_id = 111111111111
 * sso_role_name = Dev
 * ```
 */
export interface SdkProfileStep {
  kind: "sdkProfile";
  profile: string;
  via: "sso" | "process" | "login";
}

/**
 * AssumeRoleWithWebIdentity with a token read from a file at every fetch. Unsigned.
 * ```ini
 * [profile w]
 * role_arn = arn:aws:iam::123456789012:role/Web
 * web_identity_token_file = /var/run/token
 * ```
 */
export interface WebIdentityStep {
  kind: "webIdentity";
  profile: string;
  roleArn: string;
  tokenFile: string;
  /** As configured (profile, else AWS_ROLE_SESSION_NAME); undefined means generated at call time. */
  roleSessionName?: string;
}

export type BaseStep = StaticKeysStep | CredentialSourceStep | SdkProfileStep | WebIdentityStep;

/**
 * One AssumeRole, signed with the credentials of the step before it.
 * ```ini
 * [profile admin]
 * role_arn = arn:aws:iam::123456789012:role/Admin
 * source_profile = base
 * mfa_serial = arn:aws:iam::111111111111:mfa/alice
 * ```
 */
export interface AssumeRoleStep {
  kind: "assumeRole";
  profile: string;
  roleArn: string;
  /** As configured; undefined means generated at call time (and then left out of the cache key). */
  roleSessionName?: string;
  externalId?: string;
  mfaSerial?: string;
  /** The same profile's mfa_process, carried only with its mfa_serial: a shell command printing the code. */
  mfaProcess?: string;
  /** Only when duration_seconds is configured as an integer (botocore: otherwise omitted). */
  durationSeconds?: number;
}

export interface Plan {
  /** The profile the plan was built for. */
  profile: string;
  /** Profiles visited from the selected one to the base, e.g. ["top", "mid", "base"]. */
  chain: string[];
  base: BaseStep;
  /** Role hops in execution order: roles[0] is assumed with the base credentials; the last is the result. */
  roles: AssumeRoleStep[];
  /** The selected profile's `region`, if any (the STS region, docs/semantics.md §4.5 step 2). */
  region?: string;
  /** Non-fatal findings, e.g. an ignored non-integer duration_seconds. */
  warnings: string[];
}

/**
 * What to do with the selected profile: run a plan, or hand the whole resolution to the SDK's default
 * chain because the profile assumes no role (static keys, SSO, credential_process, or nothing at all).
 */
export type Resolution = { kind: "plan"; plan: Plan } | { kind: "delegate"; reason: string };
