// Memoizes a credential source with the refresh policy of refresh-policy.ts: fresh credentials cost one
// comparison; in the advisory window one background refresh runs (a failure is logged, retried later);
// in the mandatory window, and when there are none, callers share one refresh and see its error.
// Expired credentials are never returned: a source that hands them over (an old AWS_CREDENTIAL_EXPIRATION
// in the environment) fails with CREDENTIALS_EXPIRED. forceRefresh shares one forced fetch.
import type { AwsIdentityProperties } from "@aws-sdk/types";
import type { AwsCredentialIdentityProvider, Logger } from "@smithy/types";
import { ProfileCredentialsError } from "../errors.js";
import type { Clock } from "../runtime/clock.js";
import type { Credentials } from "../runtime/credentials.js";
import { scheduleRefresh, type RefreshWindows } from "./refresh-policy.js";

export interface FetchOptions {
  forceRefresh: boolean;
  /** True for every fetch after the first (profile files are then re-read). */
  refreshing: boolean;
  properties: AwsIdentityProperties | undefined;
}

export type CredentialFetcher = (options: FetchOptions) => Promise<Credentials>;

export interface RefreshingProviderDeps {
  clock: Clock;
  random: () => number;
  logger: Logger;
  windows: RefreshWindows;
  /** Pause before another background attempt after an advisory refresh failed or changed nothing. */
  advisoryRetryMs?: number;
}

/** A provider the SDK's clients use as is: `memoized` tells them not to wrap it in their own memo. */
export type MemoizedProvider = AwsCredentialIdentityProvider & { readonly memoized: true };

export function createRefreshingProvider(fetch: CredentialFetcher, deps: RefreshingProviderDeps): MemoizedProvider {
  const retryMs = deps.advisoryRetryMs ?? 30_000;
  let current:
    | { credentials: Credentials; resolved: Promise<Credentials>; advisoryAt: number; mandatoryAt: number; expiresAt: number }
    | undefined;

  const store = (credentials: Credentials): Credentials => {
    const now = deps.clock.now();
    const expiresAt = credentials.expiration?.getTime() ?? Number.POSITIVE_INFINITY;
    if (expiresAt <= now) throw expiredError(expiresAt, now);
    const previous = current;
    const schedule = Number.isFinite(expiresAt)
      ? scheduleRefresh(expiresAt, now, deps.windows, deps.random())
      : { advisoryAt: expiresAt, mandatoryAt: expiresAt };
    if (previous && previous.expiresAt === expiresAt && schedule.advisoryAt <= now) {
      // The source handed back the same session (still good by its own rules): try again later.
      schedule.advisoryAt = Math.min(now + retryMs, schedule.mandatoryAt);
    }
    current = { credentials, resolved: Promise.resolve(credentials), expiresAt, ...schedule };
    if (Number.isFinite(expiresAt)) {
      deps.logger.debug?.(
        `aws-profile-credentials: credentials until ${iso(expiresAt)}; background refresh from ${iso(schedule.advisoryAt)}, ` +
          `callers wait for a refresh from ${iso(schedule.mandatoryAt)}`,
      );
    }
    return credentials;
  };

  /** One shared fetch per kind (normal or forced): concurrent callers get the same promise. */
  const inFlight: { normal?: Promise<Credentials>; forced?: Promise<Credentials> } = {};
  const shared = (kind: "normal" | "forced", properties: AwsIdentityProperties | undefined): Promise<Credentials> =>
    (inFlight[kind] ??= fetch({ forceRefresh: kind === "forced", refreshing: current !== undefined, properties })
      .then(store)
      .finally(() => {
        inFlight[kind] = undefined;
      }));
  const refresh = (properties: AwsIdentityProperties | undefined) => shared("normal", properties);

  // The hot path is a plain function handing back one settled promise: no async frame, no allocation.
  const provider = (properties?: AwsIdentityProperties & { forceRefresh?: boolean }): Promise<Credentials> => {
    const state = current;
    if (state !== undefined && properties?.forceRefresh !== true && deps.clock.now() < state.advisoryAt) return state.resolved;
    return slowPath(properties);
  };

  const slowPath = async (properties?: AwsIdentityProperties & { forceRefresh?: boolean }): Promise<Credentials> => {
    const state = current;
    if (state !== undefined && properties?.forceRefresh !== true) {
      const now = deps.clock.now();
      if (now < state.advisoryAt) return state.credentials;
      if (now < state.mandatoryAt) {
        if (!inFlight.normal) {
          deps.logger.debug?.(`aws-profile-credentials: refreshing in the background; callers keep the current credentials until ${iso(state.mandatoryAt)}`);
          refresh(properties).catch((error: unknown) => {
            deps.logger.warn(`aws-profile-credentials: background credential refresh failed; still using the current credentials until ${iso(state.expiresAt)}: ${describe(error)}`);
            if (current === state) state.advisoryAt = Math.min(deps.clock.now() + retryMs, state.mandatoryAt);
          });
        }
        return state.credentials;
      }
    }
    return shared(properties?.forceRefresh === true ? "forced" : "normal", properties);
  };
  return Object.assign(provider, { memoized: true as const });
}

// --- internal ---

/** Logging must never fail a fetch: windows given as Infinity or NaN have no date to show. */
function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
}

/** Every source passes through the memo, so this is the one place that refuses expired credentials. */
function expiredError(expiresAt: number, now: number): ProfileCredentialsError {
  return new ProfileCredentialsError(
    `The credentials from the configured source expired at ${iso(expiresAt)} (the local time is ${iso(now)}); ` +
      `expired credentials are never used. Renew them at their source: for credentials in the environment, ` +
      `set new AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and AWS_CREDENTIAL_EXPIRATION ` +
      `(or unset them and use a profile).`,
    { code: "CREDENTIALS_EXPIRED" },
  );
}

function describe(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown };
  return [typeof e?.code === "string" ? e.code : undefined, typeof e?.message === "string" ? e.message : String(error)]
    .filter(Boolean)
    .join(": ");
}
