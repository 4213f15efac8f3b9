// Locates and reads the shared config and credentials files. The SDK's own loader
// (@smithy/shared-ini-file-loader) reads them, so this library and the SDK's providers take the same values;
// the raw text, read through the fs seam, says where each value came from, and the result is normalised
// to the AWS CLI's reading: key names in lower case (later line wins), `[profile  dev ]` and
// `[profile "my profile"]` named as the CLI names them. Where the CLI would read the file differently, a
// note says so (reading-notes.ts). docs/semantics.md §2.3, §2.5.
import { join } from "node:path";
import { homeDirectory, type Env } from "../runtime/env.js";
import type { FileSystem } from "../runtime/fs.js";
import { scanIni, type ProfileFileKind, type ScannedFile, type ScannedSection } from "./ini-scan.js";
import { DEFAULT_PROFILE, envKeys } from "./keys.js";
import { readingNotes, type FileNote } from "./reading-notes.js";

export type Profile = Readonly<Record<string, string | undefined>>;
export type ProfileSet = Readonly<Record<string, Profile>>;

export interface ProfileFileLocations {
  /** Credentials file path. */
  filepath: string;
  /** Config file path. */
  configFilepath: string;
}

/** Where a profile's (lower-case) key got its value. */
export interface KeyOrigin {
  file: ProfileFileKind;
  path: string;
  line: number;
  /** The key as written. */
  rawKey: string;
}

export interface LoadedProfiles {
  /** Profiles as the AWS CLI names them, keys in lower case; the credentials file wins key by key. */
  profiles: ProfileSet;
  /** Profiles exactly as the SDK's loader returns them: what the SDK's own providers see. */
  sdkProfiles: ProfileSet;
  origins: Readonly<Record<string, Readonly<Record<string, KeyOrigin>>>>;
  /** The section headers of each profile, for messages about names the SDK cannot read. */
  headers: Readonly<Record<string, readonly { file: ProfileFileKind; line: number; header: string; sdkReadable: boolean }[]>>;
  /** Every place where the AWS CLI reads the files differently. */
  notes: FileNote[];
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
 * Reads both files, always fresh (the SDK's loader otherwise serves the first contents it read for the life
 * of the process, so a long-running process would not see edits). Missing or unreadable files are empty,
 * as in the SDK.
 */
export async function loadProfiles(locations: ProfileFileLocations, fs: Pick<FileSystem, "readFile">): Promise<LoadedProfiles> {
  // Loaded on first use: a process whose credentials come from the environment never reads a profile.
  const { loadSharedConfigFiles } = await import("@smithy/shared-ini-file-loader");
  const [sdk, configText, credentialsText] = await Promise.all([
    loadSharedConfigFiles({ ...locations, ignoreCache: true }),
    readText(locations.configFilepath, fs),
    readText(locations.filepath, fs),
  ]);
  const config = readFile(scanIni(configText, "config"), sdk.configFile, locations.configFilepath);
  const credentials = readFile(scanIni(credentialsText, "credentials"), sdk.credentialsFile, locations.filepath);
  const profiles: Record<string, Record<string, string>> = {};
  const origins: Record<string, Record<string, KeyOrigin>> = {};
  const headers: Record<string, { file: ProfileFileKind; line: number; header: string; sdkReadable: boolean }[]> = {};
  for (const file of [config, credentials]) {
    for (const [name, keys] of Object.entries(file.keys)) {
      const profile = (profiles[name] = own(profiles, name) ?? {});
      const origin = (origins[name] = own(origins, name) ?? {});
      for (const [key, { value, ...from }] of Object.entries(keys)) {
        profile[key] = value;
        origin[key] = from;
      }
    }
    for (const [name, list] of Object.entries(file.headers)) headers[name] = [...(own(headers, name) ?? []), ...list];
  }
  return {
    profiles,
    sdkProfiles: mergeSdk(sdk.configFile, sdk.credentialsFile),
    origins,
    headers,
    notes: [...config.notes, ...credentials.notes],
  };
}

// --- internal ---

type SdkFile = Record<string, Record<string, string | undefined>>;

interface ReadFile {
  keys: Record<string, Record<string, KeyOrigin & { value: string }>>;
  headers: Record<string, { file: ProfileFileKind; line: number; header: string; sdkReadable: boolean }[]>;
  notes: FileNote[];
}

/** One file, normalised: each profile's keys in lower case, the later line winning. */
function readFile(scan: ScannedFile, sdkFile: SdkFile, path: string): ReadFile {
  const result: ReadFile = { keys: {}, headers: {}, notes: readingNotes(scan, path, (section) => profileName(scan, section)) };
  // The SDK refuses a file with a __proto__ section as a whole (and reads it as empty); so do we.
  if (scan.sections.some((section) => section.header === "__proto__" || section.header === "profile __proto__")) return { ...result, notes: [] };
  const skipDefault = scan.kind === "config" && scan.sections.some((section) => section.prefixedDefault);
  for (const section of scan.sections) {
    const name = profileName(scan, section);
    if (name === undefined) continue;
    const header = { file: scan.kind, line: section.line, header: section.header, sdkReadable: section.sdkName === name };
    result.headers[name] = [...(own(result.headers, name) ?? []), header];
  }
  for (const entry of scan.entries) {
    const { section } = entry;
    const name = profileName(scan, section);
    // The SDK takes [profile default] over [default] whatever their order.
    if (name === undefined || (skipDefault && name === DEFAULT_PROFILE && !section.prefixedDefault)) continue;
    const sdkValue = section.sdkName !== undefined ? own(sdkFile, section.sdkName)?.[entry.rawKey] : undefined;
    const keys = (result.keys[name] = own(result.keys, name) ?? {});
    keys[entry.rawKey.toLowerCase()] = { value: sdkValue ?? entry.value, file: scan.kind, path, line: entry.line, rawKey: entry.rawKey };
  }
  return result;
}

/** The config file names a section as the AWS CLI does; the credentials file as written (both readers agree). */
function profileName(scan: ScannedFile, section: ScannedSection): string | undefined {
  const name = scan.kind === "config" ? (section.cliName ?? section.sdkName) : (section.sdkName ?? section.cliName);
  // The SDK's loader loses sections named after Object.prototype members (they land on the prototype).
  return name === undefined || name in Object.prototype ? undefined : name;
}

/** The SDK's parseKnownFiles merge: per profile, the credentials file wins key by key. */
function mergeSdk(config: SdkFile, credentials: SdkFile): ProfileSet {
  const merged: Record<string, Profile> = {};
  for (const name of new Set([...Object.keys(config), ...Object.keys(credentials)])) {
    merged[name] = { ...own(config, name), ...own(credentials, name) };
  }
  return merged;
}

/** Read whole, like the SDK's loader reads it (a bounded read costs a non-blocking open and a stat per fetch). */
async function readText(path: string, fs: Pick<FileSystem, "readFile">): Promise<string> {
  try {
    return Buffer.from(await fs.readFile(path)).toString("utf8");
  } catch {
    return "";
  }
}

function own<T>(record: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined;
}
