// The public factory. Decides per fetch, with the one selection rule (resolve/select-source.ts), whether
// environment keys answer at once or the profile path (execute/profile-path.ts) resolves and executes the
// selected profile, and memoizes the result with the refresh policy. Code is loaded as it becomes due:
// environment keys load only the SDK's fromEnv, the profile path loads on the first fetch that reads a
// profile, STS code on the first STS call.
import type { ProfilePath } from "./execute/profile-path.js";
import type { FromProfileWithRoleAssumptionOptions } from "./options.js";
import { createRefreshingProvider, type FetchOptions, type MemoizedProvider } from "./refresh/refreshing-provider.js";
import type { CallerClientConfig, Resolution } from "./resolve/resolve-profile.js";
import { selectSource } from "./resolve/select-source.js";
import { resolveRefreshWindows } from "./resolve/settings.js";
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

/**
 * The factory with its outside world injected (tests, and the CLI). `prepared` is a resolution the caller
 * already made with the same options and Deps (the CLI's): the first fetch uses it instead of reading the
 * files again.
 */
export function createProvider(options: FromProfileWithRoleAssumptionOptions, deps: Deps, prepared?: Resolution): MemoizedProvider {
  let path: Promise<ProfilePath> | undefined;
  let first = prepared;
  const fetch = async (fetchOptions: FetchOptions): Promise<Credentials> => {
    const caller = (fetchOptions.properties as { callerClientConfig?: CallerClientConfig } | undefined)?.callerClientConfig;
    if (!first && selectSource(deps.env, options.profile, caller?.profile).kind === "environment") {
      // The first link of the SDK's chain, without loading the rest of it (the deployed-Lambda path).
      const { fromEnv } = await import("@aws-sdk/credential-provider-env");
      return fromEnv({ logger: deps.logger })();
    }
    if (!path) {
      path = import("./execute/profile-path.js").then(({ ProfilePath }) => new ProfilePath(options, deps));
      // A failure (say, no home directory to find the cache in) is reported, and the next fetch tries again.
      path.catch(() => {
        path = undefined;
      });
    }
    const profilePath = await path;
    const resolution = first ?? (await profilePath.resolve(caller));
    first = undefined;
    return profilePath.credentials(resolution, caller, fetchOptions);
  };
  return createRefreshingProvider(fetch, { clock: deps.clock, random: deps.random, logger: deps.logger, windows: resolveRefreshWindows(options) });
}
