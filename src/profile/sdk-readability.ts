// A profile handed to the SDK's own providers (SSO, credential_process, login, or a delegated profile) is
// read by the SDK's loader, which knows key names only in lower case and profile headers only in the form
// `[profile name]`. When the normalised profile has something the SDK would not see, the SDK would fail
// with "no credentials" although the keys are there; we stop first, naming the key or header and the fix.
// docs/semantics.md §2.5.
import { formatChain, ProfileConfigError, shown } from "../errors.js";
import type { LoadedProfiles } from "./load-profiles.js";
import { READ_KEYS } from "./reading-notes.js";

/** Keys the SDK's credential providers read from a profile they resolve. */
const SDK_KEYS: ReadonlySet<string> = new Set([...READ_KEYS, "sso_region", "sso_role_name"]);

/** The error for `name` if the SDK's providers would read it differently from us, else undefined. */
export function sdkReadabilityError(loaded: LoadedProfiles, name: string, chain: readonly string[], via: string): ProfileConfigError | undefined {
  const has = (record: object, key: string) => Object.prototype.hasOwnProperty.call(record, key);
  if (!has(loaded.profiles, name)) return undefined;
  const profile = loaded.profiles[name]!;
  const sdk = has(loaded.sdkProfiles, name) ? loaded.sdkProfiles[name]! : {};
  const origins = loaded.origins[name] ?? {};
  const where = `the AWS SDK's own providers, which resolve this profile (${via}),`;
  const fail = (text: string, key?: string) =>
    new ProfileConfigError(`${text} Profile chain: ${formatChain(chain)}.`, {
      code: "PROFILE_NOT_READABLE_BY_SDK",
      profile: name,
      chain: [...chain],
      ...(key !== undefined ? { key } : {}),
    });
  for (const key of Object.keys(profile).sort()) {
    const origin = origins[key];
    if (!SDK_KEYS.has(key) || sdk[key] === profile[key] || !origin || origin.rawKey === key) continue;
    return fail(
      `Profile "${shown(name)}" sets "${shown(origin.rawKey)}" (line ${origin.line} of the ${origin.file} file), but ${where} ` +
        `read key names in lower case only: write it as "${key}".`,
      origin.rawKey,
    );
  }
  const header = (loaded.headers[name] ?? []).find((h) => !h.sdkReadable);
  if (header && Object.keys(profile).some((key) => SDK_KEYS.has(key) && sdk[key] !== profile[key])) {
    const fix = /\s/.test(name) ? "rename the profile without blanks" : `write it as [profile ${shown(name)}]`;
    return fail(
      `Profile "${shown(name)}" is defined by the header [${shown(header.header)}] (line ${header.line} of the ${header.file} file), ` +
        `which ${where} do not read: ${fix}.`,
    );
  }
  return undefined;
}
