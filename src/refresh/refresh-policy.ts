// When memoized credentials must be refreshed. Defaults follow botocore's RefreshableCredentials, the
// policy the AWS CLI cache is built around: advisory refresh from 15 minutes before expiry (callers keep
// the current credentials while one refresh runs in the background), mandatory from 10 minutes (callers
// wait). For comparison: the JS SDK's default chain refreshes 5 minutes before expiry and blocks;
// aws-sdk-go-v2 uses 5/15/60-minute windows by lifetime; smithy-rs a 10 s buffer with up to 50 % jitter.
// Windows shrink for short-lived credentials (never more than a half/quarter of the lifetime), so a
// 15-minute session is not refreshed the moment it arrives. Jitter moves each process's advisory start
// later by up to `jitterMs`, so processes started together do not refresh in the same second.

export interface RefreshWindows {
  /** Refresh in the background once less than this is left. Default 15 minutes. */
  advisoryWindowMs: number;
  /** Callers wait for a refresh once less than this is left. Default 10 minutes. */
  mandatoryWindowMs: number;
  /** Up to this much later for the advisory start, chosen at random per credential. Default 1 minute. */
  jitterMs: number;
}

export const DEFAULT_REFRESH_WINDOWS: RefreshWindows = {
  advisoryWindowMs: 15 * 60_000,
  mandatoryWindowMs: 10 * 60_000,
  jitterMs: 60_000,
};

export interface RefreshSchedule {
  /** From this instant a background refresh starts. */
  advisoryAt: number;
  /** From this instant callers wait for a refresh. */
  mandatoryAt: number;
}

/** The schedule of credentials that expire at `expiresAt`, obtained at `now`; `random` is in [0, 1). */
export function scheduleRefresh(expiresAt: number, now: number, windows: RefreshWindows, random: number): RefreshSchedule {
  const lifetime = Math.max(0, expiresAt - now);
  const mandatory = Math.min(windows.mandatoryWindowMs, lifetime / 4);
  const advisory = Math.max(mandatory, Math.min(windows.advisoryWindowMs, lifetime / 2));
  const jitter = Math.min(windows.jitterMs, (advisory - mandatory) / 2) * random;
  return { advisoryAt: expiresAt - advisory + jitter, mandatoryAt: expiresAt - mandatory };
}
