// A Plan as `explain` shows it: a redacted, JSON-friendly description (describePlan) and its text form
// (formatPlanDescription). Pure: the cache status of each hop is looked up by inspect/inspect-profile.ts
// and handed in. Secret keys and session tokens never leave this file; access key ids are masked as
// `AKIA…WXYZ`.
//
// Text format (pinned by test/plan/describe-plan.test.ts):
//
//   profile: admin
//   region: eu-west-1
//   chain: admin -> base
//   1. static keys of profile "base": access key AKID…0001
//   2. assume role arn:aws:iam::123456789012:role/Admin (profile "admin")
//        mfa_serial: arn:aws:iam::111111111111:mfa/alice
//        external_id: ext-42
//        role_session_name: (generated)
//        duration_seconds: 3600
//        cache: usable for 54m 12s, until 2026-11-22T03:59:39Z (ASIA…0001)
//        cache file: /home/me/.aws/cli/cache/9861399b98e044d64b55de48f705c3e1e72da613.json
//   cache: /home/me/.aws/cli/cache (a session is used while at least 15m 00s of it is left)
//   warning: <text>
//
// Optional lines (region, mfa_serial, external_id, duration_seconds, warnings) appear only when set;
// `duration_seconds: (STS default, 1 hour)` when unset.
import type { CredentialSourceName } from "../profile/keys.js";
import type { AssumeRoleStep, Plan, WebIdentityStep } from "./steps.js";

/**
 * Whether a role hop has a session in the disk cache (`~/.aws/cli/cache`) that the next resolution would
 * use instead of calling STS. `usable`: at least the minimum remaining lifetime is left; `unusable`: the
 * entry exists but will not be used (too little time left, or the file is not a valid entry); `expired`;
 * `none`: no file; `disabled`: the disk cache is turned off.
 */
export interface HopCacheStatus {
  state: "usable" | "unusable" | "expired" | "none" | "disabled";
  /** The AWS CLI cache key of the hop (40 hex characters). */
  key: string;
  /** `<cacheDir>/<key>.json`. */
  file: string;
  /** Expiry of the cached session (epoch ms), when there is one. */
  expiresAt?: number;
  /** How much longer the cached session will be used (epoch ms difference), for `usable`. */
  usableForMs?: number;
  /** Why an existing entry will not be used, for `unusable`. */
  reason?: string;
  /** The cached session's access key id, masked (`ASIA…WXYZ`). */
  accessKeyId?: string;
}

/** One step of a described plan, 1-based, with no secret in it. */
export type DescribedStep =
  | { index: number; kind: "staticKeys"; profile: string; accessKeyId: string; sessionToken: boolean }
  | { index: number; kind: "credentialSource"; profile: string; source: CredentialSourceName }
  | { index: number; kind: "sdkProfile"; profile: string; via: "sso" | "process" | "login" }
  | {
      index: number;
      kind: "webIdentity";
      profile: string;
      roleArn: string;
      tokenFile: string;
      roleSessionName?: string;
      /** Only a web identity with no role hop above it is cached (as in the AWS CLI). */
      cache?: HopCacheStatus;
    }
  | (AssumeRoleStep & { index: number; cache?: HopCacheStatus });

/** A plan without secrets: what `explain --json` prints inside the inspection. */
export interface PlanDescription {
  profile: string;
  chain: string[];
  region?: string;
  /** Execution order: the base step first, the outermost role last. */
  steps: DescribedStep[];
  warnings: string[];
}

/** Disk cache settings, shown below the steps. */
export interface CacheSettingsDescription {
  enabled: boolean;
  dir: string;
  /** A cached session is used only while at least this much of it is left. */
  minRemainingMs: number;
}

/** The cache status of a hop that is looked up in the cache, else undefined. */
export type CacheStatusLookup = (step: AssumeRoleStep | WebIdentityStep) => HopCacheStatus | undefined;

/** Redacts `plan` into a PlanDescription; `cacheStatus` adds each cached hop's status. */
export function describePlan(plan: Plan, cacheStatus: CacheStatusLookup = () => undefined): PlanDescription {
  const steps: DescribedStep[] = [describeBase(plan, cacheStatus)];
  for (const hop of plan.roles) {
    const cache = cacheStatus(hop);
    steps.push({
      index: steps.length + 1,
      kind: "assumeRole",
      profile: hop.profile,
      roleArn: hop.roleArn,
      ...optional({ roleSessionName: hop.roleSessionName, externalId: hop.externalId, mfaSerial: hop.mfaSerial }),
      ...(hop.durationSeconds !== undefined ? { durationSeconds: hop.durationSeconds } : {}),
      ...(cache ? { cache } : {}),
    });
  }
  return {
    profile: plan.profile,
    chain: [...plan.chain],
    ...(plan.region ? { region: plan.region } : {}),
    steps,
    warnings: [...plan.warnings],
  };
}

