// inspectProfile()'s implementation: describes the one Resolution (resolve/resolve-profile.ts) without
// executing it: the plan, and each cached hop's session in the AWS CLI disk cache (the key and file the
// resolution names, time left by the resolution's usability rule), with no STS call, no MFA prompt and no
// STS code loaded. The redaction and the text form are plan/describe-plan.ts's.
import { checkCacheDirectory, readTrustedEntry, type Trust } from "../cache/trusted-entry.js";
import { shown } from "../errors.js";
import { programOf } from "../profile/shell-words.js";
import { describePlan, formatDurationMs, maskAccessKeyId, type CacheSettingsDescription, type HopCacheStatus } from "../plan/describe-plan.js";
import type { AssumeRoleStep, WebIdentityStep } from "../plan/steps.js";
import { sessionUsability } from "../resolve/hop-sessions.js";
import { resolveProfile, type Resolution } from "../resolve/resolve-profile.js";
import { resolveSettings } from "../resolve/settings.js";
import type { Deps } from "../runtime/deps.js";
import { describeMfaSession } from "./describe-mfa-session.js";
import type { InspectProfileOptions, ProfileInspection } from "./inspect-profile.js";

/** What inspecting needs of Deps; without `uid`, entries are not checked for their owner. */
export type InspectDeps = Pick<Deps, "env" | "clock" | "fs"> & Partial<Pick<Deps, "uid">>;

/** inspectProfile() with its outside world injected (tests, and the CLI). */
export async function inspectProfileWith(options: InspectProfileOptions, deps: InspectDeps): Promise<ProfileInspection> {
  const resolution = await resolveProfile(resolveSettings(options, deps.env), deps);
  return describeResolution(resolution, deps);
}

/** The description of a resolution already made (the CLI's explain). */
export async function describeResolution(resolution: Resolution, deps: Omit<InspectDeps, "env">): Promise<ProfileInspection> {
  const cache: CacheSettingsDescription = resolution.settings.cache;
  const notes = (resolution.fileNotes ?? []).map((note) => `the ${note.file} file ${shown(note.path)}, ${note.text}`);
  const fileNotes = notes.length > 0 ? { fileNotes: notes } : {};
  const process = resolution.process ? { process: { profile: resolution.process.profile, program: shownProgram(resolution.process.command) } } : {};
  if (resolution.kind !== "plan") return { resolution: "delegate", profile: resolution.profile, reason: resolution.reason, cache, ...process, ...fileNotes };
  const statuses = new Map<AssumeRoleStep | WebIdentityStep, HopCacheStatus>();
  const trust: Trust = { fs: deps.fs, uid: deps.uid };
  // The provider uses nothing in a directory that is not ours (file-cache.ts), so neither entry counts.
  const dir = cache.enabled ? await checkCacheDirectory(trust, resolution.settings.cache.dir) : undefined;
  const dirRefused = dir?.kind === "refused" ? `the cache directory is not used: ${dir.reason}` : undefined;
  const status = async (entry: { key: string; file: string }): Promise<HopCacheStatus> =>
    dirRefused ? { state: "unusable", key: entry.key, file: entry.file, reason: dirRefused } : lookUp(entry, cache, deps.clock, trust);
  for (const hop of resolution.hops) if (hop.cached) statuses.set(hop.step, await status(hop));
  const mfaSession = resolution.mfaSession ? describeMfaSession(resolution.mfaSession, await status(resolution.mfaSession)) : undefined;
  return {
    resolution: "plan",
    ...describePlan(resolution.plan, (step) => statuses.get(step)),
    cache,
    ...(mfaSession ? { mfaSession } : {}),
    ...process,
    ...fileNotes,
  };
}

/** The program a credential_process line runs, escaped for display; never its arguments (they may hold a secret). */
export function shownProgram(command: string): string {
  return shown(programOf(command));
}

// --- internal ---

async function lookUp({ key, file }: { key: string; file: string }, cache: CacheSettingsDescription, clock: Deps["clock"], trust: Trust): Promise<HopCacheStatus> {
  if (!cache.enabled) return { state: "disabled", key, file };
  const found = await readTrustedEntry(trust, file, clock.now());
  if (found.kind === "missing") return { state: "none", key, file };
  if (found.kind === "refused") return { state: "unusable", key, file, reason: found.reason };
  const entry = found.session;
  const expiresAt = entry.credentials.expiration.getTime();
  const { usable, leftMs } = sessionUsability(expiresAt, clock.now(), cache.minRemainingMs);
  const accessKeyId = maskAccessKeyId(entry.credentials.accessKeyId);
  if (leftMs <= 0) return { state: "expired", key, file, expiresAt, accessKeyId };
  if (!usable) {
    const reason = `${formatDurationMs(leftMs)} left, less than the ${formatDurationMs(cache.minRemainingMs)} a cached session must have`;
    return { state: "unusable", key, file, expiresAt, reason, accessKeyId };
  }
  return { state: "usable", key, file, expiresAt, usableForMs: leftMs - cache.minRemainingMs, accessKeyId };
}
