// The MFA session of a resolution as `explain` shows it (docs/semantics.md §5.5): the device, the profile
// whose long-term keys make it (key id masked), its length, the role hops assumed from it, and its cache
// entry with the time it is valid until. The cache lookup is inspect-profile-with.ts's; nothing here holds
// a secret.
import { formatCacheStatus, formatDurationMs, maskAccessKeyId, type HopCacheStatus } from "../plan/describe-plan.js";
import type { MfaSessionUse } from "../resolve/mfa-session.js";

export interface MfaSessionDescription {
  /** The MFA device (`mfa_serial`). */
  device: string;
  /** The profile whose long-term keys call GetSessionToken. */
  profile: string;
  /** Those keys' access key id, masked. */
  accessKeyId: string;
  durationSeconds: number;
  /** Profiles of the roles assumed from it, innermost first (empty: the profile's own credentials are the session). */
  usedBy: string[];
  /** The roles among them that name the device and send no MFA code of their own. */
  withoutCode: string[];
  /** Its cache entry: state, valid until (`expiresAt`), key and file. */
  cache: HopCacheStatus;
}

export function describeMfaSession(use: MfaSessionUse, cache: HopCacheStatus): MfaSessionDescription {
  return {
    device: use.serial,
    profile: use.profile,
    accessKeyId: maskAccessKeyId(use.accessKeyId),
    durationSeconds: use.durationSeconds,
    usedBy: use.hops.map((hop) => hop.profile),
    withoutCode: use.withoutCode.map((hop) => hop.profile),
    cache,
  };
}

/** The `mfa session:` lines, below the steps. */
export function formatMfaSession(description: MfaSessionDescription): string[] {
  const indent = "     ";
  const used =
    description.usedBy.length === 0
      ? `the credentials of profile "${description.profile}" are the MFA session itself`
      : `${description.usedBy.join(" -> ")} (the first signed by it` +
        (description.withoutCode.length > 0 ? `; no MFA code for ${description.withoutCode.join(", ")})` : ")");
  return [
    `mfa session: GetSessionToken with ${description.device} and the keys of profile "${description.profile}" ` +
      `(${description.accessKeyId}), ${formatDurationMs(description.durationSeconds * 1000)}`,
    `${indent}used by: ${used}`,
    ...formatCacheStatus(description.cache),
  ];
}
