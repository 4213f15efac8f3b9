// The public factory. Decides per fetch whether the selected profile is a role profile this library
// plans and executes, or a source the SDK's default chain resolves as it always has (environment keys,
// static keys, SSO, credential_process, web identity from the environment, container, instance metadata),
// and memoizes the result with the refresh policy. Code is loaded as it becomes due: environment keys load
// only the SDK's fromEnv, the profile path loads on the first fetch that reads a profile, STS code on the
// first STS call.
import type { FromProfileWithRoleAssumptionOptions } from "./options.js";
import type { CallerClientConfig, ProfileResolver } from "./profile-resolver.js";
import { hasEnvironmentKeys, selectedProfile } from "./profile/select-profile.js";
import { DEFAULT_REFRESH_WINDOWS } from "./refresh/refresh-policy.js";
import { createRefreshingProvider, type FetchOptions, type MemoizedProvider } from "./refresh/refreshing-provider.js";
import type { Credentials } from "./runtime/credentials.js";
import { defaultDeps, type Deps } from "./runtime/deps.js";

/**
 * A credential provider for any AWS SDK v3 client that resolves the selected shared-config profile like
 * the AWS CLI: `role_arn` with `source_profile` or `credential_source`, web identity, and chains of up to
 * 1,000 roles, with MFA, memoized, refreshed before expiry. Every other source goes to the SDK's default chain.
 *
 * @example
 * ```ts
 * import { S3Client } from "@aws-sdk/client-s3";
 * import { fromProfileWithRoleAssumption } from "aws-profile-credentials";
 *
 * const s3 = new S3Client({ credentials: fromProfileWithRoleAssumption({ profile: "admin" }) });
 * ```
 */
export function fromProfileWithRoleAssumption(options: FromProfileWithRoleAssumptionOptions = {}): MemoizedProvider {
  return createProvider(options, defaultDeps(options.logger));
}

/** The factory with its outside world injected (tests, and the CLI). */
export function createProvider(options: FromProfileWithRoleAssumptionOptions, deps: Deps): MemoizedProvider {
  let resolver: Promise<ProfileResolver> | undefined;
  const fetch = async (fetchOptions: FetchOptions): Promise<Credentials> => {
    const caller = (fetchOptions.properties as { callerClientConfig?: CallerClientConfig } | undefined)?.callerClientConfig;
    const selected = selectedProfile(deps.env, options.profile, caller?.profile);
    // Environment keys win unless a profile is selected; then nothing is read from disk.
    if (!selected && hasEnvironmentKeys(deps.env)) {
      // The first link of the SDK's chain, without loading the rest of it (the deployed-Lambda path).
      const { fromEnv } = await import("@aws-sdk/credential-provider-env");
      return fromEnv({ logger: deps.logger })();
    }
    if (!resolver) {
      resolver = import("./profile-resolver.js").then(({ ProfileResolver }) => new ProfileResolver(options, deps));
      // A failure (say, no home directory to find the cache in) is reported, and the next fetch tries again.
      resolver.catch(() => {
        resolver = undefined;
      });
    }
    return (await resolver).fetch(selected, caller, fetchOptions);
  };
  return createRefreshingProvider(fetch, {
    clock: deps.clock,
    random: deps.random,
    logger: deps.logger,
    windows: {
      advisoryWindowMs: options.advisoryRefreshWindowMs ?? DEFAULT_REFRESH_WINDOWS.advisoryWindowMs,
      mandatoryWindowMs: options.mandatoryRefreshWindowMs ?? DEFAULT_REFRESH_WINDOWS.mandatoryWindowMs,
      jitterMs: options.refreshJitterMs ?? DEFAULT_REFRESH_WINDOWS.jitterMs,
    },
  });
}
