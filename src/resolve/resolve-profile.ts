// The one resolution: loads the shared files, selects the source (select-source.ts), plans the selected
// profile (plan/build-plan.ts) and, for each STS step, computes its cache key and file (hop-sessions.ts).
// It returns one value that the provider executes (execute/), inspectProfile() describes (inspect/) and
// every CLI command consumes. Files are always read fresh: the SDK's loader otherwise serves what it first
// read in this process, so a refresh would not see edits. A profile that cannot be found gets notes on
// what the files held (profile/profile-file-notes.ts).
import { buildPlan, staticKeysPlan } from "../plan/build-plan.js";
import type { Plan, Resolution as PlannedOrDelegated } from "../plan/steps.js";
import { profileKind, type ProfileKind } from "../plan/profile-kind.js";
import { DEFAULT_PROFILE, delegatedSourceKeys, envKeys, regionKey, roleKeys, staticKeys, webIdentityKeys } from "../profile/keys.js";
import { loadProfiles, type LoadedProfiles, type Profile, type ProfileSet } from "../profile/load-profiles.js";
import { withProfileFileNotes } from "../profile/profile-file-notes.js";
import { notesForChain, readingWarnings, type FileNote } from "../profile/reading-notes.js";
import { sdkReadabilityError } from "../profile/sdk-readability.js";
import type { Deps } from "../runtime/deps.js";
import { planHopSessions, withDurationOverride, type HopSession } from "./hop-sessions.js";
import { applyMfaSession, type MfaSessionUse } from "./mfa-session.js";
import { selectSource, type Source } from "./select-source.js";
import type { Settings } from "./settings.js";

interface ResolutionBase {
  settings: Settings;
  source: Source;
  /** The selected profile (the implicit `default` when environment keys are used). */
  profile: string;
  profiles: ProfileSet;
  /** The selected profile's `region`, if any. */
  profileRegion?: string;
  /**
   * The credential_process that supplies the base credentials (the selected profile's own, or its chain's
   * base), with the profile that holds it.
   */
  process?: { profile: string; command: string };
  /** Every place where the AWS CLI reads the files differently (docs/semantics.md §2.5); explain lists them. */
  fileNotes?: FileNote[];
  /** One warning per file and case, for the notes that change a value read on this resolution's chain. */
  readingWarnings?: string[];
}

export type Resolution =
  /** No profile chosen and both environment keys set: the SDK's fromEnv supplies the credentials. */
  | (ResolutionBase & { kind: "environment"; reason: string })
  /** The profile assumes no role: the SDK's default chain resolves it (static keys, SSO, process, login). */
  | (ResolutionBase & { kind: "delegate"; reason: string })
  /** The profile assumes roles: this library executes the plan, step by step, cache-first. */
  | (ResolutionBase & {
      kind: "plan";
      plan: Plan;
      hops: HopSession[];
      /** The MFA session the plan's roles are assumed from (MFA sessions on, a device, long-term keys). */
      mfaSession?: MfaSessionUse;
    });

export type PlanResolution = Extract<Resolution, { kind: "plan" }>;

/** What a calling SDK client passes in `callerClientConfig`, as far as resolution uses it. */
export interface CallerClientConfig {
  profile?: string;
  region?: string | (() => Promise<string | undefined>);
}

export async function resolveProfile(
  settings: Settings,
  deps: Pick<Deps, "env" | "fs">,
  caller?: Pick<CallerClientConfig, "profile">,
): Promise<Resolution> {
  const source = selectSource(deps.env, settings.profile, caller?.profile);
  const loaded = await loadProfiles(settings.files, deps.fs);
  try {
    const resolution = resolveFromProfiles(loaded.profiles, source, settings);
    const warnings = resolution.kind === "environment" ? [] : checkLoaded(loaded, resolution.profile, resolution);
    return { ...resolution, fileNotes: loaded.notes, ...(warnings.length > 0 ? { readingWarnings: warnings } : {}) };
  } catch (error) {
    throw await withProfileFileNotes(error, loaded.profiles, settings.files, deps.fs);
  }
}

