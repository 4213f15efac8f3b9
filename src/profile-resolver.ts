// The profile path of the provider: reads the shared config files, plans the selected profile, and
// either executes the plan (role profiles) or hands the profile to the SDK's default chain. Loaded on the
// first fetch that needs a profile, so a process whose credentials come from the environment (a deployed
// Lambda) never loads the planner, the cache or the profile parser.
import type { AwsIdentityProperties } from "@aws-sdk/types";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { createSessionCache, resolveCacheSettings, type CacheSettings } from "./cache/cache-settings.js";
import type { SessionCache } from "./cache/session-cache.js";
import { executePlan } from "./execute/execute-plan.js";
import { resolveStsRegion } from "./execute/sts-region.js";
import { formatChain } from "./errors.js";
import type { FromProfileWithRoleAssumptionOptions } from "./options.js";
import { planProfileFiles } from "./plan/plan-profile-files.js";
import type { Plan } from "./plan/steps.js";
import { profileFileLocations, type ProfileSet } from "./profile/load-profiles.js";
import { hasEnvironmentKeys } from "./profile/select-profile.js";
import type { FetchOptions } from "./refresh/refreshing-provider.js";
import type { Credentials } from "./runtime/credentials.js";
import type { Deps } from "./runtime/deps.js";
import type { StsClient } from "./runtime/sts.js";

/** What the calling SDK client passes in `callerClientConfig`, as far as profile resolution uses it. */
export interface CallerClientConfig {
  profile?: string;
  region?: string | (() => Promise<string | undefined>);
}

let multipleSourcesWarned = false;

export class ProfileResolver {
  private sdkChain: AwsCredentialIdentityProvider | undefined;
  private sts: Promise<StsClient> | undefined;
  private readonly warned = new Set<string>();
  private readonly cacheSettings: CacheSettings;
  private readonly cache: SessionCache;

  constructor(
    private readonly options: FromProfileWithRoleAssumptionOptions,
    private readonly deps: Deps,
  ) {
    this.cacheSettings = resolveCacheSettings(options, deps.env);
    this.cache = deps.cache ?? createSessionCache(this.cacheSettings, deps.logger, deps.clock);
  }

  /** `selected` is the profile chosen by option, caller or AWS_PROFILE; undefined means "default". */
  async fetch(
    selected: string | undefined,
    caller: CallerClientConfig | undefined,
    { forceRefresh, refreshing, properties }: FetchOptions,
  ): Promise<Credentials> {
    const { env } = this.deps;
    const { profiles, resolution } = await planProfileFiles(profileFileLocations(env, this.options), selected, env);
    if (resolution.kind === "delegate") {
      this.deps.logger.debug?.(`aws-profile-credentials: ${resolution.reason}; the AWS SDK's default chain resolves it`);
      return this.delegate(selected, forceRefresh || refreshing, properties);
    }

    const { plan } = resolution;
    this.deps.logger.debug?.(
      `aws-profile-credentials: profile "${plan.profile}": profile chain ${formatChain(plan.chain)}, ` +
        `${plan.roles.length} role(s) to assume with ${plan.base.kind} from profile "${plan.base.profile}"`,
    );
    if (hasEnvironmentKeys(env)) this.warnMultipleSources();
    for (const warning of plan.warnings) this.warnOnce(warning);
    this.warnShortSessions(plan);
    return executePlan(
      plan,
      {
        sts: () => this.stsClient(plan, profiles, caller),
        cache: this.cache,
        clock: this.deps.clock,
        logger: this.deps.logger,
        mfa: { prompter: this.deps.prompter, ...(this.options.mfaCodeProvider ? { mfaCodeProvider: this.options.mfaCodeProvider } : {}) },
        readTextFile: this.deps.readTextFile,
        sdkInit: this.sdkInit(undefined),
        minRemainingMs: this.cacheSettings.minRemainingMs,
        ...(this.options.roleSessionName ? { roleSessionName: this.options.roleSessionName } : {}),
        ...(this.options.assumeRoleParams ? { assumeRoleParams: this.options.assumeRoleParams } : {}),
      },
      { forceRefresh, ...(properties ? { properties } : {}) },
    );
  }

  private async delegate(profile: string | undefined, force: boolean, properties: AwsIdentityProperties | undefined) {
    if (!this.sdkChain) {
      const { defaultProvider } = await import("@aws-sdk/credential-provider-node");
      this.sdkChain = defaultProvider(this.sdkInit(profile));
    }
    return this.sdkChain({ ...properties, ...(force ? { forceRefresh: true } : {}) } as AwsIdentityProperties);
  }

  private sdkInit(profile: string | undefined): Record<string, unknown> {
    const { profile: _p, mfaCodeProvider: _m, clientConfig: _c, clientPlugins: _cp, assumeRoleParams: _a, roleSessionName: _r, ...passThrough } = this.options;
    // The SDK's providers get the same file paths this library read, resolved from the same environment.
    const files = profileFileLocations(this.deps.env, this.options);
    return { ignoreCache: true, ...passThrough, ...files, ...(profile ? { profile } : {}), logger: this.deps.logger };
  }

  private stsClient(plan: Plan, profiles: ProfileSet, caller: CallerClientConfig | undefined): Promise<StsClient> {
    if (!this.sts) {
      this.sts = (async () => {
        const region = await resolveStsRegion({
          clientConfigRegion: this.options.clientConfig?.region,
          ...(plan.region ? { profileRegion: plan.region } : {}),
          callerRegion: caller?.region,
          ...(caller?.profile ? { callerProfile: caller.profile } : {}),
          env: this.deps.env,
          profiles,
          logger: this.deps.logger,
        });
        return this.deps.createSts({
          region,
          ...(this.options.clientConfig ? { clientConfig: this.options.clientConfig } : {}),
          ...(this.options.clientPlugins ? { clientPlugins: this.options.clientPlugins } : {}),
        });
      })();
      this.sts.catch(() => {
        this.sts = undefined;
      });
    }
    return this.sts;
  }

  /** A session no longer than the cache threshold is never reused from the cache (aws/aws-cli#5880). */
  private warnShortSessions(plan: Plan): void {
    if (!this.cacheSettings.enabled) return;
    for (const hop of plan.roles) {
      if (hop.durationSeconds !== undefined && hop.durationSeconds * 1000 <= this.cacheSettings.minRemainingMs) {
        this.warnOnce(
          `aws-profile-credentials: duration_seconds ${hop.durationSeconds} of profile "${hop.profile}" is at or below the ` +
            `${this.cacheSettings.minRemainingMs / 1000}-second cache threshold, so its sessions are never reused from the cache ` +
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
