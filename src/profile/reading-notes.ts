// Where the AWS CLI (botocore's ConfigParser) reads a profile file differently from the SDK's loader, whose
// reading we keep: a key set twice in one profile (in any case), a section defined twice, a line `= value`
// without a name, [default] after [profile default], and an inline ` #`/` ;` comment after a value. Each
// note names the file, the line and what the CLI would do; only names and line numbers are quoted, never
// a value. Warnings go out only for notes that touch a key this library reads on the selected chain.
// docs/semantics.md §2.5.
import { shown } from "../errors.js";
import type { ProfileFileKind, ScannedFile, ScannedSection } from "./ini-scan.js";
import { delegatedSourceKeys, regionKey, roleKeys, staticKeys, webIdentityKeys } from "./keys.js";

export type ReadingCase = "duplicateKey" | "duplicateSection" | "namelessKey" | "defaultSection" | "inlineComment";

export interface FileNote {
  case: ReadingCase;
  file: ProfileFileKind;
  path: string;
  line: number;
  /** The profile the line belongs to, when it belongs to one. */
  profile?: string;
  /** The key (lower case) whose value differs; absent when the whole section or file does. */
  key?: string;
  /** "line N: what it is; what this library does, what the AWS CLI does." */
  text: string;
}

/** The keys this library reads from a profile. */
export const READ_KEYS: ReadonlySet<string> = new Set<string>([
  ...Object.values(roleKeys),
  ...Object.values(staticKeys),
  ...Object.values(webIdentityKeys),
  ...Object.values(delegatedSourceKeys),
  regionKey,
]);

export function readingNotes(scan: ScannedFile, path: string, nameOf: (section: ScannedSection) => string | undefined): FileNote[] {
  const notes: FileNote[] = [];
  const note = (kase: ReadingCase, line: number, profile: string | undefined, key: string | undefined, text: string) =>
    notes.push({ case: kase, file: scan.kind, path, line, ...(profile !== undefined ? { profile } : {}), ...(key !== undefined ? { key } : {}), text: `line ${line}: ${text}` });
  const REFUSES = "the AWS CLI refuses the whole file (\"Unable to parse config file\")";

  const firstSection = new Map<string, ScannedSection>();
  for (const section of scan.sections) {
    const name = nameOf(section);
    if (name === undefined) continue;
    const first = firstSection.get(name);
    if (!first) {
      firstSection.set(name, section);
    } else if (first.prefixedDefault !== section.prefixedDefault && name === "default") {
      if (!section.prefixedDefault) {
        note("defaultSection", section.line, name, undefined,
          `[default] follows [profile default] (line ${first.line}); this library uses [profile default], as the JS SDK does, the AWS CLI uses the later [default].`);
      }
    } else {
      const cli = first.header === section.header ? REFUSES : "the AWS CLI reads only the later section";
      note("duplicateSection", section.line, name, undefined,
        `profile "${shown(name)}" is defined a second time (first on line ${first.line}); this library merges the sections key by key (the later line wins), ${cli}.`);
    }
  }
  for (const { section, line } of scan.nameless) {
    note("namelessKey", line, nameOf(section), undefined, `a line starting with "=" has no key name; this library skips it, ${REFUSES}.`);
  }
  const seen = new Map<string, number>();
  for (const entry of scan.entries) {
    const name = nameOf(entry.section);
    if (name === undefined) continue;
    const key = entry.rawKey.toLowerCase();
    const id = `${name}\u0000${entry.section.prefixedDefault}\u0000${key}`;
    const first = seen.get(id);
    if (first !== undefined) {
      note("duplicateKey", entry.line, name, key,
        `"${shown(entry.rawKey)}" sets "${shown(key)}" of profile "${shown(name)}" a second time (first on line ${first}); this library uses the later line, ${REFUSES}.`);
    } else {
      seen.set(id, entry.line);
    }
    if (entry.inlineComment) {
      note("inlineComment", entry.line, name, key,
        `the value of "${shown(key)}" in profile "${shown(name)}" is followed by an inline comment; this library drops the comment, the AWS CLI keeps it as part of the value.`);
    }
  }
  return notes.sort((a, b) => a.line - b.line);
}

/** The notes that change a value this library reads for one of `chain`'s profiles. */
export function notesForChain(notes: readonly FileNote[], chain: readonly string[]): FileNote[] {
  return notes.filter((n) => n.profile !== undefined && chain.includes(n.profile) && (n.key === undefined || READ_KEYS.has(n.key)));
}

/** One warning per file and case. */
export function readingWarnings(notes: readonly FileNote[]): string[] {
  const groups = new Map<string, FileNote[]>();
  for (const n of notes) groups.set(`${n.path}\u0000${n.case}`, [...(groups.get(`${n.path}\u0000${n.case}`) ?? []), n]);
  return [...groups.values()].map(
    (group) =>
      `aws-profile-credentials: the AWS CLI reads the ${group[0]!.file} file ${shown(group[0]!.path)} differently: ` +
      group.map((n) => n.text).join(" "),
  );
}
