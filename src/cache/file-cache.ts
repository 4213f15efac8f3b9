// The AWS CLI's on-disk cache (~/.aws/cli/cache) as a SessionCache, compatible with the CLI both ways:
// `<dir>/<key>.json` with the CLI's keys (cache-key.ts) and content (cache-entry.ts); a corrupt entry is a
// logged miss; writes are atomic (0600 temp file, fsync, rename) and never fail the caller; other files are
// never touched. The cross-process lock is file-lock.ts; the CLI ignores it and reads without locks.
import { join } from "node:path";
import { systemClock, type Clock } from "../runtime/clock.js";
import { systemDeps, type SystemDeps } from "../runtime/deps.js";
import type { StsSession } from "../runtime/sts.js";
import { serializeCacheEntry } from "./cache-entry.js";
import { MFA_ROLE_KEY_PREFIX, MFA_SESSION_KEY_PREFIX } from "./cache-key.js";
import { createFileLock, errorText, type CacheLogger } from "./file-lock.js";
import { unsharedLock, type SessionCache } from "./session-cache.js";
import { checkCacheDirectory, readTrustedEntry } from "./trusted-entry.js";

export interface FileCacheOptions {
  /** The cache directory, normally `<home>/.aws/cli/cache`. Created (0700) on first write if missing. */
  dir: string;
  logger: CacheLogger;
  /** The file system, process id and random source (Deps). @default the real ones */
  system?: SystemDeps;
  /** For the lock's waits. @default systemClock */
  clock?: Clock;
  /** See FileLockOptions.staleMs. @default 10_000 */
  staleMs?: number;
  /** See FileLockOptions.lockTimeoutMs. @default 30_000 */
  lockTimeoutMs?: number;
  /** See FileLockOptions.retryIntervalMs. @default 100 */
  lockRetryIntervalMs?: number;
}

/**
 * A SessionCache over `<dir>/<key>.json`. Keys must be CLI cache keys (40 lowercase hex): anything else is a
 * programming error and throws. `read` and `write` never throw otherwise; problems are logged once per call.
 *
 * CLI compatibility rules (docs/semantics.md §6):
 * - the key is the SHA-1 of Python's `json.dumps`, never of `JSON.stringify` (cache-key.ts);
 * - entries from every CLI and boto3 version are read, `…Z`, `…+00:00` and boto3's `…UTC` alike, and ours
 *   are written as CLI v2 writes them (cache-entry.ts), so the CLI reuses them;
 * - writes replace the file by rename, so no reader ever sees half an entry; CLI v2 still writes in place,
 *   so a torn entry can appear, and it is a logged miss;
 * - readers take no lock: the CLI never locks, so the lock only keeps this library's processes from
 *   fetching the same session twice.
 */
export function createFileCache(options: FileCacheOptions): SessionCache {
  const { dir, logger } = options;
  const system = options.system ?? systemDeps();
  const { fs } = system;
  const clock = options.clock ?? systemClock;
  // Only the directories this call creates get 0700; an existing directory keeps its mode.
  const ensureDir = () => fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const lock = createFileLock({
    logger,
    clock: options.clock,
    staleMs: options.staleMs,
    lockTimeoutMs: options.lockTimeoutMs,
    retryIntervalMs: options.lockRetryIntervalMs,
    fs,
    // The lock directory sits next to the entry. If the cache directory cannot be made, the lock is
    // skipped and the write reports why.
    prepare: ensureDir,
  });

  // A bad entry is read twice per fetch (before and under the lock) and again by later refreshes until it
  // is replaced: say so once.
  const reported = new Set<string>();
  const directory = trustedDirectory(system, dir, logger);

  return {
    async read(key) {
      const file = cacheEntryPath(dir, key);
      if (!(await directory.usable())) return undefined;
      const found = await readTrustedEntry(system, file, clock.now());
      if (found.kind === "entry") return found.session;
      if (found.kind === "refused" && !reported.has(file)) {
        // Unlike the CLI, which fails until the user deletes the file, a bad entry is a miss that the next
        // successful STS call replaces (rename replaces even a FIFO or a foreign file in our directory).
        const fix = found.fix ? ` Run: ${found.fix}` : "";
        logger.warn(`Ignoring the AWS CLI cache file ${file}: ${found.reason}. It will be replaced by the next session.${fix}`);
        reported.add(file);
      }
      return undefined;
    },

    async write(key, session) {
      const file = cacheEntryPath(dir, key);
      if (!(await directory.usable())) return;
      try {
        await ensureDir();
        await writeAtomically(system, dir, key, session);
        reported.delete(file);
      } catch (error) {
        logger.warn(`Could not write the AWS CLI cache file ${file} (${errorText(error)}); the session is used but not cached.`);
        return;
      }
      // Ages are judged by the file system's own clock (the entry just written), not this process's: a
      // process whose clock is off (or injected) must never take a live writer's temp file for a stale one.
      const writtenAt = await system.fs.lstat(file).then((status) => status.mtimeMs, () => undefined);
      if (writtenAt !== undefined) await removeStaleTemps(system, dir, writtenAt, logger);
    },

    withLock: async (key, fn) => {
      const file = cacheEntryPath(dir, key);
      // No lock directory in a directory we do not use.
      return (await directory.usable()) ? lock.withLock(file, fn) : fn(unsharedLock);
    },
  };
}

