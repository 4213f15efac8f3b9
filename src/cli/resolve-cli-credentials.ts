// Credentials for export, exec, credential-process and whoami: the library's provider with the CLI's
// Deps, behind the guard against a credential_process that runs this CLI again for a profile already
// being resolved. The guard has two parts: the profile files are searched for such a loop before anything
// runs (credential-process-loop.ts), and, for loops that search cannot see (wrapper scripts), each
// resolving CLI adds its profile to AWS_PROFILE_CREDENTIALS_RESOLVING, which every process it starts
// (credential_process included) inherits and checks.
import { createProvider } from "../from-profile-with-role-assumption.js";
import type { MemoizedProvider } from "../refresh/refreshing-provider.js";
import { DEFAULT_PROFILE, envKeys, regionKey } from "../profile/keys.js";
import { loadProfiles, profileFileLocations } from "../profile/load-profiles.js";
import type { Credentials } from "../runtime/credentials.js";
import type { Env } from "../runtime/env.js";
import { formatChain } from "../errors.js";
import { CliError } from "./cli-error.js";
import { findCredentialProcessLoop } from "./credential-process-loop.js";
import { cliDeps, cliProviderOptions } from "./cli-deps.js";
import type { CliIo } from "./cli-io.js";
import type { CommonOptions } from "./parse-args.js";

/** The marker variable: a JSON array of the profiles the CLI processes above this one are resolving. */
export const RESOLVING_ENV = "AWS_PROFILE_CREDENTIALS_RESOLVING";

export interface CliCredentials {
  credentials: Credentials;
  /** The selected profile (--profile, else AWS_PROFILE, else "default"). */
  profile: string;
  /** --region, else the selected profile's `region`. */
  region?: string;
  /** The provider that resolved them: memoized and refreshed, for commands that keep serving (exec --server, serve). */
  provider: MemoizedProvider;
}

export async function resolveCliCredentials(common: CommonOptions, io: CliIo): Promise<CliCredentials> {
  const defaultProfile = io.env[envKeys.profile] || DEFAULT_PROFILE;
  const profile = common.profile ?? defaultProfile;
  const resolving = resolvingProfiles(io.env);
  if (resolving.includes(profile)) throw loopError([...resolving, profile]);
  const profiles = await loadProfiles(profileFileLocations(io.env), true);
  const loop = findCredentialProcessLoop({ profiles, profile, resolving, defaultProfile, ...(io.selfScript ? { selfScript: io.selfScript } : {}) });
  if (loop) throw loopError(loop);
  io.setInheritedEnv(RESOLVING_ENV, JSON.stringify([...resolving, profile]));

  const deps = cliDeps(io, common.debug);
  const provider = createProvider(cliProviderOptions(common, deps), deps);
  const credentials = await provider();
  const region = common.region ?? (Object.hasOwn(profiles, profile) ? profiles[profile]?.[regionKey] : undefined);
  return { credentials, profile, provider, ...(region ? { region } : {}) };
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
