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
   * a lock that cannot be had in time is skipped, never turned into an error.
   */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
}
