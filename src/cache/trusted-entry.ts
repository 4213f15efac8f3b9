// Whether a cache directory and a cache entry may be trusted before anything in them is used: on POSIX
// both must belong to the current user (a planted entry would otherwise be served for ever; `sudo -E`
// leaves root-owned files behind), an entry must be a small regular file (a FIFO must not hang a read, a
// huge file must not be read whole) and expire no later than STS can issue. file-cache.ts and
// inspectProfile() both read entries through here, so they agree (docs/semantics.md §6.4, §6.9).
import type { SystemDeps } from "../runtime/deps.js";
import type { FileStatus } from "../runtime/fs.js";
import type { StsSession } from "../runtime/sts.js";
import { parseCacheEntry } from "./cache-entry.js";

/** The most of a cache entry ever read: a real one is under 2 kB. */
export const MAX_CACHE_ENTRY_BYTES = 64 * 1024;

/** The longest session STS issues (GetSessionToken's 36 hours; AssumeRole's limit is 12). */
export const MAX_STS_SESSION_MS = 36 * 3_600_000;

export type Trust = Pick<SystemDeps, "fs" | "uid">;

/** What reading one entry found. `refused` reasons never quote the file's content. */
export type EntryRead =
  | { kind: "missing" }
  | { kind: "entry"; session: StsSession }
  | { kind: "refused"; reason: string; fix?: string };

/** Reads `<dir>/<key>.json` only if it is ours, a regular file and small; then parses and bounds it. */
export async function readTrustedEntry(trust: Trust, file: string, now: number): Promise<EntryRead> {
  const checked = await checkPath(trust, file, "file");
  if (checked.kind !== "ok") return checked;
  const { status } = checked;
  if (!status.isFile) return { kind: "refused", reason: "it is not a regular file" };
  if (status.size > MAX_CACHE_ENTRY_BYTES) return { kind: "refused", reason: `it is larger than ${MAX_CACHE_ENTRY_BYTES / 1024} KB` };
  let text: string;
  try {
    // Bounded and non-blocking: the file may have been swapped for a FIFO or grown since the stat.
    text = Buffer.from(await trust.fs.readFile(file, { maxBytes: MAX_CACHE_ENTRY_BYTES })).toString("utf8");
  } catch (error) {
    return failure(error);
  }
  const entry = parseCacheEntry(text);
  if ("error" in entry) return { kind: "refused", reason: entry.error };
  const expiresAt = entry.credentials.expiration;
  if (expiresAt.getTime() - now > MAX_STS_SESSION_MS) {
    return { kind: "refused", reason: `its Expiration ${expiresAt.toISOString()} is further away than the 36 hours STS can issue` };
  }
  return { kind: "entry", session: entry };
}

/** Whether the cache directory (and, through a symbolic link, what it points to) is the current user's. */
export async function checkCacheDirectory(trust: Trust, dir: string): Promise<{ kind: "ok"; mode: number } | Exclude<EntryRead, { kind: "entry" }>> {
  const checked = await checkPath(trust, dir, "directory");
  return checked.kind === "ok" ? { kind: "ok", mode: checked.status.mode } : checked;
}

// --- internal ---

type PathCheck = { kind: "ok"; status: FileStatus } | { kind: "missing" } | { kind: "refused"; reason: string; fix?: string };

async function checkPath(trust: Trust, path: string, what: "file" | "directory"): Promise<PathCheck> {
  try {
    const link = await trust.fs.lstat(path);
    const foreignLink = foreign(trust, link, path, what);
    if (foreignLink) return foreignLink;
    if (!link.isSymbolicLink) return { kind: "ok", status: link };
    const target = await trust.fs.stat(path);
    return foreign(trust, target, path, what, " (through its symbolic link)") ?? { kind: "ok", status: target };
  } catch (error) {
    return failure(error);
  }
}

function foreign(trust: Trust, status: FileStatus, path: string, what: "file" | "directory", via = ""): PathCheck | undefined {
  if (trust.uid === undefined || status.uid === trust.uid) return undefined;
  return {
    kind: "refused",
    reason: `it is owned by user id ${status.uid}${via}, not by the current user (${trust.uid}), so another user could have planted sessions in it`,
    // `sudo -E` runs as root with the user's HOME and leaves root-owned cache files behind.
    fix: `sudo chown ${what === "directory" ? "-R " : ""}${trust.uid} ${path}`,
  };
}

function failure(error: unknown): EntryRead & { kind: "missing" | "refused" } {
  const code = (error as NodeJS.ErrnoException)?.code;
  // No entry yet, or no directory at all (ENOTDIR: a regular file occupies its path; a write warns).
  if (code === "ENOENT" || code === "ENOTDIR") return { kind: "missing" };
  if (code === "ENOTREG") return { kind: "refused", reason: "it is not a regular file" };
  if (code === "EFBIG") return { kind: "refused", reason: `it is larger than ${MAX_CACHE_ENTRY_BYTES / 1024} KB` };
  return { kind: "refused", reason: `it cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})` };
}
