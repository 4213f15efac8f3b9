// Runs a Plan lazily and cache-first: the outermost hop is looked up first, and only on a miss are its
// source credentials resolved (recursively), an MFA code asked for and STS called. So STS calls go
// innermost-first and a cached outer session needs no inner hop, no source and no MFA code. Each fetch
// runs under the cache's per-key lock and re-reads the cache inside it, so concurrent callers (threads
// of one process, or other processes for the disk cache) make one STS call per hop. Providers of one
// process first join each other's fetch in memory (session-flights.ts); the lock is for other processes.
import type { AwsIdentityProperties } from "@aws-sdk/types";
import type { Logger } from "@smithy/types";
import { unsharedLock, type HeldLock, type SessionCache } from "../cache/session-cache.js";
import { formatChain, ProfileCredentialsError } from "../errors.js";
import type { AssumeRoleStep, CredentialSourceStep, Plan, SdkProfileStep, WebIdentityStep } from "../plan/steps.js";
import { sessionUsability, type HopSession } from "../resolve/hop-sessions.js";
import type { PlanResolution } from "../resolve/resolve-profile.js";
import type { Clock } from "../runtime/clock.js";
import type { Credentials } from "../runtime/credentials.js";
import type { FileSystem } from "../runtime/fs.js";
import type { StsClient, StsSession } from "../runtime/sts.js";
import { sdkSourceCredentials, staticCredentials, type SdkProviderInit } from "./base-credentials.js";
import { withMfaCode, type MfaSources } from "./mfa-code.js";
import { fetchMfaSession, mfaSessionDeniedNote } from "./mfa-session-credentials.js";
import { sessionFlights, type SessionFlights } from "./session-flights.js";
import { toStsCallError } from "./sts-errors.js";

export interface ExecuteDeps {
  sts: () => Promise<StsClient>;
  cache: SessionCache;
  clock: Clock;
  logger: Logger;
  mfa: MfaSources;
  fs: Pick<FileSystem, "readFile">;
  sdkInit: SdkProviderInit;
  /**
   * What, besides a hop's cache key, tells its session apart from another provider's in this process
   * (cache directory or store, profile files, STS endpoint and region): the in-memory identity's prefix.
   */
  sessionScope: () => Promise<string>;
  /** @default the process-wide registry */
  flights?: SessionFlights;
  /** Replaces the SDK's providers for base steps they serve (tests). */
  sdkSource?: (step: CredentialSourceStep | SdkProfileStep) => Promise<Credentials>;
}

export interface ExecuteOptions {
  /** Skip the cache read for the outermost hop (its new session is still written). */
  forceRefresh?: boolean;
  /** Start a new MFA session, and new sessions for every role assumed from it (no cache reads). */
  renewMfaSession?: boolean;
  properties?: AwsIdentityProperties;
}

export async function executePlan(resolution: PlanResolution, deps: ExecuteDeps, options: ExecuteOptions = {}): Promise<Credentials> {
  const run = new PlanRun(resolution, deps, options);
  return run.resolve(resolution.plan.roles.length - 1, options.forceRefresh === true);
}

// --- internal ---

/** botocore's sentence for a credential_source that yields nothing, and why: no connection is tried. */
function ec2MetadataDisabled(profile: string, chain: readonly string[]): ProfileCredentialsError {
  return new ProfileCredentialsError(
    `Error when retrieving credentials from Ec2InstanceMetadata: No credentials found in credential_source referenced in profile ${profile} ` +
      `(AWS_EC2_METADATA_DISABLED is true, so instance metadata is not contacted; unset it or use another credential_source). ` +
      `Profile chain: ${formatChain(chain)}.`,
    { code: "EC2_METADATA_DISABLED", profile, chain },
  );
}

/** How debug lines name a hop. */
function hopLabel(step: AssumeRoleStep | WebIdentityStep): string {
  return `role ${step.roleArn} (profile "${step.profile}")`;
}

class PlanRun {
  private readonly plan: Plan;
  private readonly stsSteps: number;
  private readonly minRemainingMs: number;
  /** True while renewing an MFA session: every hop skips its cache read. */
  private readonly renewing: boolean;
  /** Cache keys whose lock this run holds: a chain may assume the same role twice (Admin -> Admin). */
  private readonly held = new Set<string>();

