// Every option of fromProfileWithRoleAssumption() and inspectProfile(), resolved once into the Settings
// that all layers read: file locations, the cache, the refresh windows, what role hops send to STS, the
// STS client's configuration, and what is passed through to the SDK's own providers. Resolved at the first
// fetch (not when the provider is made), so a provider created at module load sees a test's environment.
// The CLI turns its flags into options, never into settings of its own.
import { join } from "node:path";
import type { Pluggable } from "@smithy/types";
import { ProfileConfigError } from "../errors.js";
import { SDK_PROVIDER_OPTION_KEYS, type FromProfileWithRoleAssumptionOptions } from "../options.js";
import { envKeys, ROLE_DURATION_SECONDS } from "../profile/keys.js";
import { profileFileLocations, type ProfileFileLocations } from "../profile/load-profiles.js";
import { DEFAULT_REFRESH_WINDOWS, type RefreshWindows } from "../refresh/refresh-policy.js";
import { homeDirectory, type Env } from "../runtime/env.js";
import type { AssumeRoleParams } from "./hop-sessions.js";

/** The AWS CLI's threshold: a cached session is used only while at least 15 minutes of it are left. */
export const DEFAULT_MIN_CACHED_SESSION_REMAINING_MS = 15 * 60_000;

export interface CacheSettings {
  /** Whether role sessions are shared through the AWS CLI's disk cache (memory is always used). */
  enabled: boolean;
  dir: string;
  minRemainingMs: number;
}

/** MFA sessions (docs/semantics.md §5.5): on when this is present in the Settings. */
export interface MfaSessionSettings {
  durationSeconds: number;
  /** Start a new MFA session instead of reusing a cached one (once per provider). */
  renew: boolean;
}

/** STS's default and range for GetSessionToken. */
export const DEFAULT_MFA_SESSION_SECONDS = 43200;
export const MFA_SESSION_SECONDS_RANGE = { min: 900, max: 129600 } as const;

export interface Settings {
  /** The profile named by the `profile` option (the first choice of the selection rule). */
  profile?: string;
  files: ProfileFileLocations;
  cache: CacheSettings;
  refresh: RefreshWindows;
  /** Session name for role hops whose profile sets none. */
  roleSessionName?: string;
  /** AWS_ROLE_SESSION_NAME, the fallback session name of web identity profiles (as in the JS SDK). */
  envRoleSessionName?: string;
  /** AWS_EC2_METADATA_DISABLED is "true" in any case (botocore's rule): credential_source = Ec2InstanceMetadata fails at once. */
  ec2MetadataDisabled?: true;
  /** Extra AssumeRole parameters for the outermost role. */
  assumeRoleParams?: AssumeRoleParams;
  mfaCodeProvider?: (mfaSerial: string) => Promise<string>;
  /** MFA sessions; absent when off (the default). */
  mfaSession?: MfaSessionSettings;
  /** The STS client's configuration; its region is decided by resolve/sts-region.ts. */
  sts: { clientConfig?: Record<string, any>; clientPlugins?: Pluggable<any, any>[] };
  /** Options handed to the SDK's own providers (timeouts, SSO client config, ...) with the same file paths. */
  sdkInit: Record<string, unknown>;
}

/** Options that shape the cache; inspectProfile() takes these too. */
export type SettingsOptions = FromProfileWithRoleAssumptionOptions;

export function resolveSettings(options: SettingsOptions, env: Env): Settings {
  const { profile, mfaCodeProvider, clientConfig, clientPlugins, roleSessionName } = options;
  const assumeRoleParams = withDurationSeconds(options);
  // Only the SDK options the type offers reach the SDK's providers, whatever a JavaScript caller passes.
  const passThrough = Object.fromEntries(SDK_PROVIDER_OPTION_KEYS.filter((key) => options[key] !== undefined).map((key) => [key, options[key]]));
  const files = profileFileLocations(env, options);
  const envRoleSessionName = env[envKeys.roleSessionName];
  const mfaSession = resolveMfaSessionSettings(options, env);
  return {
    ...(profile ? { profile } : {}),
    files,
    cache: resolveCacheSettings(options, env),
    refresh: resolveRefreshWindows(options),
    ...(roleSessionName ? { roleSessionName } : {}),
    ...(envRoleSessionName ? { envRoleSessionName } : {}),
    ...(env[envKeys.ec2MetadataDisabled]?.trim().toLowerCase() === "true" ? { ec2MetadataDisabled: true as const } : {}),
    ...(assumeRoleParams ? { assumeRoleParams } : {}),
    ...(mfaCodeProvider ? { mfaCodeProvider } : {}),
    ...(mfaSession ? { mfaSession } : {}),
    sts: { ...(clientConfig ? { clientConfig } : {}), ...(clientPlugins ? { clientPlugins } : {}) },
    // The files are re-read at every fetch (edits are seen); a caller's ignoreCache cannot turn that off.
    sdkInit: { ...passThrough, ...files, ignoreCache: true },
  };
}

