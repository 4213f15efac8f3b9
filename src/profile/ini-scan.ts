// Walks the raw text of a config or credentials file line by line with the SDK loader's own line rules
// (comment cut, section header, `name = value`, indented sub-keys), so every value the loader returns can
// be traced to its line and its spelling, and names each section the way both readers do: the SDK's name
// and the AWS CLI's (botocore: `shlex.split` after the `profile` prefix). Pure: text in, lines out.
// docs/semantics.md §2.3, §2.5.

export type ProfileFileKind = "config" | "credentials";

export interface ScannedSection {
  /** 1-based line of the header. */
  line: number;
  /** The text between the brackets, as written. */
  header: string;
  /** The profile the SDK's loader files this section under, if any. */
  sdkName?: string;
  /** The profile the AWS CLI files it under, if any. */
  cliName?: string;
  /** `[profile default]` (rather than `[default]`) in the config file. */
  prefixedDefault: boolean;
}

export interface ScannedEntry {
  section: ScannedSection;
  line: number;
  /** The key as written (sub-keys as `parent.key`, like the SDK). */
  rawKey: string;
  /** The value as the SDK reads it: trimmed, an inline ` #`/` ;` comment cut off. */
  value: string;
  /** True when the SDK cut an inline comment off this line's value (the CLI keeps it in the value). */
  inlineComment: boolean;
}

export interface ScannedFile {
  kind: ProfileFileKind;
  sections: ScannedSection[];
  entries: ScannedEntry[];
  /** Lines `= value` inside a section: the SDK skips them, the CLI refuses the file. */
  nameless: { section: ScannedSection; line: number }[];
}

export function scanIni(text: string, kind: ProfileFileKind): ScannedFile {
  const file: ScannedFile = { kind, sections: [], entries: [], nameless: [] };
  let section: ScannedSection | undefined;
  let subSection: string | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.split(/(^|\s)[;#]/)[0] as string;
    const trimmed = content.trim();
    if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
      section = sectionOf(trimmed.slice(1, -1), kind, line);
      file.sections.push(section);
      subSection = undefined;
      return;
    }
    if (!section) return;
    const equals = trimmed.indexOf("=");
    if (equals === 0) file.nameless.push({ section, line });
    if (equals <= 0) return;
    const name = trimmed.slice(0, equals).trim();
    const value = trimmed.slice(equals + 1).trim();
    if (value === "") {
      subSection = name;
      return;
    }
    if (subSection && raw.trimStart() === raw) subSection = undefined;
    const inlineComment = content.length < raw.length;
    file.entries.push({ section, line, rawKey: subSection ? `${subSection}.${name}` : name, value, inlineComment });
  });
  return file;
}

// --- internal ---

/** The SDK's section rule (smithy parseIni + getConfigData) and botocore's (build_profile_map). */
function sectionOf(header: string, kind: ProfileFileKind, line: number): ScannedSection {
  const sdk = sdkSectionName(header);
  if (kind === "credentials") {
    // Both readers keep credentials-file section names as written.
    return { line, header, ...(sdk !== undefined ? { sdkName: sdk } : {}), cliName: header, prefixedDefault: false };
  }
  const sdkName = sdk === "default" ? "default" : sdk?.startsWith("profile.") ? sdk.slice("profile.".length) : undefined;
  const cliName = header === "default" ? "default" : cliProfileName(header);
  return {
    line,
    header,
    ...(sdkName !== undefined ? { sdkName } : {}),
    ...(cliName !== undefined ? { cliName } : {}),
    prefixedDefault: sdkName === "default" && sdk !== "default",
  };
}

const SDK_PREFIXED = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;
const SDK_SECTION_TYPES = ["profile", "sso-session", "services"];

/** The section key the SDK's parseIni gives a header (`profile.dev`, `default`, ...), or none. */
function sdkSectionName(header: string): string | undefined {
  const match = SDK_PREFIXED.exec(header);
  if (!match) return header;
  const [, prefix, , name] = match;
  return SDK_SECTION_TYPES.includes(prefix as string) ? `${prefix}.${name}` : undefined;
}

/** botocore: a header starting with `profile` that shlex splits into exactly `profile NAME`. */
function cliProfileName(header: string): string | undefined {
  if (!header.startsWith("profile")) return undefined;
  const parts = shlexSplit(header);
  return parts && parts.length === 2 && parts[0] === "profile" ? parts[1] : undefined;
}

/** Python's shlex.split for what a header can hold: blanks separate words, '…' and "…" quote. */
function shlexSplit(text: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === "\\" && quote === '"' && (text[i + 1] === '"' || text[i + 1] === "\\")) word += text[++i] as string;
      else word += c;
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= "";
    } else if (c === "\\" && i + 1 < text.length) {
      word = (word ?? "") + (text[++i] as string);
    } else {
      word = (word ?? "") + c;
    }
  }
  if (quote) return undefined;
  if (word !== undefined) words.push(word);
  return words;
}
