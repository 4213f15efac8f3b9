// Reads the shared config files and plans the selected profile: the one sequence the provider and
// inspectProfile() share. Always from disk: the SDK's loader otherwise serves what it first read in this
// process, so a new provider (or a refresh) would not see edits to the files.
import { loadProfiles, type ProfileFileLocations, type ProfileSet } from "../profile/load-profiles.js";
import { withProfileFileNotes } from "../profile/profile-file-notes.js";
import type { Env } from "../runtime/env.js";
import { readBytes, type ReadBytes } from "../runtime/read-bytes.js";
import { planSelectedProfile } from "./plan-selected-profile.js";
import type { Resolution } from "./steps.js";

export async function planProfileFiles(
  locations: ProfileFileLocations,
  selected: string | undefined,
  env: Env,
  read: ReadBytes = readBytes,
): Promise<{ profiles: ProfileSet; resolution: Resolution }> {
  const profiles = await loadProfiles(locations, true);
  try {
    return { profiles, resolution: planSelectedProfile(profiles, selected, env) };
  } catch (error) {
    throw await withProfileFileNotes(error, profiles, locations, read);
  }
}
