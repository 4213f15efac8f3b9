import { describe, expect, it } from "vitest";
import { createLayeredCache } from "../../src/cache/layered-cache.js";
import { createMemoryCache } from "../../src/cache/memory-cache.js";
import type { HeldLock, SessionCache } from "../../src/cache/session-cache.js";
import { fakeSession, KEY_A, runSessionCacheContract } from "./cache.contract.js";

const HOUR_MS = 3_600_000;
const T0 = Date.UTC(2026, 10, 22, 3, 0, 0);

/** A memory cache that counts lock use, standing in for the file layer. */
function countingCache(): SessionCache & { locks: number } {
  const inner = createMemoryCache();
  const cache = {
    locks: 0,
    read: inner.read,
    write: inner.write,
    withLock<T>(key: string, fn: (held: HeldLock) => Promise<T>) {
      cache.locks++;
      return inner.withLock(key, fn);
    },
  };
  return cache;
}

describe(createLayeredCache.name, () => {
  runSessionCacheContract(() => createLayeredCache(createMemoryCache(), createMemoryCache()));

  it("writes to both layers", async () => {
    const memory = createMemoryCache();
    const file = createMemoryCache();
    await createLayeredCache(memory, file).write(KEY_A, fakeSession(1));
    expect(await memory.read(KEY_A)).toEqual(fakeSession(1));
    expect(await file.read(KEY_A)).toEqual(fakeSession(1));
  });

  it("copies a disk entry into memory", async () => {
    const memory = createMemoryCache();
    const file = createMemoryCache();
    await file.write(KEY_A, fakeSession(1));
    expect(await createLayeredCache(memory, file).read(KEY_A)).toEqual(fakeSession(1));
    expect(await memory.read(KEY_A)).toEqual(fakeSession(1));
  });

  it("prefers a fresher disk entry, written by another process, over a stale memory one", async () => {
    const memory = createMemoryCache();
    const file = createMemoryCache();
    await memory.write(KEY_A, fakeSession(1, T0));
    await file.write(KEY_A, fakeSession(2, T0 + HOUR_MS));
    const layered = createLayeredCache(memory, file);
    expect(await layered.read(KEY_A)).toEqual(fakeSession(2, T0 + HOUR_MS));
    expect(await memory.read(KEY_A)).toEqual(fakeSession(2, T0 + HOUR_MS));
  });

  it("keeps the memory entry when the disk one expires earlier or is unreadable", async () => {
    const memory = createMemoryCache();
    const file = createMemoryCache();
    const layered = createLayeredCache(memory, file);
    await memory.write(KEY_A, fakeSession(1, T0 + HOUR_MS));
    expect(await layered.read(KEY_A)).toEqual(fakeSession(1, T0 + HOUR_MS));
    await file.write(KEY_A, fakeSession(2, T0));
    expect(await layered.read(KEY_A)).toEqual(fakeSession(1, T0 + HOUR_MS));
  });

  it("locks through the file layer", async () => {
    const memory = countingCache();
    const file = countingCache();
    expect(await createLayeredCache(memory, file).withLock(KEY_A, async () => 42)).toBe(42);
    expect([memory.locks, file.locks]).toEqual([0, 1]);
  });
});
