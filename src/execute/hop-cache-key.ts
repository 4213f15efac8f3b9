// What a role hop sends to STS as configured, and the AWS CLI cache key made of it. One source for the
// executor (execute-plan.ts) and for inspectProfile(), which must find the same cache files without
// calling STS. Pure: a generated RoleSessionName and the MFA TokenCode are added by the executor and are
// never part of the key (botocore's rule).
import { assumeRoleCacheKey, webIdentityCacheKey } from "../cache/cache-key.js";
import type { AssumeRoleStep, WebIdentityStep } from "../plan/steps.js";
import type { AssumeRoleRequest } from "../runtime/sts.js";

/**
 * Extra AssumeRole parameters for the outermost role, as `fromTemporaryCredentials` offers them.
 * `DurationSeconds` here overrides that role's `duration_seconds` (the CLI's `--duration-seconds`).
 */
export type AssumeRoleParams = Pick<
  AssumeRoleRequest,
  "Policy" | "PolicyArns" | "Tags" | "TransitiveTagKeys" | "SourceIdentity" | "DurationSeconds"
>;

export interface HopSettings {
  /** Session name for hops whose profile sets none. */
  roleSessionName?: string;
  /** Applied to the outermost hop only. */
  assumeRoleParams?: AssumeRoleParams;
}

export type ConfiguredAssumeRole = Omit<AssumeRoleRequest, "RoleSessionName" | "TokenCode"> & { RoleSessionName?: string };

/** The AssumeRole arguments a hop is configured with; RoleSessionName only when one is configured. */
export function configuredAssumeRole(hop: AssumeRoleStep, settings: HopSettings, outermost: boolean): ConfiguredAssumeRole {
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

export function assumeRoleHopKey(hop: AssumeRoleStep, settings: HopSettings, outermost: boolean): string {
  return assumeRoleCacheKey(configuredAssumeRole(hop, settings, outermost));
}

export function webIdentityHopKey(step: WebIdentityStep): string {
  return webIdentityCacheKey({ RoleArn: step.roleArn, ...(step.roleSessionName ? { RoleSessionName: step.roleSessionName } : {}) });
}