  constructor(
    private readonly resolution: PlanResolution,
    private readonly deps: ExecuteDeps,
    private readonly options: ExecuteOptions,
  ) {
    this.plan = resolution.plan;
    this.stsSteps = resolution.hops.length + (resolution.mfaSession ? 1 : 0);
    this.renewing = resolution.mfaSession !== undefined && options.renewMfaSession === true;
    this.minRemainingMs = resolution.settings.cache.minRemainingMs;
  }

  private hop(step: AssumeRoleStep | WebIdentityStep): HopSession {
    return this.resolution.hops.find((hop) => hop.step === step) as HopSession;
  }

  /** Credentials after role hop `index` (-1: the base step). */
  async resolve(index: number, force: boolean): Promise<Credentials> {
    if (index < 0) return this.resolveBase(force);
    const hop = this.plan.roles[index] as AssumeRoleStep;
    const { key, request: configured } = this.hop(hop);
    const label = hopLabel(hop);
    return this.cached(key, label, force || this.renewing, async (held) => {
      const request = { ...configured, RoleSessionName: configured.RoleSessionName ?? `aws-sdk-js-${this.deps.clock.now()}` };
      const source = await this.resolve(index - 1, false);
      const assumeRole = async (TokenCode?: string) => {
        const sts = await this.deps.sts();
        this.debug(`${label}: calling AssumeRole (step ${this.stepNumber(index)} of ${this.stsSteps})`);
        try {
          return await sts.assumeRole({ ...request, ...(TokenCode ? { TokenCode } : {}) }, source);
        } catch (error) {
          const mfaSession = this.resolution.mfaSession;
          const note = mfaSession ? { deniedNote: mfaSessionDeniedNote(mfaSession) } : {};
          throw toStsCallError(error, { ...this.context("AssumeRole", hop.roleArn, hop.profile, this.stepNumber(index)), ...note });
        }
      };
      // With an MFA session, a hop naming its device sends no SerialNumber (resolve/mfa-session.ts).
      const serial = configured.SerialNumber;
      if (!serial) return assumeRole();
      this.debug(`${label}: a new session needs an MFA code for ${serial}`);
      const mfaHop = { serial, profile: hop.profile, chain: this.chainTo(hop.profile), ...(hop.mfaProcess !== undefined ? { mfaProcess: hop.mfaProcess } : {}) };
      return held.whileAsking(() => withMfaCode(mfaHop, this.deps.mfa, assumeRole));
    });
  }

  private async resolveBase(force: boolean): Promise<Credentials> {
    const base = this.plan.base;
    switch (base.kind) {
      case "staticKeys": {
        const mfaSession = this.resolution.mfaSession;
        if (!mfaSession) return staticCredentials(base);
        // forceRefresh renews role sessions, not the MFA session (unless it is too close to expiry).
        return this.cached(mfaSession.key, `MFA session for ${mfaSession.serial}`, this.renewing, (held) =>
          fetchMfaSession(mfaSession, base, held, {
            chain: this.plan.chain,
            steps: this.stsSteps,
            mfa: this.deps.mfa,
            sts: this.deps.sts,
            debug: (message) => this.debug(message),
          }),
        );
      }
      case "webIdentity":
        return this.resolveWebIdentity(base, force);
      default:
        if (base.kind === "credentialSource" && base.source === "Ec2InstanceMetadata" && this.resolution.settings.ec2MetadataDisabled) {
          throw ec2MetadataDisabled(base.profile, this.chainTo(base.profile));
        }
        if (this.deps.sdkSource) return this.deps.sdkSource(base);
        return sdkSourceCredentials(base, this.chainTo(base.profile), this.deps.sdkInit, this.options.properties);
    }
  }

  private async resolveWebIdentity(step: WebIdentityStep, force: boolean): Promise<Credentials> {
    const { key, cached, request } = this.hop(step);
    const fetch = async () => {
      const WebIdentityToken = await this.readToken(step);
      const RoleSessionName = request.RoleSessionName ?? `aws-sdk-js-session-${this.deps.clock.now()}`;
      const sts = await this.deps.sts();
      this.debug(`${hopLabel(step)}: calling AssumeRoleWithWebIdentity`);
      try {
        return await sts.assumeRoleWithWebIdentity({ RoleArn: step.roleArn, RoleSessionName, WebIdentityToken });
      } catch (error) {
        throw toStsCallError(error, this.context("AssumeRoleWithWebIdentity", step.roleArn, step.profile, 1));
      }
    };
    // Like the AWS CLI, only a top-level web identity session is cached; one nested under a role is not.
    if (!cached) return (await this.checked(await fetch(), step.profile)).credentials;
    return this.cached(key, hopLabel(step), force, fetch);
  }