/** The text lines of `explain` (see the format at the top of this file); `afterSteps` go below the steps. */
export function formatPlanDescription(description: PlanDescription, cache?: CacheSettingsDescription, afterSteps: string[] = []): string[] {
  const lines = [`profile: ${description.profile}`];
  if (description.region) lines.push(`region: ${description.region}`);
  lines.push(`chain: ${description.chain.join(" -> ")}`);
  for (const step of description.steps) lines.push(...stepLines(step));
  lines.push(...afterSteps);
  if (cache) {
    lines.push(
      cache.enabled
        ? `cache: ${cache.dir} (a session is used while at least ${formatDurationMs(cache.minRemainingMs)} of it is left)`
        : `cache: disabled (${cache.dir} is neither read nor written)`,
    );
  }
  for (const warning of description.warnings) lines.push(`warning: ${warning}`);
  return lines;
}

/** The indented `cache:` and `cache file:` lines of a cached session. */
export function formatCacheStatus(status: HopCacheStatus): string[] {
  return cacheLines(status);
}

/** `AKIAIOSFODNN7EXAMPLE` → `AKIA…MPLE`; ids too short to mask keep only their first 4 characters. */
export function maskAccessKeyId(accessKeyId: string): string {
  if (accessKeyId.length < 12) return `${accessKeyId.slice(0, 4)}…`;
  return `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`;
}

/** `3_252_000` → `54m 12s`; `3_900_000` → `1h 05m`; `12_000` → `12s`. */
export function formatDurationMs(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h}h ${pad(m)}m`;
  if (m > 0) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}

// --- internal ---

const INDENT = "     ";

function describeBase(plan: Plan, cacheStatus: CacheStatusLookup): DescribedStep {
  const base = plan.base;
  switch (base.kind) {
    case "staticKeys":
      return {
        index: 1,
        kind: "staticKeys",
        profile: base.profile,
        accessKeyId: maskAccessKeyId(base.accessKeyId),
        sessionToken: base.sessionToken !== undefined,
      };
    case "credentialSource":
      return { index: 1, kind: "credentialSource", profile: base.profile, source: base.source };
    case "sdkProfile":
      return { index: 1, kind: "sdkProfile", profile: base.profile, via: base.via };
    case "webIdentity": {
      const cache = cacheStatus(base);
      return {
        index: 1,
        kind: "webIdentity",
        profile: base.profile,
        roleArn: base.roleArn,
        tokenFile: base.tokenFile,
        ...optional({ roleSessionName: base.roleSessionName }),
        ...(cache ? { cache } : {}),
      };
    }
  }
}

function stepLines(step: DescribedStep): string[] {
  const head = `${step.index}. `;
  switch (step.kind) {
    case "staticKeys":
      return [`${head}static keys of profile "${step.profile}": access key ${step.accessKeyId}${step.sessionToken ? " with a session token" : ""}`];
    case "credentialSource":
      return [`${head}credential_source ${step.source} of profile "${step.profile}"`];
    case "sdkProfile":
      return [`${head}${SDK_SOURCES[step.via]} of profile "${step.profile}", resolved by the AWS SDK`];
    case "webIdentity":
      return [
        `${head}assume role ${step.roleArn} with web identity (profile "${step.profile}")`,
        `${INDENT}web_identity_token_file: ${step.tokenFile}`,
        `${INDENT}role_session_name: ${step.roleSessionName ?? "(generated)"}`,
        ...(step.cache ? cacheLines(step.cache) : [`${INDENT}cache: not cached (a web identity below a role is not cached, as in the AWS CLI)`]),
      ];
    case "assumeRole":
      return [
        `${head}assume role ${step.roleArn} (profile "${step.profile}")`,
        ...(step.mfaSerial ? [`${INDENT}mfa_serial: ${step.mfaSerial}`] : []),
        ...(step.externalId ? [`${INDENT}external_id: ${step.externalId}`] : []),
        `${INDENT}role_session_name: ${step.roleSessionName ?? "(generated)"}`,
        `${INDENT}duration_seconds: ${step.durationSeconds ?? "(STS default, 1 hour)"}`,
        ...(step.cache ? cacheLines(step.cache) : []),
      ];
  }
}

const SDK_SOURCES = { sso: "SSO", process: "credential_process", login: "console login session" } as const;

function cacheLines(status: HopCacheStatus): string[] {
  return [`${INDENT}cache: ${cacheStateText(status)}`, `${INDENT}cache file: ${status.file}`];
}

function cacheStateText(status: HopCacheStatus): string {
  const until = status.expiresAt !== undefined ? new Date(status.expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z") : "";
  const key = status.accessKeyId ? ` (${status.accessKeyId})` : "";
  switch (status.state) {
    case "usable":
      return `usable for ${formatDurationMs(status.usableForMs ?? 0)}, until ${until}${key}`;
    case "unusable":
      return `unusable: ${status.reason ?? "not a valid entry"}`;
    case "expired":
      return `expired at ${until}`;
    case "none":
      return "none";
    case "disabled":
      return "disabled";
  }
}

function optional<T extends Record<string, string | undefined>>(fields: T): Partial<Record<keyof T, string>> {
  const out: Partial<Record<keyof T, string>> = {};
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) out[name as keyof T] = value;
  return out;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
