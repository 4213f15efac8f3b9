// Locates and reads the shared config and credentials files with the SDK's own loader
// (@smithy/shared-ini-file-loader), so this library sees exactly the profiles the rest of the JS SDK sees:
// same parser, same merge (the credentials file wins key by key), same `[profile x]` rules.
import { join } from "node:path";
import { homeDirectory, type Env } from "../runtime/env.js";
import { envKeys } from "./keys.js";

export type Profile = Readonly<Record<string, string | undefined>>;
export type ProfileSet = Readonly<Record<string, Profile>>;

export interface ProfileFileLocations {
  /** Credentials file path. */
  filepath: string;
  /** Config file path. */
  configFilepath: string;
}

/** File paths as the JS SDK resolves them: option, then env var (empty counts as unset), then `<home>/.aws/...`. */
export function profileFileLocations(
  env: Env,
  options: { filepath?: string; configFilepath?: string } = {},
): ProfileFileLocations {
  const home = homeDirectory(env);
  const expand = (path: string) => (path.startsWith("~/") ? join(home, path.slice(2)) : path);
  return {
    filepath: expand(options.filepath || env[envKeys.credentialsFile] || join(home, ".aws", "credentials")),
    configFilepath: expand(options.configFilepath || env[envKeys.configFile] || join(home, ".aws", "config")),
  };
}

/**
 * Reads both files. Missing files are empty, as in the SDK. `ignoreCache` re-reads them from disk (the
 * SDK's loader otherwise caches file contents for the life of the process); refreshes pass true so that
 * profile edits are picked up by long-running processes.
 */
export async function loadProfiles(locations: ProfileFileLocations, ignoreCache: boolean): Promise<ProfileSet> {
  // Loaded on first use: a process whose credentials come from the environment never reads a profile.
  const { parseKnownFiles } = await import("@smithy/shared-ini-file-loader");
  return (await parseKnownFiles({ ...locations, ignoreCache })) as ProfileSet;
}
