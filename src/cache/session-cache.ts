// The seam between role execution and session storage. The in-memory store implements it in
// memory-cache.ts; the AWS CLI's on-disk cache (~/.aws/cli/cache) implements it in file-cache.ts, and
// layered-cache.ts puts memory in front of disk. Keys are AWS CLI cache keys (cache-key.ts).
import type { StsSession } from "../runtime/sts.js";

export interface SessionCache {
  /**
   * The stored session for `key`, or undefined when there is none or it cannot be read (a corrupt entry
   * is a miss, logged by the implementation). Usability (time left) is judged by the caller.
   */
  read(key: string): Promise<StsSession | undefined>;
  /** Stores a session after a successful STS call. Never throws: a failed write is logged and ignored. */
  write(key: string, session: StsSession): Promise<void>;
  /**
   * Runs `fn` while holding the exclusive lock for `key`, so that only one caller at a time fetches a
   * session for that key (in this process, and for the disk cache across processes). Waiting is bounded;
   * a lock that cannot be had in time is skipped, never turned into an error. Waiters keep waiting while
   * the holder says (through `held.whileAsking`) that it is waiting for a person or an mfa_process.
   */
  withLock<T>(key: string, fn: (held: HeldLock) => Promise<T>): Promise<T>;
}

/** What the holder of a key's lock can tell the callers waiting for it. */
export interface HeldLock {
  /**
   * Runs `work` (asking for an MFA code and the STS calls that use it) marked as "asking": callers waiting
   * for this key in other processes wait as long as the holder is alive and asking, not a fixed time.
   */
  whileAsking<T>(work: () => Promise<T>): Promise<T>;
}

/** The HeldLock of a lock no other process can wait for. */
export const unsharedLock: HeldLock = { whileAsking: (work) => work() };
