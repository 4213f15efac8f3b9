// Credentials for export, exec, credential-process and whoami: the library's one resolution with the CLI's
// Deps and its flags as options, executed by the library's provider, behind the guard against a
// credential_process that runs this CLI again for a profile already being resolved. The guard has two
// parts: the resolution is searched for such a loop before anything runs (credential-process-loop.ts),
// and, for loops that search cannot see (wrapper scripts), each resolving CLI adds its profile to
// AWS_PROFILE_CREDENTIALS_RESOLVING, which every process it starts (credential_process included) inherits.
import type { MemoizedProvider } from "../refresh/refreshing-provider.js";
import { formatChain, shown } from "../errors.js";
import { createProvider } from "../from-profile-with-role-assumption.js";
import { resolveProfile, type Resolution } from "../resolve/resolve-profile.js";
import { resolveSettings } from "../resolve/settings.js";
import type { Credentials } from "../runtime/credentials.js";
import type { Deps } from "../runtime/deps.js";
import type { Env } from "../runtime/env.js";
import { CliError } from "./cli-error.js";
import { cliDeps, cliProviderOptions } from "./cli-deps.js";
import type { CliIo } from "./cli-io.js";
import { findCredentialProcessLoop } from "./credential-process-loop.js";
import type { CommonOptions } from "./parse-args.js";

/** The marker variable: a JSON array of the profiles the CLI processes above this one are resolving. */
export const RESOLVING_ENV = "AWS_PROFILE_CREDENTIALS_RESOLVING";

export interface CliCredentials {
  credentials: Credentials;
  /** The resolution the credentials came from. */
  resolution: Resolution;
  /** The selected profile. */
  profile: string;
  /** --region, else the selected profile's `region`. */
  region?: string;
  deps: Deps;
  /** The provider that resolved them: memoized and refreshed, for commands that keep serving (exec --server, serve). */
  provider: MemoizedProvider;
}

export async function resolveCliCredentials(common: CommonOptions, io: CliIo): Promise<CliCredentials> {
  const deps = cliDeps(io, common.debug);
  const options = cliProviderOptions(common, deps);
  const resolution = await resolveProfile(resolveSettings(options, io.env), deps);
  const { profile } = resolution;
  const resolving = resolvingProfiles(io.env);
  if (resolving.includes(profile)) throw loopError([...resolving, profile]);
  const loop = await findCredentialProcessLoop(resolution, {
    resolving,
    ...(io.selfScript ? { selfScript: io.selfScript } : {}),
    // A nested call runs in this environment, so the library's selection rule picks its profile.
    resolve: (nested) => resolveProfile(resolveSettings(nested ? { profile: nested } : {}, io.env), deps).catch(() => undefined),
  });
  if (loop) throw loopError(loop);
  io.setInheritedEnv(RESOLVING_ENV, JSON.stringify([...resolving, profile]));

  const provider = createProvider(options, deps, resolution);
  const credentials = await provider().catch((error: unknown) => {
    throw nothingConfigured(resolution, error) ?? error;
  });
  const region = common.region ?? resolution.profileRegion;
  return { credentials, resolution, profile, deps, provider, ...(region ? { region } : {}) };
}

// --- internal ---

function resolvingProfiles(env: Env): string[] {
  try {
    const list: unknown = JSON.parse(env[RESOLVING_ENV] ?? "[]");
    return Array.isArray(list) ? list.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

/**
 * The SDK's chain found nothing and nothing was asked for: no profile selected, no `[default]`, no
 * environment keys. The SDK's own "Could not load credentials from any providers" says nothing of where
 * it looked, so say that, and how to set up a profile.
 */
function nothingConfigured(resolution: Resolution, error: unknown): CliError | undefined {
  const implicit = resolution.source.kind === "profile" && !resolution.source.explicit;
  if (!implicit || resolution.kind !== "delegate" || Object.hasOwn(resolution.profiles, resolution.profile)) return undefined;
  if ((error as Error)?.name !== "CredentialsProviderError") return undefined;
  const { configFilepath, filepath } = resolution.settings.files;
  return new CliError(
    "NO_CREDENTIALS_CONFIGURED",
    `no credentials are configured. Looked for: a profile chosen with --profile or AWS_PROFILE (none); ` +
      `AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (not set); a [default] profile in the config file ${shown(configFilepath)} ` +
      `or the credentials file ${shown(filepath)} (none); then the SDK's web identity, SSO, container and instance metadata sources (nothing). ` +
      `To set up a profile: "aws configure --profile NAME" (access keys) or "aws configure sso --profile NAME", or add ` +
      `[profile NAME] with role_arn and source_profile to the config file; then pass --profile NAME or set AWS_PROFILE=NAME`,
  );
}

/** `path` ends with the profile that is already being resolved. */
function loopError(path: string[]): CliError {
  const profile = path[path.length - 1] as string;
  return new CliError(
    "CREDENTIAL_PROCESS_LOOP",
    `profile "${profile}" leads back to itself through credential_process (${formatChain(path)}): ` +
      `its credential_process runs aws-profile-credentials again for a profile that is already being resolved, ` +
      `which would never end; point that credential_process at a profile that does not lead back here`,
  );
}
