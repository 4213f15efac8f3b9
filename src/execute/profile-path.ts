// The provider's profile path: resolves the options once into Settings (at the first fetch), resolves the
// profile (resolve/resolve-profile.ts) and turns the Resolution into credentials: environment keys through
// the SDK's fromEnv, a delegated profile through the SDK's default chain, a plan through executePlan().
// Loaded on the first fetch that needs a profile, so a process whose credentials come from the environment
// (a deployed Lambda) never loads the planner, the cache or the profile parser.
import type { AwsIdentityProperties } from "@aws-sdk/types";
import type { AwsCredentialIdentityProvider, Logger } from "@smithy/types";
import { createSessionCache } from "../cache/cache-settings.js";
import type { SessionCache } from "../cache/session-cache.js";
import { formatChain } from "../errors.js";
import type { FromProfileWithRoleAssumptionOptions } from "../options.js";
import type { FetchOptions } from "../refresh/refreshing-provider.js";
import { resolveProfile, type CallerClientConfig, type PlanResolution, type Resolution } from "../resolve/resolve-profile.js";
import { hasEnvironmentKeys } from "../resolve/select-source.js";
import { resolveSettings, type Settings } from "../resolve/settings.js";
import { resolveStsRegion } from "../resolve/sts-region.js";
import type { Credentials } from "../runtime/credentials.js";
import type { Deps } from "../runtime/deps.js";
import type { StsClient } from "../runtime/sts.js";
import { executePlan } from "./execute-plan.js";
import { identityOf } from "./session-flights.js";

export class ProfilePath {
  readonly settings: Settings;
  private sdkChain: AwsCredentialIdentityProvider | undefined;
  private sts: Promise<StsClient> | undefined;
  private readonly warned = new Set<string>();
  private readonly cache: SessionCache;
  private scope: Promise<string> | undefined;
  /** `mfaSession: { renew: true }` renews once, at this provider's first fetch that uses an MFA session. */
  private renewMfaSession: boolean;

  constructor(
    options: FromProfileWithRoleAssumptionOptions,
    private readonly deps: Deps,
  ) {
    this.settings = resolveSettings(options, deps.env);
    this.cache = deps.cache ?? createSessionCache(this.settings.cache, deps.logger, deps.clock, deps);
    this.renewMfaSession = this.settings.mfaSession?.renew === true;
  }

  resolve(caller: CallerClientConfig | undefined): Promise<Resolution> {
    return resolveProfile(this.settings, this.deps, caller);
  }

  async credentials(resolution: Resolution, caller: CallerClientConfig | undefined, { forceRefresh, refreshing, properties }: FetchOptions): Promise<Credentials> {
    if (resolution.kind === "environment") {
      const { fromEnv } = await import("@aws-sdk/credential-provider-env");
      return fromEnv({ logger: this.deps.logger })();
    }
    for (const warning of resolution.readingWarnings ?? []) this.warnOnce(warning);
    if (resolution.kind === "delegate") {
      this.deps.logger.debug?.(`aws-profile-credentials: ${resolution.reason}; the AWS SDK's default chain resolves it`);
      const explicit = resolution.source.kind === "profile" && resolution.source.explicit;
      return this.delegate(explicit ? resolution.profile : undefined, forceRefresh || refreshing, properties);
    }
    const { plan } = resolution;
    this.deps.logger.debug?.(
      `aws-profile-credentials: profile "${plan.profile}": profile chain ${formatChain(plan.chain)}, ` +
        `${plan.roles.length} role(s) to assume with ${plan.base.kind} from profile "${plan.base.profile}"`,
    );
    // A plan runs with environment keys set only when a profile was chosen: the JS SDK then uses the profile.
    if (hasEnvironmentKeys(this.deps.env)) this.warnMultipleSources();
    for (const warning of plan.warnings) this.warnOnce(warning);
    this.warnShortSessions(resolution);
    const renewMfaSession = this.renewMfaSession && resolution.mfaSession !== undefined;
    const credentials = await executePlan(
      resolution,
      {
        sts: () => this.stsClient(resolution, caller),
        cache: this.cache,
        clock: this.deps.clock,
        logger: this.deps.logger,
        mfa: {
          prompter: this.deps.prompter,
          env: this.deps.env,
          sharedCache: this.settings.cache.enabled,
          ...(this.settings.mfaCodeProvider ? { mfaCodeProvider: this.settings.mfaCodeProvider } : {}),
        },
        fs: this.deps.fs,
        sessionScope: () => this.sessionScope(resolution, caller),
        sdkInit: this.sdkInit(undefined),
        ...(this.deps.sdkSource ? { sdkSource: this.deps.sdkSource } : {}),
      },
      { forceRefresh, renewMfaSession, ...(properties ? { properties } : {}) },
    );
    if (renewMfaSession) this.renewMfaSession = false;
    return credentials;
  }

