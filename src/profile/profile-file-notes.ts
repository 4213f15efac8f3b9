// When a profile cannot be found, the cause is usually the files, not the name: a config path that is a
// directory or missing, a file saved as UTF-16, a section header with no closing bracket, a name that
// differs only in case or contains a space. The SDK's loader silently reads all of these as "no such
// profile", so on that error (and only then: this reads the files a second time) we look at the files and
// say what we saw. Only file states, header lines and profile names are quoted, never a key's value.
import { closestNames, ProfileConfigError, shown } from "../errors.js";
import type { FileSystem } from "../runtime/fs.js";
import { roleKeys } from "./keys.js";
import type { ProfileFileLocations, ProfileSet } from "./load-profiles.js";

/** PROFILE_NOT_FOUND and SOURCE_PROFILE_NOT_FOUND get notes on the files read; other errors pass through. */
export async function withProfileFileNotes(
  error: unknown,
  profiles: ProfileSet,
  locations: ProfileFileLocations,
  fs: Pick<FileSystem, "readFile">,
): Promise<unknown> {
  if (!(error instanceof ProfileConfigError)) return error;
  const missing =
    error.code === "PROFILE_NOT_FOUND"
      ? error.profile
      : error.code === "SOURCE_PROFILE_NOT_FOUND" && error.profile !== undefined
        ? profiles[error.profile]?.[roleKeys.sourceProfile]
        : undefined;
  if (missing === undefined) return error;
  const [config, credentials] = await Promise.all([fileNotes("config", locations.configFilepath, fs), fileNotes("credentials", locations.filepath, fs)]);
  const notes = [`Looked in ${config.phrase} and ${credentials.phrase}.`, ...config.notes, ...credentials.notes, ...nameNotes(missing, profiles)];
  return new ProfileConfigError(`${error.message} ${notes.join(" ")}`, {
    code: error.code,
    chain: error.chain,
    // The original's message is the start of this one: its own cause, not the original, is the cause.
    ...((error as { cause?: unknown }).cause !== undefined ? { cause: (error as { cause?: unknown }).cause } : {}),
    ...(error.profile !== undefined ? { profile: error.profile } : {}),
    ...(error.key !== undefined ? { key: error.key } : {}),
  });
}

// --- internal ---

function nameNotes(missing: string, profiles: ProfileSet): string[] {
  const notes: string[] = [];
  if (/\s/.test(missing)) {
    // A quoted header defines such a name for the AWS CLI and for us; an unquoted one defines nothing.
    notes.push(
      `A profile name with a space must be quoted in the config file: [profile "${shown(missing)}"] ` +
        `(an unquoted [profile ${shown(missing)}] section is ignored; the SDK's own providers read neither).`,
    );
  }
  const lower = missing.toLowerCase();
  const near = Object.keys(profiles).filter((name) => name !== missing && name.toLowerCase() === lower);
  if (near.length > 0) notes.push(`Profile names are case-sensitive; defined: ${near.map((n) => `"${shown(n)}"`).join(", ")}.`);
  const similar = closestNames(missing, Object.keys(profiles)).filter((name) => !near.includes(name)).slice(0, 3);
  if (similar.length > 0) notes.push(`Did you mean ${similar.map((n) => `"${shown(n)}"`).join(" or ")}?`);
  return notes;
}

/** "the config file <path> (what is wrong with it)", and notes on lines that are not what they seem. */
async function fileNotes(kind: "config" | "credentials", path: string, fs: Pick<FileSystem, "readFile">): Promise<{ phrase: string; notes: string[] }> {
  const phrase = (state?: string) => `the ${kind} file ${shown(path)}${state ? ` (${state})` : ""}`;
  try {
    const bytes = Buffer.from(await fs.readFile(path));
    if (looksLikeUtf16(bytes)) return { phrase: phrase("not UTF-8 text, it looks like UTF-16: save it as UTF-8"), notes: [] };
    if (bytes.includes(0) || !isUtf8(bytes)) return { phrase: phrase("contains bytes that are not UTF-8: save it as UTF-8"), notes: [] };
    return { phrase: phrase(), notes: brokenHeaders(kind, bytes.toString("utf8")) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const state = code === "ENOENT" ? "does not exist" : code === "EISDIR" ? "a directory, not a file: not read" : `could not be read: ${code ?? "unknown error"}`;
    return { phrase: phrase(state), notes: [] };
  }
}

/** A byte-order mark, or ASCII text with every other byte NUL (UTF-16 without a mark). */
function looksLikeUtf16(bytes: Buffer): boolean {
  const bom = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  const interleaved = bytes.length >= 4 && ((bytes[1] === 0 && bytes[3] === 0) || (bytes[0] === 0 && bytes[2] === 0));
  return bom || interleaved;
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Lines the SDK's parser does not take as a section header: after a comment that follows whitespace is cut
 * off, a header must start with "[" and end with "]". Such a line (`[profile dev`, `[dev] region = x`,
 * `[dev]#note`) starts no section, and the keys below it go on in the section before it. Only the
 * bracket and the section's name are quoted, never the rest of the line, where a key's value may be.
 */
function brokenHeaders(kind: string, text: string): string[] {
  const notes: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const header = line.split(/(^|\s)[;#]/)[0]!.trim();
    if (notes.length >= 3 || !header.startsWith("[") || header.endsWith("]")) return;
    const start = SECTION_START.exec(header)?.[0] ?? "[";
    const why = header.includes("]")
      ? `text follows its "]" (put keys on lines of their own; a comment needs a space before the # or ;)`
      : `it has no closing "]"`;
    notes.push(
      `Line ${index + 1} of the ${kind} file, starting "${shown(start)}", is not a section header: ${why}. ` +
        `The keys below it count for the section above it.`,
    );
  });
  return notes;
}

/** "[", then the section's name (two words for the `profile`, `sso-session` and `services` kinds), then any "]". */
const SECTION_START = /^\[\s*(?:(?:profile|sso-session|services)\s+)?[\w.@+:/%-]{0,64}\]?/;