  private async cached(key: string, label: string, force: boolean, fetch: (held: HeldLock) => Promise<StsSession>): Promise<Credentials> {
    if (this.held.has(key)) {
      // An inner hop with the key of an outer one that already missed: waiting for our own lock would
      // never end, and the cache cannot have it.
      const session = await this.checked(await fetch(unsharedLock));
      await this.deps.cache.write(key, session);
      return session.credentials;
    }
    if (!force) {
      const hit = this.usable(await this.deps.cache.read(key), key, label);
      if (hit) return hit.credentials;
    }
    // Another provider of this process may be fetching (or have just fetched) the same session.
    const identity = `${await this.deps.sessionScope()}\n${key}`;
    const flights = this.deps.flights ?? sessionFlights;
    if (!force) {
      const recent = this.usable(flights.recent(identity), key, `${label} (issued to another provider of this process)`);
      if (recent) return recent.credentials;
    }
    const session = await flights.share(identity, force, () => this.locked(key, label, force, fetch), () => this.deps.clock.now());
    return session.credentials;
  }

  /** Fetches under the cache's lock, after reading the cache again: another process may have just written it. */
  private locked(key: string, label: string, force: boolean, fetch: (held: HeldLock) => Promise<StsSession>): Promise<StsSession> {
    return this.deps.cache.withLock(key, async (held) => {
      if (!force) {
        const hit = this.usable(await this.deps.cache.read(key), key, label);
        if (hit) return hit;
      }
      this.held.add(key);
      try {
        const session = await this.checked(await fetch(held));
        await this.deps.cache.write(key, session);
        const kept = this.resolution.settings.cache.enabled ? `cached as ${key}` : "kept in memory (the disk cache is off)";
        this.debug(`${label}: new session until ${session.credentials.expiration.toISOString()}, ${kept}`);
        return session;
      } finally {
        this.held.delete(key);
      }
    });
  }

  private usable(session: StsSession | undefined, key: string, label: string): StsSession | undefined {
    if (!session) return undefined;
    const expiration = session.credentials.expiration;
    const { usable } = sessionUsability(expiration.getTime(), this.deps.clock.now(), this.minRemainingMs);
    this.debug(`${label}: cached session ${key} until ${expiration.toISOString()}, ${usable ? "used" : "too close to expiry, not used"}`);
    return usable ? session : undefined;
  }

  /** Debug lines name roles, profiles, cache keys and times: never a key, token or code. */
  private debug(message: string): void {
    this.deps.logger.debug?.(`aws-profile-credentials: ${message}`);
  }

  /** Rejects a session that is already expired on arrival (a clock far ahead of STS's). */
  private async checked(session: StsSession, profile = this.plan.profile): Promise<StsSession> {
    const expiresAt = session.credentials.expiration.getTime();
    if (expiresAt <= this.deps.clock.now()) {
      throw new ProfileCredentialsError(
        `STS returned credentials for profile "${profile}" that expired at ${session.credentials.expiration.toISOString()}, ` +
          `before the local time ${new Date(this.deps.clock.now()).toISOString()}. Check this machine's clock.`,
        { code: "CREDENTIALS_EXPIRED", profile, chain: this.plan.chain },
      );
    }
    return session;
  }

  private async readToken(step: WebIdentityStep): Promise<string> {
    try {
      return Buffer.from(await this.deps.fs.readFile(step.tokenFile)).toString("utf8");
    } catch (error) {
      throw new ProfileCredentialsError(
        `Could not read web_identity_token_file "${step.tokenFile}" of profile "${step.profile}": ` +
          `${(error as NodeJS.ErrnoException)?.code ?? (error as Error)?.message}. Check that the file exists and is readable.`,
        { code: "WEB_IDENTITY_TOKEN_UNREADABLE", profile: step.profile, chain: this.chainTo(step.profile), key: "web_identity_token_file", cause: error },
      );
    }
  }

  private stepNumber(roleIndex: number): number {
    return roleIndex + 1 + (this.plan.base.kind === "webIdentity" || this.resolution.mfaSession ? 1 : 0);
  }

  private chainTo(profile: string): string[] {
    const at = this.plan.chain.indexOf(profile);
    return at < 0 ? [...this.plan.chain] : this.plan.chain.slice(0, at + 1);
  }

  private context(action: "AssumeRole" | "AssumeRoleWithWebIdentity", roleArn: string, profile: string, step: number) {
    return { action, roleArn, profile, chain: this.plan.chain, step, steps: this.stsSteps };
  }
}