export function resolveCacheSettings(
  options: Pick<SettingsOptions, "cache" | "cacheDir" | "minCachedSessionRemainingMs">,
  env: Env,
): CacheSettings {
  const setting = env[envKeys.disableCache]?.trim().toLowerCase();
  return {
    enabled: options.cache ?? !(setting !== undefined && CACHE_OFF.has(setting)),
    dir: options.cacheDir ?? join(homeDirectory(env), ".aws", "cli", "cache"),
    minRemainingMs: options.minCachedSessionRemainingMs ?? DEFAULT_MIN_CACHED_SESSION_REMAINING_MS,
  };
}

/** Needs no environment, so the provider reads it when it is made. */
export function resolveRefreshWindows(
  options: Pick<SettingsOptions, "advisoryRefreshWindowMs" | "mandatoryRefreshWindowMs" | "refreshJitterMs">,
): RefreshWindows {
  return {
    advisoryWindowMs: options.advisoryRefreshWindowMs ?? DEFAULT_REFRESH_WINDOWS.advisoryWindowMs,
    mandatoryWindowMs: options.mandatoryRefreshWindowMs ?? DEFAULT_REFRESH_WINDOWS.mandatoryWindowMs,
    jitterMs: options.refreshJitterMs ?? DEFAULT_REFRESH_WINDOWS.jitterMs,
  };
}

/**
 * The `mfaSession` option, else AWS_PROFILE_CREDENTIALS_MFA_SESSION (`on`, `off` or seconds); off by
 * default. A duration outside 900-129600 or an unknown word is an error naming where it came from.
 */
export function resolveMfaSessionSettings(options: Pick<SettingsOptions, "mfaSession">, env: Env): MfaSessionSettings | undefined {
  const option = options.mfaSession;
  if (option !== undefined) {
    if (option === false) return undefined;
    const { durationSeconds, renew } = option === true ? {} : option;
    return { durationSeconds: checkedMfaDuration(durationSeconds, "the mfaSession option's durationSeconds"), renew: renew === true };
  }
  const value = env[envKeys.mfaSession]?.trim().toLowerCase();
  if (value === undefined || value === "" || value === "off") return undefined;
  if (value === "on") return { durationSeconds: DEFAULT_MFA_SESSION_SECONDS, renew: false };
  if (/^\d+$/.test(value)) return { durationSeconds: checkedMfaDuration(Number(value), envKeys.mfaSession), renew: false };
  throw new ProfileConfigError(
    `${envKeys.mfaSession} must be "on", "off" or a number of seconds (${MFA_SESSION_SECONDS_RANGE.min}-${MFA_SESSION_SECONDS_RANGE.max}), got "${value.slice(0, 40)}".`,
    { code: "INVALID_DURATION_SECONDS", key: envKeys.mfaSession },
  );
}

// --- internal ---

function checkedMfaDuration(seconds: number | undefined, where: string): number {
  if (seconds === undefined) return DEFAULT_MFA_SESSION_SECONDS;
  const { min, max } = MFA_SESSION_SECONDS_RANGE;
  if (!Number.isInteger(seconds) || seconds < min || seconds > max) {
    throw new ProfileConfigError(
      `${where} must be a whole number of seconds from ${min} to ${max} (STS's limits for GetSessionToken), got ${String(seconds)}.`,
      { code: "INVALID_DURATION_SECONDS", key: where.startsWith("AWS_") ? where : "mfaSession.durationSeconds" },
    );
  }
  return seconds;
}


/** `durationSeconds` is shorthand for `assumeRoleParams.DurationSeconds`, which wins when both are set. */
function withDurationSeconds({ durationSeconds, assumeRoleParams }: SettingsOptions): AssumeRoleParams | undefined {
  if (durationSeconds === undefined) return assumeRoleParams;
  if (!Number.isInteger(durationSeconds) || durationSeconds < ROLE_DURATION_SECONDS.min || durationSeconds > ROLE_DURATION_SECONDS.max) {
    throw new ProfileConfigError(
      `The durationSeconds option must be a whole number from ${ROLE_DURATION_SECONDS.min} to ${ROLE_DURATION_SECONDS.max}, got ${String(durationSeconds)}.`,
      { code: "INVALID_DURATION_SECONDS", key: "durationSeconds" },
    );
  }
  return { DurationSeconds: durationSeconds, ...assumeRoleParams };
}

const CACHE_OFF = new Set(["off", "false", "0", "no"]);
