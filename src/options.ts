// The options of fromProfileWithRoleAssumption(), each with its default. Only options the library
// honours are in the type: the few SDK provider options that tune the sources this library does not
// resolve itself (container, instance metadata, SSO) are passed through to the SDK's own providers.
import type { STSClientConfig } from "@aws-sdk/client-sts";
import type { DefaultProviderInit } from "@aws-sdk/credential-provider-node";
import type { Logger, Pluggable } from "@smithy/types";
import type { AssumeRoleParams } from "./resolve/hop-sessions.js";

export type { AssumeRoleParams };

/**
 * The SDK provider options passed through to the SDK's own providers (for delegated profiles and
 * role-chain sources the SDK serves). Options of the SDK's web-identity and SSO providers (`roleArn`,
 * `webIdentityTokenFile`, `ssoStartUrl`, ...) are not: a profile's own keys decide those.
 */
export const SDK_PROVIDER_OPTION_KEYS = [
  "timeout",
  "maxRetries",
  "awsContainerCredentialsFullUri",
  "awsContainerCredentialsRelativeUri",
  "awsContainerAuthorizationTokenFile",
  "awsContainerAuthorizationToken",
  "credentialsFullUri",
  "authorizationToken",
  "ssoClient",
  "ignoreCache",
] as const;

export type SdkProviderOptions = Pick<DefaultProviderInit, (typeof SDK_PROVIDER_OPTION_KEYS)[number]>;

export interface FromProfileWithRoleAssumptionOptions extends SdkProviderOptions {
  /**
   * The profile to resolve.
   * @default the calling client's `profile`, else `AWS_PROFILE`, else "default"
   */
  profile?: string;
  /**
   * The shared credentials file.
   * @default `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`
   */
  filepath?: string;
  /**
   * The shared config file.
   * @default `AWS_CONFIG_FILE`, else `~/.aws/config`
   */
  configFilepath?: string;
  /**
   * Returns the current code of the MFA device `mfaSerial`. Called only when a role with `mfa_serial`
   * needs a new session, never twice at once for one role; wins over the profile's `mfa_process`. A code
   * STS refuses fails at once with MfaError MFA_CODE_INVALID.
   * @default the profile's `mfa_process`, else a prompt (`Enter MFA code for <serial>: `) on stdin/stderr
   * or the controlling terminal, asking again after a refused code (3 tries); with neither, an MFA role
   * without a cached session fails with code MFA_CODE_REQUIRED
   */
  mfaCodeProvider?: (mfaSerial: string) => Promise<string>;
  /**
   * Configuration of the STS client used for every hop: region, endpoint, requestHandler, maxAttempts, ...
   * `AWS_ENDPOINT_URL_STS` and `AWS_ENDPOINT_URL` are honoured as by any SDK client.
   * @default region: the role profile's `region`, the calling client's region, `AWS_REGION`, the default
   * profile's `region`, then the default region (with the SDK's warning)
   */
  clientConfig?: STSClientConfig;
  /** Middleware plugins added to the STS client. @default none */
  clientPlugins?: Pluggable<any, any>[];
  /**
   * Where warnings (background refresh failures, ignored settings) and debug lines go. No line ever
   * contains a secret.
   * @default warnings and errors on the console, nothing else
   */
  logger?: Logger;
  /**
   * RoleSessionName for role hops whose profile sets no `role_session_name`.
   * @default `aws-sdk-js-<milliseconds since epoch>`, as the JS SDK
   */
  roleSessionName?: string;
  /**
   * Extra AssumeRole parameters for the outermost role only, as `fromTemporaryCredentials` offers them.
   * They are part of the session cache key, as in the AWS CLI. @default none
   */
  assumeRoleParams?: AssumeRoleParams;
  /**
   * Session length in seconds (900-43200) of the outermost role, overriding its profile's
   * `duration_seconds`; the CLI's `--duration-seconds`. Shorthand for `assumeRoleParams.DurationSeconds`,
   * which wins when both are set.
   * @default the profile's `duration_seconds`, else STS's one hour
   */
  durationSeconds?: number;
  /**
   * Refresh in the background once less than this is left of the credentials.
   * @default 900000 (15 minutes; shorter for credentials that live less than 30 minutes)
   */
  advisoryRefreshWindowMs?: number;
  /**
   * Callers wait for new credentials once less than this is left.
   * @default 600000 (10 minutes; shorter for credentials that live less than 40 minutes)
   */
  mandatoryRefreshWindowMs?: number;
  /**
   * The advisory refresh of each process starts up to this much later, at random, so that processes
   * started together do not all call STS in the same second.
   * @default 60000
   */
  refreshJitterMs?: number;
  /**
   * A cached role session is used only while at least this much of it is left. The AWS CLI uses
   * 15 minutes; keeping the same threshold means both refresh at the same moment.
   * @default 900000
   */
  minCachedSessionRemainingMs?: number;
  /**
   * Share role sessions with the AWS CLI through its disk cache (read and written, one STS call per role
   * across processes). `false` keeps sessions in memory only.
   * @default true, unless AWS_PROFILE_CREDENTIALS_CACHE is `off`, `false`, `0` or `no`
   */
  cache?: boolean;
  /**
   * The disk cache directory (it does not follow AWS_CONFIG_FILE, as in the AWS CLI).
   * @default `<home>/.aws/cli/cache`
   */
  cacheDir?: string;
  /**
   * MFA sessions: for a chain whose base is long-term IAM user keys, call STS GetSessionToken with the
   * MFA device once (one code) and assume every role of the chain with that session, so its roles need no
   * code of their own while it lasts. `{ durationSeconds }` sets its length (900-129600);
   * `{ renew: true }` starts a new one at this provider's first fetch. The session is kept in the cache
   * directory like role sessions (memory only with `cache: false`).
   * @default off, unless AWS_PROFILE_CREDENTIALS_MFA_SESSION is `on` or a number of seconds; 43200 s (12 h)
   */
  mfaSession?: boolean | MfaSessionOptions;
}

export interface MfaSessionOptions {
  /** Length of the MFA session, 900-129600 seconds. @default 43200 */
  durationSeconds?: number;
  /** Start a new MFA session (and new role sessions from it) at the first fetch instead of reusing one. @default false */
  renew?: boolean;
}
