// inspectProfile()'s implementation: describes the one Resolution (resolve/resolve-profile.ts) without
// executing it: the plan, and each cached hop's session in the AWS CLI disk cache (the key and file the
// resolution names, time left by the resolution's usability rule), with no STS call, no MFA prompt and no
// STS code loaded. The redaction and the text form are plan/describe-plan.ts's.
import { parseCacheEntry } from "../cache/cache-entry.js";
import { shown } from "../errors.js";
import { describePlan, formatDurationMs, maskAccessKeyId, type CacheSettingsDescription, type HopCacheStatus } from "../plan/describe-plan.js";
import type { AssumeRoleStep, WebIdentityStep } from "../plan/steps.js";
import { sessionUsability, type HopSession } from "../resolve/hop-sessions.js";
import { resolveProfile, type Resolution } from "../resolve/resolve-profile.js";
import { resolveSettings } from "../resolve/settings.js";
import type { Deps } from "../runtime/deps.js";
import type { InspectProfileOptions, ProfileInspection } from "./inspect-profile.js";

/** The most of a cache entry ever read: a real one is under 2 kB. */
export const MAX_CACHE_ENTRY_BYTES = 64 * 1024;

/** inspectProfile() with its outside world injected (tests, and the CLI). */
export async function inspectProfileWith(options: InspectProfileOptions, deps: Pick<Deps, "env" | "clock" | "fs">): Promise<ProfileInspection> {
  const resolution = await resolveProfile(resolveSettings(options, deps.env), deps);
  return describeResolution(resolution, deps);
}

/** The description of a resolution already made (the CLI's explain). */
export async function describeResolution(resolution: Resolution, deps: Pick<Deps, "clock" | "fs">): Promise<ProfileInspection> {
  const cache: CacheSettingsDescription = resolution.settings.cache;
  const process = resolution.process ? { process: { profile: resolution.process.profile, program: programOf(resolution.process.command) } } : {};
  if (resolution.kind !== "plan") return { resolution: "delegate", profile: resolution.profile, reason: resolution.reason, cache, ...process };
  const statuses = new Map<AssumeRoleStep | WebIdentityStep, HopCacheStatus>();
  for (const hop of resolution.hops) if (hop.cached) statuses.set(hop.step, await lookUp(hop, cache, deps));
  return { resolution: "plan", ...describePlan(resolution.plan, (step) => statuses.get(step)), cache, ...process };
}

/**
 * The program a credential_process line runs: its first word, unquoted, escaped for display. Never its
 * arguments, which may carry a secret (a token, a password file's contents).
 */
export function programOf(command: string): string {
  const line = command.trim();
  const quote = line[0] === '"' || line[0] === "'" ? line[0] : undefined;
  const end = quote ? line.indexOf(quote, 1) : line.search(/\s/);
  const program = quote ? line.slice(1, end === -1 ? undefined : end) : line.slice(0, end === -1 ? undefined : end);
  return shown(program);
}

// --- internal ---

async function lookUp({ key, file }: HopSession, cache: CacheSettingsDescription, deps: Pick<Deps, "clock" | "fs">): Promise<HopCacheStatus> {
  if (!cache.enabled) return { state: "disabled", key, file };
  let text: string;
  try {
    text = Buffer.from(await deps.fs.readFile(file, { maxBytes: MAX_CACHE_ENTRY_BYTES })).toString("utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    if (code === "ENOENT" || code === "ENOTDIR") return { state: "none", key, file };
    return { state: "unusable", key, file, reason: `the file cannot be read (${code ?? "error"})` };
  }
  const entry = parseCacheEntry(text);
  if ("error" in entry) return { state: "unusable", key, file, reason: entry.error };
  const expiresAt = entry.credentials.expiration.getTime();
  const { usable, leftMs } = sessionUsability(expiresAt, deps.clock.now(), cache.minRemainingMs);
  const accessKeyId = maskAccessKeyId(entry.credentials.accessKeyId);
  if (leftMs <= 0) return { state: "expired", key, file, expiresAt, accessKeyId };
  if (!usable) {
    const reason = `${formatDurationMs(leftMs)} left, less than the ${formatDurationMs(cache.minRemainingMs)} a cached session must have`;
    return { state: "unusable", key, file, expiresAt, reason, accessKeyId };
  }
  return { state: "usable", key, file, expiresAt, usableForMs: leftMs - cache.minRemainingMs, accessKeyId };
}