/** The pure part of resolveProfile(), for profiles already loaded. */
export function resolveFromProfiles(profiles: ProfileSet, source: Source, settings: Settings): Resolution {
  const name = source.kind === "profile" ? source.name : DEFAULT_PROFILE;
  const selected = own(profiles, name);
  const region = selected?.[regionKey];
  const base = { settings, source, profile: name, profiles, ...(region ? { profileRegion: region } : {}) };
  if (source.kind === "environment") {
    const reason = `no profile is selected and ${envKeys.accessKeyId}/${envKeys.secretAccessKey} are set, so the environment keys are used`;
    return { ...base, kind: "environment", reason };
  }
  const resolution = buildPlan(profiles, name, {
    explicit: source.explicit,
    ...(settings.envRoleSessionName ? { envRoleSessionName: settings.envRoleSessionName } : {}),
  });
  const ownSerial = settings.mfaSession && selected ? mfaUserSerial(selected) : undefined;
  if (resolution.kind === "delegate" && ownSerial === undefined) {
    const command = selected && profileKind(selected) === "process" ? selected[delegatedSourceKeys.credentialProcess] : undefined;
    return { ...base, kind: "delegate", reason: resolution.reason, ...(command ? { process: { profile: name, command } } : {}) };
  }
  const built = resolution.kind === "plan" ? resolution.plan : staticKeysPlan(profiles, name);
  const durationPlan = withDurationOverride(built, settings.assumeRoleParams?.DurationSeconds);
  const ownMfaProcess = ownSerial !== undefined ? selected?.[roleKeys.mfaProcess] : undefined;
  const ownDevice = ownSerial !== undefined ? { serial: ownSerial, ...(ownMfaProcess !== undefined ? { mfaProcess: ownMfaProcess } : {}) } : undefined;
  const mfa = applyMfaSession(durationPlan, planHopSessions(durationPlan, settings), settings, ownDevice);
  const plan = mfa.warnings.length > 0 ? { ...durationPlan, warnings: [...durationPlan.warnings, ...mfa.warnings] } : durationPlan;
  const planBase = plan.base;
  const command = planBase.kind === "sdkProfile" && planBase.via === "process" ? own(profiles, planBase.profile)?.[delegatedSourceKeys.credentialProcess] : undefined;
  return {
    ...base,
    kind: "plan",
    plan,
    hops: mfa.hops,
    ...(mfa.mfaSession ? { mfaSession: mfa.mfaSession } : {}),
    ...(command ? { process: { profile: planBase.profile, command } } : {}),
  };
}

/**
 * What the files themselves add to a planned or delegated profile: a profile the SDK's own providers must
 * resolve has to be one they read as we do (else PROFILE_NOT_READABLE_BY_SDK), and the AWS CLI's different
 * readings that touch the chain become warnings, one per file and case (docs/semantics.md §2.5).
 */
export function checkLoaded(loaded: LoadedProfiles, selected: string, resolution: PlannedOrDelegated): string[] {
  const target =
    resolution.kind === "delegate"
      ? { name: selected, chain: [selected], via: "the SDK's default chain" }
      : resolution.plan.base.kind === "sdkProfile"
        ? { name: resolution.plan.base.profile, chain: resolution.plan.chain, via: resolution.plan.base.via }
        : undefined;
  const error = target && sdkReadabilityError(loaded, target.name, target.chain, target.via);
  if (error) throw error;
  return readingWarnings(notesForChain(loaded.notes, resolution.kind === "plan" ? resolution.plan.chain : [selected]));
}

export interface ProfileListing {
  name: string;
  kind: ProfileKind;
  /** Where a role's source credentials come from, as its keys say: `source_profile`, `credential_source` or the token file. */
  source?: { sourceProfile: string } | { credentialSource: string } | { webIdentityTokenFile: string };
  mfaSerial?: string;
}

/** Every profile in the shared files with its kind, its own source keys and MFA device, sorted by name. */
export async function listProfiles(settings: Settings, deps: Pick<Deps, "fs">): Promise<ProfileListing[]> {
  const { profiles } = await loadProfiles(settings.files, deps.fs);
  return Object.keys(profiles)
    .sort()
    .map((name) => listing(name, profiles[name] as Profile));
}

// --- internal ---

/** The mfa_serial of a profile of long-term static keys and no role: MFA sessions make it a plan of its own. */
function mfaUserSerial(profile: Profile): string | undefined {
  const serial = profile[roleKeys.mfaSerial];
  if (serial === undefined || profileKind(profile) !== "static" || profile[staticKeys.sessionToken] !== undefined) return undefined;
  return profile[staticKeys.accessKeyId] !== undefined && profile[staticKeys.secretAccessKey] !== undefined ? serial : undefined;
}

function listing(name: string, profile: Profile): ProfileListing {
  const sourceProfile = profile[roleKeys.sourceProfile];
  const credentialSource = profile[roleKeys.credentialSource];
  const tokenFile = profile[webIdentityKeys.tokenFile];
  const source =
    sourceProfile !== undefined ? { sourceProfile } : credentialSource !== undefined ? { credentialSource } : tokenFile !== undefined ? { webIdentityTokenFile: tokenFile } : undefined;
  const mfaSerial = profile[roleKeys.mfaSerial];
  return { name, kind: profileKind(profile), ...(source ? { source } : {}), ...(mfaSerial !== undefined ? { mfaSerial } : {}) };
}

function own(profiles: ProfileSet, name: string): Profile | undefined {
  return Object.prototype.hasOwnProperty.call(profiles, name) ? profiles[name] : undefined;
}
