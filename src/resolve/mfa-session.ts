// Whether a plan uses an MFA session (docs/semantics.md §5.5), and with which device, keys, cache key and
// file: when MFA sessions are on and the chain's base is long-term IAM user keys, STS GetSessionToken is
// called once with the device of the innermost role that names one, and every role of the chain is assumed
// from that session. Hops that name the device then send no SerialNumber/TokenCode, the first hop asks for
// at most an hour (STS's limit for AssumeRole with GetSessionToken credentials), and every hop is cached
// under a key of this library's own, since what it sends is not what the AWS CLI would send for it.
import { mfaRoleCacheKey, mfaSessionCacheKey } from "../cache/cache-key.js";
import { cacheEntryPath } from "../cache/file-cache.js";
import type { AssumeRoleStep, Plan } from "../plan/steps.js";
import type { HopSession } from "./hop-sessions.js";
import type { Settings } from "./settings.js";

const BASE_NAMES = { credentialSource: "a credential_source", sdkProfile: "SSO, credential_process or login credentials", webIdentity: "a web identity" } as const;

/** AssumeRole called with GetSessionToken credentials is limited to one hour, as in role chaining. */
export const MFA_SIGNED_MAX_SECONDS = 3600;

export interface MfaSessionUse {
  /** The MFA device (`mfa_serial`) the session is made with. */
  serial: string;
  /** The profile whose long-term keys call GetSessionToken. */
  profile: string;
  /** Those keys' access key id (not a secret; shown masked). */
  accessKeyId: string;
  durationSeconds: number;
  /** The cache key: a prefix, then a hash of the access key id and the serial. */
  key: string;
  /** `<cacheDir>/<key>.json`. */
  file: string;
  /** The role hops assumed from it, innermost first: the first is signed by it, the others by roles made from it. */
  hops: AssumeRoleStep[];
  /** The hops that name the device and so send no SerialNumber/TokenCode. */
  withoutCode: AssumeRoleStep[];
  /** Start a new session instead of using a cached one. */
  renew: boolean;
  /** The profile that names the device (its mfa_serial): the one a request for a code is about. */
  mfaProfile: string;
  /** The mfa_process of that profile, if any. */
  mfaProcess?: string;
}

export interface MfaSessionDecision {
  /** The hop sessions as executed (unchanged when no MFA session is used). */
  hops: HopSession[];
  mfaSession?: MfaSessionUse;
  /** Why the session is skipped, or what it changes (a clamped duration); one line each. */
  warnings: string[];
}

/**
 * Applies MFA sessions to a plan's hop sessions. `own` is the `mfa_serial` (and `mfa_process`) of a selected
 * profile with static keys and no role: that profile's credentials are the MFA session itself.
 */
export function applyMfaSession(
  plan: Plan,
  hops: HopSession[],
  settings: Pick<Settings, "mfaSession" | "cache">,
  own?: { serial: string; mfaProcess?: string },
): MfaSessionDecision {
  const options = settings.mfaSession;
  const naming = plan.roles.find((role) => role.mfaSerial !== undefined);
  const serial = own?.serial ?? naming?.mfaSerial;
  if (!options || serial === undefined) return { hops, warnings: [] };
  const base = plan.base;
  if (base.kind !== "staticKeys" || base.sessionToken !== undefined || base.accessKeyId.startsWith("ASIA")) {
    const what = base.kind === "staticKeys" ? "temporary keys (with a session token)" : BASE_NAMES[base.kind];
    return {
      hops,
      warnings: [
        `MFA sessions are on, but profile "${plan.profile}" rests on ${what} of profile "${base.profile}", and STS ` +
          `GetSessionToken needs long-term IAM user keys: no MFA session is used, and each role with mfa_serial asks for its own code.`,
      ],
    };
  }
  const warnings: string[] = [];
  const withoutCode: AssumeRoleStep[] = [];
  const executed = hops.map((hop, index) => {
    const step = hop.step as AssumeRoleStep;
    const { SerialNumber, ...rest } = hop.request;
    const request = { ...rest, ...(SerialNumber !== undefined && SerialNumber !== serial ? { SerialNumber } : {}) };
    if (SerialNumber === serial) withoutCode.push(step);
    if (index === 0 && request.DurationSeconds !== undefined && request.DurationSeconds > MFA_SIGNED_MAX_SECONDS) {
      warnings.push(
        `DurationSeconds ${request.DurationSeconds} of profile "${step.profile}" is lowered to ${MFA_SIGNED_MAX_SECONDS}: ` +
          `a role assumed with an MFA session (GetSessionToken credentials) lasts at most 1 hour. Turn MFA sessions off for longer role sessions.`,
      );
      request.DurationSeconds = MFA_SIGNED_MAX_SECONDS;
    }
    const key = mfaRoleCacheKey(request, serial);
    return { ...hop, request, key, file: cacheEntryPath(settings.cache.dir, key) };
  });
  const key = mfaSessionCacheKey({ AccessKeyId: base.accessKeyId, SerialNumber: serial });
  const mfaProfile = own ? plan.profile : (naming?.profile ?? plan.profile);
  const mfaProcess = own ? own.mfaProcess : naming?.mfaProcess;
  return {
    hops: executed,
    mfaSession: {
      serial,
      profile: base.profile,
      accessKeyId: base.accessKeyId,
      durationSeconds: options.durationSeconds,
      key,
      file: cacheEntryPath(settings.cache.dir, key),
      hops: plan.roles.slice(),
      withoutCode,
      renew: options.renew,
      mfaProfile,
      ...(mfaProcess !== undefined ? { mfaProcess } : {}),
    },
    warnings,
  };
}
