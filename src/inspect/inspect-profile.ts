// inspectProfile(), the public entry: its option and result types, and a function that loads the
// implementation (inspect-profile-with.ts, with the planner and the cache readers) only when called, so
// importing the package stays cheap.
import type { FromProfileWithRoleAssumptionOptions } from "../options.js";
import type { CacheSettingsDescription, PlanDescription } from "../plan/describe-plan.js";
import type { MfaSessionDescription } from "./describe-mfa-session.js";
import { defaultDeps } from "../runtime/deps.js";

export type { CacheSettingsDescription, DescribedStep, HopCacheStatus, PlanDescription } from "../plan/describe-plan.js";
export type { MfaSessionDescription } from "./describe-mfa-session.js";

/** What inspectProfile() needs to know: the options that choose the profile and shape the cache keys. */
export interface InspectProfileOptions
  extends Pick<
    FromProfileWithRoleAssumptionOptions,
    "profile" | "filepath" | "configFilepath" | "roleSessionName" | "assumeRoleParams" | "durationSeconds" | "minCachedSessionRemainingMs" | "mfaSession"
  > {
  /**
   * Whether the disk cache is in use; when false every hop's cache state is `disabled`.
   * @default true, unless AWS_PROFILE_CREDENTIALS_CACHE is `off`, `false`, `0` or `no`
   */
  cache?: boolean;
  /** @default `<home>/.aws/cli/cache` */
  cacheDir?: string;
}

/**
 * How a profile would be resolved: `plan` when this library assumes roles for it (its steps, each role
 * hop's cache status), `delegate` when the AWS SDK's default chain resolves it (static keys, SSO,
 * credential_process, environment keys). Holds no secret.
 */
export type ProfileInspection = (
  | ({ resolution: "plan"; cache: CacheSettingsDescription; mfaSession?: MfaSessionDescription; process?: ProcessDescription } & PlanDescription)
  | { resolution: "delegate"; profile: string; reason: string; cache: CacheSettingsDescription; process?: ProcessDescription }
) & {
  /**
   * Every place where the AWS CLI reads the profile files differently from this library, each naming the
   * file and line and what the CLI would do (docs/semantics.md §2.5); absent when there is none.
   */
  fileNotes?: string[];
};

/** The credential_process that supplies the base credentials: the profile holding it and its program (no arguments). */
export interface ProcessDescription {
  profile: string;
  program: string;
}

/**
 * Describes how `fromProfileWithRoleAssumption(options)` would resolve the selected profile, and whether
 * each role session is already in the AWS CLI cache and for how long it stays usable, without calling
 * STS or asking for an MFA code. Configuration errors reject as they would when resolving.
 *
 * @example
 * ```ts
 * const inspection = await inspectProfile({ profile: "admin" });
 * if (inspection.resolution === "plan") {
 *   const states = inspection.steps.map((step) => ("cache" in step ? step.cache?.state : undefined));
 * }
 * ```
 */
export async function inspectProfile(options: InspectProfileOptions = {}): Promise<ProfileInspection> {
  const { inspectProfileWith } = await import("./inspect-profile-with.js");
  return inspectProfileWith(options, defaultDeps(undefined));
}