/** The CLI's 40-hex keys, and this library's own MFA session keys (cache-key.ts), which never equal them. */
const CACHE_KEY = new RegExp(`^(?:${MFA_SESSION_KEY_PREFIX}|${MFA_ROLE_KEY_PREFIX})?[0-9a-f]{40}$`);

/** `<dir>/<key>.json`: where the AWS CLI keeps the session of `key` (or this library its MFA sessions). */
export function cacheEntryPath(dir: string, key: string): string {
  // Anything else could name a file the CLI (or the user) owns, e.g. an SSO entry or `../config`.
  if (!CACHE_KEY.test(key)) throw new TypeError(`Not an AWS CLI cache key: ${JSON.stringify(key)}`);
  return join(dir, `${key}.json`);
}

// --- internal ---

async function writeAtomically({ fs, pid, randomBytes }: SystemDeps, dir: string, key: string, session: StsSession): Promise<void> {
  // In the same directory, so the rename stays on one filesystem; the leading dot and `.tmp` keep it out
  // of the CLI's `<key>.json` namespace.
  const temp = join(dir, `.${key}.${pid}.${Buffer.from(randomBytes(6)).toString("hex")}.tmp`);
  // "wx": the random name is ours alone, so a clash means the file is someone else's and is left alone.
  const handle = await fs.open(temp, "wx", 0o600);
  try {
    try {
      await handle.writeFile(serializeCacheEntry(session), "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, join(dir, `${key}.json`));
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** Our temp-file names (writeAtomically): `.<key>.<pid>.<random hex>.tmp`, for every key CACHE_KEY accepts. */
const OUR_TEMP = new RegExp(`^\\.(?:${MFA_SESSION_KEY_PREFIX}|${MFA_ROLE_KEY_PREFIX})?[0-9a-f]{40}\\.\\d+\\.[0-9a-f]+\\.tmp$`);

/** A temp file this old belongs to a writer that died between write and rename: a write takes milliseconds. */
export const STALE_TEMP_MS = 5 * 60_000;

/** Removes our own temp files left by killed writers; they hold live sessions. Never fails the write. */
async function removeStaleTemps({ fs }: SystemDeps, dir: string, fileSystemNow: number, logger: CacheLogger): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => OUR_TEMP.test(n))) {
    const path = join(dir, name);
    try {
      const status = await fs.lstat(path);
      if (fileSystemNow - status.mtimeMs < STALE_TEMP_MS) continue;
      await fs.unlink(path);
      logger.debug?.(`Removed the stale cache temp file ${path}, left by a writer that did not finish.`);
    } catch (error) {
      logger.debug?.(`Could not remove the stale cache temp file ${path}: ${errorText(error)}`);
    }
  }
}

/**
 * The cache directory's trust, checked on first use and remembered once it exists: a directory owned by
 * someone else (or a symbolic link into one) is not used at all, with one warning; one its group or
 * everyone can write to is used, with one warning.
 */
function trustedDirectory(system: SystemDeps, dir: string, logger: CacheLogger): { usable(): Promise<boolean> } {
  let decided: boolean | undefined;
  // Concurrent callers share one check, so they go on in the order they called (withLock's order).
  let checking: Promise<boolean> | undefined;
  const check = async (): Promise<boolean> => {
    const checked = await checkCacheDirectory(system, dir);
    // Not there yet: the first write creates it as ours; ask again next time.
    if (checked.kind === "missing") return true;
    if (checked.kind === "refused") {
      logger.warn(
        `Not using the AWS CLI cache directory ${dir}: ${checked.reason}. Sessions are kept in memory only. ` +
          `Run: ${checked.fix ?? `ls -ld ${dir}`}`,
      );
      decided = false;
      return decided;
    }
    const { mode } = checked;
    if ((mode & 0o022) !== 0) {
      const who = mode & 0o002 ? "all users (world)" : "its group";
      logger.warn(
        `The AWS CLI cache directory ${dir} is writable by ${who} (mode ${(mode & 0o7777).toString(8)}): another user ` +
          `could plant or remove sessions there. Run: chmod 700 ${dir}`,
      );
    }
    decided = true;
    return decided;
  };
  return {
    usable() {
      if (decided !== undefined) return Promise.resolve(decided);
      checking ??= check().finally(() => {
        checking = undefined;
      });
      return checking;
    },
  };
}
