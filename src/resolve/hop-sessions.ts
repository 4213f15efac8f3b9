// For each STS step of a plan: what it sends to STS as configured, the AWS CLI cache key made of that,
// the cache file, and whether it is cached at all; and the one rule for whether a cached session is
// usable (judged at the time of use). The executor runs these, inspectProfile() looks them up, so both
// always name the same files. A generated RoleSessionName and the MFA TokenCode are added by the executor
// and are never part of the key (botocore's rule, docs/semantics.md §6.2).
import { assumeRoleCacheKey, webIdentityCacheKey } from "../cache/cache-key.js";
import { cacheEntryPath } from "../cache/file-cache.js";
import type { AssumeRoleStep, Plan, WebIdentityStep } from "../plan/steps.js";
import type { AssumeRoleRequest } from "../runtime/sts.js";
import type { Settings } from "./settings.js";

/**
 * Extra AssumeRole parameters for the outermost role, as `fromTemporaryCredentials` offers them.
 * `DurationSeconds` here overrides that role's `duration_seconds` (the CLI's `--duration-seconds`).
 */
export type AssumeRoleParams = Pick<
  AssumeRoleRequest,
  "Policy" | "PolicyArns" | "Tags" | "TransitiveTagKeys" | "SourceIdentity" | "DurationSeconds"
>;

export type ConfiguredAssumeRole = Omit<AssumeRoleRequest, "RoleSessionName" | "TokenCode"> & { RoleSessionName?: string };

export interface HopSession {
  step: AssumeRoleStep | WebIdentityStep;
  /** AssumeRole arguments as configured (RoleSessionName only when configured); for web identity, RoleArn and RoleSessionName. */
  request: ConfiguredAssumeRole;
  /** The AWS CLI cache key. */
  key: string;
  /**
   * Whether the session is kept in the cache: every role hop, and a web identity base only when no role
   * follows it (as in the AWS CLI).
   */
  cached: boolean;
  /** `<cacheDir>/<key>.json`, where the session is (or would be, with the disk cache on) kept. */
  file: string;
}

/** The plan's STS steps in execution order: a web identity base first, then each role hop. */
export function planHopSessions(plan: Plan, settings: Pick<Settings, "cache" | "roleSessionName" | "assumeRoleParams">): HopSession[] {
  const file = (key: string) => cacheEntryPath(settings.cache.dir, key);
  const hops: HopSession[] = [];
  if (plan.base.kind === "webIdentity") {
    const step = plan.base;
    const request = { RoleArn: step.roleArn, ...(step.roleSessionName ? { RoleSessionName: step.roleSessionName } : {}) };
    const key = webIdentityCacheKey(request);
    hops.push({ step, request, key, cached: plan.roles.length === 0, file: file(key) });
  }
  plan.roles.forEach((step, index) => {
    const request = configuredAssumeRole(step, settings, index === plan.roles.length - 1);
    const key = assumeRoleCacheKey(request);
    hops.push({ step, request, key, cached: true, file: file(key) });
  });
  return hops;
}

/** The plan as executed: `assumeRoleParams.DurationSeconds` replaces the outermost role's duration_seconds. */
export function withDurationOverride(plan: Plan, durationSeconds: number | undefined): Plan {
  if (durationSeconds === undefined || plan.roles.length === 0) return plan;
  const roles = plan.roles.slice();
  roles[roles.length - 1] = { ...(roles[roles.length - 1] as AssumeRoleStep), durationSeconds };
  return { ...plan, roles };
}

export interface SessionUsability {
  usable: boolean;
  /** Time left until expiry (negative once expired). */
  leftMs: number;
}

/** A cached session is used only while at least `minRemainingMs` of it is left (AWS CLI: 15 minutes). */
export function sessionUsability(expiresAt: number, now: number, minRemainingMs: number): SessionUsability {
  const leftMs = expiresAt - now;
  return { usable: leftMs >= minRemainingMs, leftMs };
}

// --- internal ---

function configuredAssumeRole(
  hop: AssumeRoleStep,
  settings: Pick<Settings, "roleSessionName" | "assumeRoleParams">,
  outermost: boolean,
): ConfiguredAssumeRole {
  const sessionName = hop.roleSessionName || settings.roleSessionName;
  return {
    RoleArn: hop.roleArn,
    ...(sessionName ? { RoleSessionName: sessionName } : {}),
    ...(hop.externalId !== undefined ? { ExternalId: hop.externalId } : {}),
    ...(hop.mfaSerial !== undefined ? { SerialNumber: hop.mfaSerial } : {}),
    ...(hop.durationSeconds !== undefined ? { DurationSeconds: hop.durationSeconds } : {}),
    ...(outermost ? settings.assumeRoleParams : {}),
  };
}
