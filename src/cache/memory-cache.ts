// The in-process session store, and the per-key mutex that gives every SessionCache its in-process single
// flight (file-lock.ts reuses it before taking the cross-process lock). Freshness is judged by the caller;
// the disk side lives in file-cache.ts.
import type { StsSession } from "../runtime/sts.js";
import { unsharedLock, type SessionCache } from "./session-cache.js";

/** A SessionCache held in a Map: it lives as long as the object and is never shared between processes. */
export function createMemoryCache(): SessionCache {
  const sessions = new Map<string, StsSession>();
  const mutex = createKeyedMutex();
  return {
    read: async (key) => sessions.get(key),
    write: async (key, session) => {
      sessions.set(key, session);
    },
    withLock: (key, fn) => mutex.run(key, () => fn(unsharedLock)),
  };
}

/** Runs functions one at a time per key, in call order. */
export interface KeyedMutex {
  /** Runs `fn` once every earlier `run` for `key` has settled; the turn passes on even when `fn` throws. */
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/** A FIFO mutex per key. Waiting is not bounded: the holder's own work (STS call, MFA prompt) bounds it. */
export function createKeyedMutex(): KeyedMutex {
  // The settle-promise of the last caller queued for each key; removed when that caller finishes.
  const tails = new Map<string, Promise<void>>();
  return {
    async run(key, fn) {
      const previous = tails.get(key) ?? Promise.resolve();
      let release!: () => void;
      const done = new Promise<void>((resolve) => {
        release = resolve;
      });
      const tail = previous.then(() => done);
      tails.set(key, tail);
      await previous;
      try {
        return await fn();
      } finally {
        release();
        if (tails.get(key) === tail) tails.delete(key);
      }
    },
  };
}