  private async delegate(profile: string | undefined, force: boolean, properties: AwsIdentityProperties | undefined) {
    if (!this.sdkChain) {
      const { defaultProvider } = await import("@aws-sdk/credential-provider-node");
      this.sdkChain = defaultProvider(this.sdkInit(profile));
    }
    return this.sdkChain({ ...properties, ...(force ? { forceRefresh: true } : {}) } as AwsIdentityProperties);
  }

  private sdkInit(profile: string | undefined): Record<string, unknown> {
    return { ...this.settings.sdkInit, ...(profile ? { profile } : {}), logger: this.deps.logger };
  }

  private stsClient(resolution: PlanResolution, caller: CallerClientConfig | undefined): Promise<StsClient> {
    if (!this.sts) {
      this.sts = (async () => {
        const { clientConfig, clientPlugins } = this.settings.sts;
        const region = await this.stsRegion(resolution, caller, this.deps.logger);
        return this.deps.createSts({ region, ...(clientConfig ? { clientConfig } : {}), ...(clientPlugins ? { clientPlugins } : {}) });
      })();
      this.sts.catch(() => {
        this.sts = undefined;
      });
    }
    return this.sts;
  }

  private stsRegion(resolution: PlanResolution, caller: CallerClientConfig | undefined, logger: Pick<Logger, "warn">): Promise<string> {
    return resolveStsRegion({
      clientConfigRegion: this.settings.sts.clientConfig?.region,
      ...(resolution.plan.region ? { profileRegion: resolution.plan.region } : {}),
      callerRegion: caller?.region,
      ...(caller?.profile ? { callerProfile: caller.profile } : {}),
      env: this.deps.env,
      profiles: resolution.profiles,
      logger,
    });
  }

  /**
   * Everything besides a hop's cache key that makes its session differ from another provider's in this
   * process: where sessions are kept (the disk cache's directory, else this provider's own store), the
   * profile files, and where STS is (endpoint, region, the client factory and plugins). Fixed with the
   * STS client at the first fetch, as the client is.
   */
  private sessionScope(resolution: PlanResolution, caller: CallerClientConfig | undefined): Promise<string> {
    this.scope ??= (async () => {
      const { enabled, dir } = this.settings.cache;
      const { clientConfig = {}, clientPlugins = [] } = this.settings.sts;
      // The region warning, if due, comes with the STS client itself.
      const region = await this.stsRegion(resolution, caller, { warn: () => undefined });
      return JSON.stringify({
        store: enabled && !this.deps.cache ? `dir ${dir}` : `store ${identityOf(this.cache)}`,
        files: this.settings.files,
        region,
        sts: STS_LOCATION.map((name) => describeValue(clientConfig[name])),
        plugins: clientPlugins.map(identityOf),
        createSts: identityOf(this.deps.createSts),
        sdkSource: this.deps.sdkSource && identityOf(this.deps.sdkSource),
        assumeRoleParams: this.settings.assumeRoleParams,
      });
    })();
    return this.scope;
  }

  /** A session no longer than the cache threshold is never reused from the cache (aws/aws-cli#5880). */
  private warnShortSessions({ plan }: PlanResolution): void {
    const { enabled, minRemainingMs } = this.settings.cache;
    if (!enabled) return;
    for (const hop of plan.roles) {
      if (hop.durationSeconds !== undefined && hop.durationSeconds * 1000 <= minRemainingMs) {
        this.warnOnce(
          `aws-profile-credentials: duration_seconds ${hop.durationSeconds} of profile "${hop.profile}" is at or below the ` +
            `${minRemainingMs / 1000}-second cache threshold, so its sessions are never reused from the cache ` +
            `and every new process calls STS (and asks for MFA). Use a longer duration_seconds.`,
        );
      }
    }
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.deps.logger.warn(message);
  }

  private warnMultipleSources(): void {
    if (multipleSourcesWarned) return;
    multipleSourcesWarned = true;
    this.deps.logger.warn(
      "aws-profile-credentials WARNING: Multiple credential sources detected: both a profile and the pair " +
        "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are set. The profile is used, as by the AWS SDK for JavaScript " +
        "(the AWS CLI would use the environment keys). Unset one of them.",
    );
  }
}

// --- internal ---

let multipleSourcesWarned = false;

/** The client settings that decide which STS answers. */
const STS_LOCATION = ["endpoint", "region", "useFipsEndpoint", "useDualstackEndpoint"] as const;

function describeValue(value: unknown): unknown {
  return value === null || typeof value !== "object" && typeof value !== "function" ? value : `#${identityOf(value as object)}`;
}
