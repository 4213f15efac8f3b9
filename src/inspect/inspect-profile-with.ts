// inspectProfile()'s implementation: what resolving a profile would do, without doing it. Loads the
// profile files, builds the plan, and looks up each role hop's session in the AWS CLI disk cache (key,
// file, time left), with no STS call, no MFA prompt and no STS code loaded. The redaction and the text form are
// plan/describe-plan.ts's; the cache key rules mirror execute/execute-plan.ts.
import { join } from "node:path";
import { parseCacheEntry } from "../cache/cache-entry.js";
import { resolveCacheSettings } from "../cache/cache-settings.js";
import { assumeRoleHopKey, webIdentityHopKey } from "../execute/hop-cache-key.js";
import {
  describePlan,
  formatDurationMs,
  maskAccessKeyId,
  type CacheSettingsDescription,
  type HopCacheStatus,
} from "../plan/describe-plan.js";
import { planProfileFiles } from "../plan/plan-profile-files.js";
import type { AssumeRoleStep, Plan, WebIdentityStep } from "../plan/steps.js";
import { DEFAULT_PROFILE, envKeys } from "../profile/keys.js";
import { profileFileLocations } from "../profile/load-profiles.js";
import { hasEnvironmentKeys, selectedProfile } from "../profile/select-profile.js";
import type { Deps } from "../runtime/deps.js";
import type { InspectProfileOptions, ProfileInspection } from "./inspect-profile.js";

/** inspectProfile() with its outside world injected (tests, and the CLI). */
export async function inspectProfileWith(
  options: InspectProfileOptions,
  deps: Pick<Deps, "env" | "clock" | "readTextFile">,
): Promise<ProfileInspection> {
  const { env } = deps;
  const cache: CacheSettingsDescription = resolveCacheSettings(options, env);
  const selected = selectedProfile(env, options.profile);
  if (!selected && hasEnvironmentKeys(env)) {
    const reason = `no profile is selected and ${envKeys.accessKeyId}/${envKeys.secretAccessKey} are set, so the environment keys are used`;
    return { resolution: "delegate", profile: DEFAULT_PROFILE, reason, cache };
  }
  const profile = selected ?? DEFAULT_PROFILE;
  const { resolution } = await planProfileFiles(profileFileLocations(env, options), selected, env);
  if (resolution.kind === "delegate") {
    return { resolution: "delegate", profile, reason: resolution.reason, cache };
  }
  const plan = withDurationOverride(resolution.plan, options.assumeRoleParams?.DurationSeconds);
  const statuses = new Map<AssumeRoleStep | WebIdentityStep, HopCacheStatus>();
  for (const [step, key] of cacheKeys(plan, options)) statuses.set(step, await lookUp(key, cache, deps));
  return { resolution: "plan", ...describePlan(plan, (step) => statuses.get(step)), cache };
}

// --- internal ---

/** The plan as executed: assumeRoleParams.DurationSeconds replaces the outermost role's duration_seconds. */
function withDurationOverride(plan: Plan, durationSeconds: number | undefined): Plan {
  if (durationSeconds === undefined || plan.roles.length === 0) return plan;
  const roles = plan.roles.slice();
  roles[roles.length - 1] = { ...(roles[roles.length - 1] as AssumeRoleStep), durationSeconds };
  return { ...plan, roles };
}

/** The cache key of each cached hop, as the executor computes it (a nested web identity is not cached). */
function cacheKeys(plan: Plan, options: InspectProfileOptions): [AssumeRoleStep | WebIdentityStep, string][] {
  const keys: [AssumeRoleStep | WebIdentityStep, string][] = [];
  if (plan.base.kind === "webIdentity" && plan.roles.length === 0) keys.push([plan.base, webIdentityHopKey(plan.base)]);
  plan.roles.forEach((hop, index) => keys.push([hop, assumeRoleHopKey(hop, options, index === plan.roles.length - 1)]));
  return keys;
}

async function lookUp(key: string, cache: CacheSettingsDescription, deps: Pick<Deps, "clock" | "readTextFile">): Promise<HopCacheStatus> {
  const file = join(cache.dir, `${key}.json`);
  if (!cache.enabled) return { state: "disabled", key, file };
  let text: string;
  try {
    text = await deps.readTextFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    if (code === "ENOENT" || code === "ENOTDIR") return { state: "none", key, file };
    return { state: "unusable", key, file, reason: `the file cannot be read (${code ?? "error"})` };
  }
  const entry = parseCacheEntry(text);
  if ("error" in entry) return { state: "unusable", key, file, reason: entry.error };
  const expiresAt = entry.credentials.expiration.getTime();
  const leftMs = expiresAt - deps.clock.now();
  const accessKeyId = maskAccessKeyId(entry.credentials.accessKeyId);
  if (leftMs <= 0) return { state: "expired", key, file, expiresAt, accessKeyId };
  if (leftMs < cache.minRemainingMs) {
    const reason = `${formatDurationMs(leftMs)} left, less than the ${formatDurationMs(cache.minRemainingMs)} a cached session must have`;
    return { state: "unusable", key, file, expiresAt, reason, accessKeyId };
  }
  return { state: "usable", key, file, expiresAt, usableForMs: leftMs - cache.minRemainingMs, accessKeyId };
}
