// Cross-process single flight for one cache file: an in-process per-key mutex, then proper-lockfile's
// `<file>.lock` directory, with stale takeover and a bounded wait. The lock is advisory (the AWS CLI never
// takes it), so every failure to lock degrades to running unlocked; what runs under it is file-cache.ts's.
// A holder waiting for an MFA code marks `<file>.asking`, and waiters wait for it as long as it is alive.
import type { Logger } from "@smithy/types";
import { systemClock, type Clock } from "../runtime/clock.js";
import { nodeFileSystem, type FileSystem } from "../runtime/fs.js";
import { createKeyedMutex } from "./memory-cache.js";
import { unsharedLock, type HeldLock } from "./session-cache.js";

/** Where lock and cache problems go: `warn` for what the user should know, `debug` for the rest. */
export type CacheLogger = Pick<Logger, "warn"> & Partial<Pick<Logger, "debug">>;

export interface FileLockOptions {
  logger: CacheLogger;
  /** Drives the wait between attempts and the timeout. @default systemClock */
  clock?: Clock;
  /**
   * A lock not refreshed for this long belongs to a dead process and is taken over. The holder refreshes
   * it every `staleMs / 2`. proper-lockfile's floor is 2000. @default 10_000
   */
  staleMs?: number;
  /**
   * How long to wait for a live holder before running without the lock. While the holder marks itself as
   * asking for an MFA code (`HeldLock.whileAsking`), the wait is extended: it ends only this long after
   * the holder stopped asking (or died, and its lock went stale). @default 30_000
   */
  lockTimeoutMs?: number;
  /** Writes and removes the "asking" marker next to the lock. @default the real file system */
  fs?: Pick<FileSystem, "open" | "unlink" | "stat">;
  /** Pause between attempts to take a held lock. @default 100 */
  retryIntervalMs?: number;
  /**
   * Runs in turn (after earlier in-process callers) before the lock is taken, to create the directory
   * the lock lives in. A failure only means running unlocked.
   */
  prepare?: () => Promise<unknown>;
}

export interface FileLock {
  /**
   * Runs `fn` holding the lock for `file` (which need not exist; its directory must, or be made by
   * `prepare`). Never fails because of the lock: on timeout or any lock error `fn` runs unlocked, with a
   * warning for the timeout.
   */
  withLock<T>(file: string, fn: (held: HeldLock) => Promise<T>): Promise<T>;
}

/** A FileLock over proper-lockfile. Its refresh timers are unref'd, so a held lock never keeps Node alive. */
export function createFileLock(options: FileLockOptions): FileLock {
  const settings: LockSettings = {
    logger: options.logger,
    clock: options.clock ?? systemClock,
    staleMs: options.staleMs ?? 10_000,
    lockTimeoutMs: options.lockTimeoutMs ?? 30_000,
    retryIntervalMs: options.retryIntervalMs ?? 100,
    prepare: options.prepare ?? (async () => undefined),
    fs: options.fs ?? nodeFileSystem,
  };
  // In-process callers queue here, so only one of them at a time polls the lock directory.
  const mutex = createKeyedMutex();
  return {
    withLock: (file, fn) =>
      mutex.run(file, async () => {
        await settings.prepare().catch(() => undefined);
        const release = await acquire(file, settings);
        try {
          return await fn(release === unlocked ? unsharedLock : askingMarker(file, settings));
        } finally {
          await release();
        }
      }),
  };
}

// --- internal ---

type LockSettings = Required<FileLockOptions>;
type Release = () => Promise<void>;

const unlocked: Release = async () => {};

let lockfileModule: Promise<typeof import("proper-lockfile")> | undefined;

// Loaded on first use: proper-lockfile installs exit handlers and patches fs through graceful-fs at load
// time, which a process that never locks should not pay for.
function loadLockfile(): Promise<typeof import("proper-lockfile")> {
  lockfileModule ??= import("proper-lockfile");
  return lockfileModule;
}

async function acquire(file: string, settings: LockSettings): Promise<Release> {
  const { clock } = settings;
  let deadline = clock.now() + settings.lockTimeoutMs;
  let keepAlive: NodeJS.Timeout | undefined;
  try {
    for (;;) {
      const outcome = await tryLock(file, settings);
      if (outcome !== "held") {
        // A marker left by a holder that died while asking must not make the next waiters wait.
        if (outcome !== unlocked) await settings.fs.unlink(markerPath(file)).catch(() => undefined);
        return outcome;
      }
      let remainingMs = deadline - clock.now();
      if (remainingMs <= 0 && (await holderAsking(file, settings))) {
        // The lock is fresh (a stale one would have been taken over above), so its holder is alive.
        deadline = clock.now() + settings.lockTimeoutMs;
        remainingMs = settings.lockTimeoutMs;
      }
      if (remainingMs <= 0) {
        settings.logger.warn(
          `Gave up waiting ${settings.lockTimeoutMs} ms for the cache lock ${file}.lock, held by another process ` +
            `(it may be waiting for an MFA code); continuing without it.`,
        );
        return unlocked;
      }
      // The caller awaits this wait, so it must keep Node alive, which the Clock's unref'd sleep does
      // not: a script with nothing else pending would exit in the middle of resolving credentials.
      keepAlive ??= setInterval(() => undefined, 1 << 30);
      await clock.sleep(Math.min(settings.retryIntervalMs, remainingMs));
    }
  } finally {
    clearInterval(keepAlive);
  }
}

/** `<file>.asking`: present while the lock's holder waits for an MFA code (and makes the STS calls with it). */
function markerPath(file: string): string {
  return `${file}.asking`;
}

function askingMarker(file: string, { fs }: LockSettings): HeldLock {
  return {
    async whileAsking(work) {
      const marker = markerPath(file);
      // Best effort: without the marker, waiters fall back to the bounded wait.
      await fs.open(marker, "wx", 0o600).then((handle) => handle.close(), () => undefined);
      try {
        return await work();
      } finally {
        await fs.unlink(marker).catch(() => undefined);
      }
    },
  };
}

async function holderAsking(file: string, { fs }: LockSettings): Promise<boolean> {
  return fs.stat(markerPath(file)).then(
    () => true,
    () => false,
  );
}

/** One attempt: our release function, "held" by a live holder, or `unlocked` when locking is impossible. */
async function tryLock(file: string, { logger, staleMs }: LockSettings): Promise<Release | "held"> {
  const { lock } = await loadLockfile();
  const lockDir = `${file}.lock`;
  try {
    const release = await lock(file, {
      stale: staleMs,
      // The cache file usually does not exist yet; realpath would fail on it.
      realpath: false,
      retries: 0,
      // The default throws from a timer, which would crash the process.
      onCompromised: (error) =>
        logger.warn(`The cache lock ${lockDir} was lost (${errorText(error)}); another process may now refresh the same credentials.`),
    });
    // Fails only when the lock was already lost, which onCompromised has reported.
    return () => release().catch((error: unknown) => logger.debug?.(`Releasing ${lockDir}: ${errorText(error)}`));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") return "held";
    // E.g. the cache directory is missing or not writable; the cache write that follows reports it.
    logger.debug?.(`Running without the cache lock ${lockDir}: ${errorText(error)}`);
    return unlocked;
  }
}

/** An error's message for a log line (Node's fs errors name the path and code, never file content). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
