import { describe, expect, it } from "vitest";
import { createKeyedMutex, createMemoryCache } from "../../src/cache/memory-cache.js";
import { runSessionCacheContract } from "./cache.contract.js";

describe(createMemoryCache.name, () => {
  runSessionCacheContract(() => createMemoryCache());
});

describe(createKeyedMutex.name, () => {
  it("lets a later caller straight in once the earlier ones are done", async () => {
    const mutex = createKeyedMutex();
    const order: number[] = [];
    await Promise.all([1, 2].map((n) => mutex.run("k", async () => order.push(n))));
    expect(await mutex.run("k", async () => "free")).toBe("free");
    expect(order).toEqual([1, 2]);
  });

  it("queues a caller that arrives while the holder is rejecting", async () => {
    const mutex = createKeyedMutex();
    const events: string[] = [];
    const first = mutex.run("k", async () => {
      events.push("first");
      throw new Error("first failed");
    });
    const second = mutex.run("k", async () => events.push("second"));
    await expect(first).rejects.toThrow("first failed");
    await second;
    expect(events).toEqual(["first", "second"]);
  });
});
