// Profile property names and environment variable names, grouped by concern. No other file spells
// these strings inline.

export const roleKeys = {
  roleArn: "role_arn",
  sourceProfile: "source_profile",
  credentialSource: "credential_source",
  externalId: "external_id",
  mfaSerial: "mfa_serial",
  /** A command whose standard output is the MFA code (aws-vault's key); applies to its own profile's mfa_serial. */
  mfaProcess: "mfa_process",
  roleSessionName: "role_session_name",
  durationSeconds: "duration_seconds",
} as const;

export const staticKeys = {
  accessKeyId: "aws_access_key_id",
  secretAccessKey: "aws_secret_access_key",
  sessionToken: "aws_session_token",
  accountId: "aws_account_id",
} as const;

export const webIdentityKeys = {
  tokenFile: "web_identity_token_file",
} as const;

/** Keys that make a profile a source the SDK resolves by itself (SSO, credential_process, login). */
export const delegatedSourceKeys = {
  ssoSession: "sso_session",
  ssoStartUrl: "sso_start_url",
  ssoAccountId: "sso_account_id",
  credentialProcess: "credential_process",
  loginSession: "login_session",
} as const;

/** The `duration_seconds` STS accepts for AssumeRole (DurationSeconds); one source for the planner, the option and the flag. */
export const ROLE_DURATION_SECONDS = { min: 900, max: 43200 } as const;

export const regionKey = "region";

/** The credential_source values, case-sensitive, as botocore and the JS SDK accept them. */
export const credentialSources = ["Environment", "Ec2InstanceMetadata", "EcsContainer"] as const;
export type CredentialSourceName = (typeof credentialSources)[number];

export const envKeys = {
  profile: "AWS_PROFILE",
  accessKeyId: "AWS_ACCESS_KEY_ID",
  secretAccessKey: "AWS_SECRET_ACCESS_KEY",
  configFile: "AWS_CONFIG_FILE",
  credentialsFile: "AWS_SHARED_CREDENTIALS_FILE",
  region: "AWS_REGION",
  roleSessionName: "AWS_ROLE_SESSION_NAME",
  /** "true" in any case turns instance metadata off (botocore's rule; the SDK's fromInstanceMetadata ignores it). */
  ec2MetadataDisabled: "AWS_EC2_METADATA_DISABLED",
  /** Set to a false-y value ("0", "false", "off") to turn the disk session cache off for a process tree. */
  disableCache: "AWS_PROFILE_CREDENTIALS_CACHE",
  /** `on`, `off` or a number of seconds: MFA sessions (GetSessionToken once, roles from it), off by default. */
  mfaSession: "AWS_PROFILE_CREDENTIALS_MFA_SESSION",
} as const;

export const DEFAULT_PROFILE = "default";
