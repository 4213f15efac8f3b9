// Providers of one process coordinate in memory first (docs/semantics.md §8): one fetch per session
// identity, joined by every provider, so none of them polls the cross-process lock; and the identity
// holds the cache directory, profile files and STS endpoint, so two worlds in one run never share.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMemoryCache } from "../../src/cache/memory-cache.js";
import { systemClock, type Clock } from "../../src/runtime/clock.js";
import { openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";

const TWO_HOPS = (world: RoleWorld) =>
  world.config(`[profile mid]\nrole_arn = ${role("Mid")}\nsource_profile = base\n[profile top]\nrole_arn = ${role("Top")}\nsource_profile = mid\n`);

/** The real clock, recording every wait: the file lock waits for a held lock through clock.sleep. */
function recordingClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return { now: () => systemClock.now(), sleep: (ms) => (sleeps.push(ms), systemClock.sleep(ms)), sleeps };
}

let worlds: RoleWorld[];
const newWorld = async () => {
  const world = await startRoleWorld({ roles: [openRole("Mid"), openRole("Top")] });
  await TWO_HOPS(world);
  worlds.push(world);
  return world;
};
beforeEach(() => {
  worlds = [];
});
afterEach(async () => {
  await Promise.all(worlds.map((w) => w.close()));
});

/** A provider of `world` with the disk cache in its HOME (no injected store), as an application has. */
const diskProvider = (world: RoleWorld, clock: Clock, options = {}) => world.provider({ profile: "top", ...options }, { cache: undefined, clock });

describe("many providers of one profile in one process", () => {
  it("share one AssumeRole per hop, cold, without waiting on the file lock", async () => {
    const world = await newWorld();
    const clock = recordingClock();
    const providers = Array.from({ length: 30 }, () => diskProvider(world, clock));

    const results = await Promise.all(providers.map((p) => p()));

    expect(world.sts.callsTo("AssumeRole").map((c) => c.params.RoleArn)).toEqual([role("Mid"), role("Top")]);
    expect(new Set(results.map((c) => c.accessKeyId)).size).toBe(1);
    // Only the provider that fetched took the lock; the others joined its fetch in memory.
    expect(clock.sleeps).toEqual([]);
    const entries = (await readdir(join(world.home, ".aws", "cli", "cache"))).filter((n) => n.endsWith(".json"));
    expect(entries).toHaveLength(2);
  });

  it("hand a provider that starts after the fetch the session it issued, with no STS call", async () => {
    const world = await newWorld();
    const clock = recordingClock();
    const first = await diskProvider(world, clock)();
    const later = await diskProvider(world, clock)();
    expect(later.accessKeyId).toBe(first.accessKeyId);
    expect(world.sts.callsTo("AssumeRole")).toHaveLength(2);
  });

  it("do not join another provider's fetch when forced (forceRefresh)", async () => {
    const world = await newWorld();
    const clock = recordingClock();
    const plain = diskProvider(world, clock);
    const forced = diskProvider(world, clock);
    const first = await plain();
    const renewed = await forced({ forceRefresh: true });
    expect(renewed.accessKeyId).not.toBe(first.accessKeyId);
    // The outermost hop only is fetched again; the inner session comes from the cache.
    expect(world.sts.callsTo("AssumeRole").map((c) => c.params.RoleArn)).toEqual([role("Mid"), role("Top"), role("Top")]);
  });
});

describe("the in-memory identity", () => {
  it("keeps two worlds (emulator, profile files, cache directory) in one run apart, however concurrent", async () => {
    const [a, b] = [await newWorld(), await newWorld()];
    const clock = recordingClock();
    await Promise.all([diskProvider(a, clock)(), diskProvider(b, clock)()]);

    for (const world of [a, b]) expect(world.sts.callsTo("AssumeRole")).toHaveLength(2);
    // Each world's cache directory holds its own two sessions.
    for (const world of [a, b]) expect((await readdir(join(world.home, ".aws", "cli", "cache"))).filter((n) => n.endsWith(".json"))).toHaveLength(2);
  });

  it("keeps providers with their own session store (the disk cache off) apart", async () => {
    const world = await newWorld();
    const clock = recordingClock();
    const providers = [0, 1].map(() => world.provider({ profile: "top", cache: false }, { cache: undefined, clock }));
    await Promise.all(providers.map((p) => p()));
    expect(world.sts.callsTo("AssumeRole")).toHaveLength(4);
    // An injected store is one provider's too.
    await Promise.all([0, 1].map(() => world.provider({ profile: "top" }, { cache: createMemoryCache(), clock })()));
    expect(world.sts.callsTo("AssumeRole")).toHaveLength(8);
  });
});
