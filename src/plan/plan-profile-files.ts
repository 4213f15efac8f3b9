// Reads the shared config files and plans the selected profile: the one sequence the provider and
// inspectProfile() share. Always from disk: the SDK's loader otherwise serves what it first read in this
// process, so a new provider (or a refresh) would not see edits to the files. A profile that cannot be
// found gets notes on what the files held (profile/profile-file-notes.ts).
import { DEFAULT_PROFILE, envKeys } from "../profile/keys.js";
import { loadProfiles, type ProfileFileLocations, type ProfileSet } from "../profile/load-profiles.js";
import { withProfileFileNotes } from "../profile/profile-file-notes.js";
import type { Env } from "../runtime/env.js";
import { readBytes, type ReadBytes } from "../runtime/read-bytes.js";
import { buildPlan } from "./build-plan.js";
import type { Resolution } from "./steps.js";

/** `selected` as chosen by profile/select-profile.ts; undefined is the implicit `default`. */
export async function planProfileFiles(
  locations: ProfileFileLocations,
  selected: string | undefined,
  env: Env,
  read: ReadBytes = readBytes,
): Promise<{ profiles: ProfileSet; resolution: Resolution }> {
  const profiles = await loadProfiles(locations, true);
  // AWS_ROLE_SESSION_NAME is web identity's fallback session name, as in the JS SDK.
  const envRoleSessionName = env[envKeys.roleSessionName];
  try {
    const resolution = buildPlan(profiles, selected ?? DEFAULT_PROFILE, {
      explicit: selected !== undefined,
      ...(envRoleSessionName ? { envRoleSessionName } : {}),
    });
    return { profiles, resolution };
  } catch (error) {
    throw await withProfileFileNotes(error, profiles, locations, read);
  }
}
