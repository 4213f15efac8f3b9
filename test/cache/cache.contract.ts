// The behaviour every SessionCache shares, run by memory-cache.test.ts, file-cache.test.ts and
// layered-cache.test.ts against their own implementation.
import { describe, expect, it } from "vitest";
import type { SessionCache } from "../../src/cache/session-cache.js";
import type { StsSession } from "../../src/runtime/sts.js";

export const KEY_A = "51e7b105b5040ce662656c8dc6ab4de70c4de7ad";
export const KEY_B = "9861399b98e044d64b55de48f705c3e1e72da613";

/** A session with fake values; `n` makes each one distinguishable. */
export function fakeSession(n: number, expiresAt = Date.UTC(2026, 10, 22, 4, 0, n)): StsSession {
  return {
    credentials: {
      accessKeyId: `ASIAFIXTURE${String(n).padStart(9, "0")}`,
      secretAccessKey: `fixture-secret-${n}`,
      sessionToken: `fixture-token-${n}`,
      expiration: new Date(expiresAt),
      accountId: "123456789012",
    },
    assumedRoleUser: { Arn: "arn:aws:sts::123456789012:assumed-role/Admin/s", AssumedRoleId: "AROAFIXTURE:s" },
    requestId: `request-${n}`,
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

export function runSessionCacheContract(makeCache: () => SessionCache | Promise<SessionCache>): void {
  describe("SessionCache contract", () => {
    it("misses a key that was never written", async () => {
      const cache = await makeCache();
      expect(await cache.read(KEY_A)).toBeUndefined();
    });

    it("reads back what was written, per key", async () => {
      const cache = await makeCache();
      await cache.write(KEY_A, fakeSession(1));
      await cache.write(KEY_B, fakeSession(2));
      expect(await cache.read(KEY_A)).toEqual(fakeSession(1));
      expect(await cache.read(KEY_B)).toEqual(fakeSession(2));
    });

    it("overwrites an entry", async () => {
      const cache = await makeCache();
      await cache.write(KEY_A, fakeSession(1));
      await cache.write(KEY_A, fakeSession(2));
      expect(await cache.read(KEY_A)).toEqual(fakeSession(2));
    });

    it("runs withLock callers for one key one at a time, in call order", async () => {
      const cache = await makeCache();
      const events: string[] = [];
      const run = (name: string) =>
        cache.withLock(KEY_A, async () => {
          events.push(`${name} in`);
          await tick();
          events.push(`${name} out`);
          return name;
        });
      expect(await Promise.all([run("a"), run("b"), run("c")])).toEqual(["a", "b", "c"]);
      expect(events).toEqual(["a in", "a out", "b in", "b out", "c in", "c out"]);
    });

    it("passes the lock on when the holder throws", async () => {
      const cache = await makeCache();
      const failing = cache.withLock(KEY_A, async () => {
        await tick();
        throw new Error("boom");
      });
      const next = cache.withLock(KEY_A, async () => "next");
      await expect(failing).rejects.toThrow("boom");
      expect(await next).toBe("next");
    });

    it("does not hold one key's callers behind another key's lock", async () => {
      const cache = await makeCache();
      let releaseA!: () => void;
      const heldA = cache.withLock(KEY_A, () => new Promise<void>((resolve) => (releaseA = resolve)));
      await tick();
      expect(await cache.withLock(KEY_B, async () => "b")).toBe("b");
      releaseA();
      await heldA;
    });
  });
}
