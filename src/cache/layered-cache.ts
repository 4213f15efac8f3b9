// Memory in front of disk: one SessionCache over memory-cache.ts and file-cache.ts. It only combines the
// two; when to read, whether an entry is fresh enough and when to fetch are the caller's decisions.
import type { StsSession } from "../runtime/sts.js";
import type { SessionCache } from "./session-cache.js";

/**
 * `read` consults both layers and returns the session that expires later, copying a fresher disk entry
 * into memory: another process (or the AWS CLI) may have refreshed the file since memory was filled, and
 * the caller would otherwise see the stale copy and call STS (and prompt for MFA) again. `write` goes to
 * both; `withLock` is the disk layer's, which includes the in-process lock.
 */
export function createLayeredCache(memory: SessionCache, file: SessionCache): SessionCache {
  return {
    async read(key) {
      const [inMemory, onDisk] = await Promise.all([memory.read(key), file.read(key)]);
      if (onDisk !== undefined && (inMemory === undefined || expiresAt(onDisk) > expiresAt(inMemory))) {
        await memory.write(key, onDisk);
        return onDisk;
      }
      return inMemory;
    },
    async write(key, session) {
      await Promise.all([memory.write(key, session), file.write(key, session)]);
    },
    withLock: (key, fn) => file.withLock(key, fn),
  };
}

// --- internal ---

function expiresAt(session: StsSession): number {
  return session.credentials.expiration.getTime();
}
