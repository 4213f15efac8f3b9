import * as nodeFs from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFileLock, type FileLockOptions } from "../../src/cache/file-lock.js";
import { FakeClock } from "../support/fake-clock.js";
import { removeTempDirs, tempDir } from "../support/sandbox-home.js";

let root: string;
let file: string;
let warnings: string[];

beforeEach(async () => {
  root = await tempDir("apc-file-lock-");
  file = join(root, "51e7b105b5040ce662656c8dc6ab4de70c4de7ad.json");
  warnings = [];
});

afterEach(removeTempDirs);

/** A clock whose sleeps return at once and move time forward, so waits cost no real time. */
const steppingClock = () => new FakeClock(Date.UTC(2026, 10, 22), { instantSleeps: true });

function lockWith(options: Partial<FileLockOptions> = {}) {
  return createFileLock({ logger: { warn: (message: string) => warnings.push(message) }, ...options });
}

const exists = (path: string) => nodeFs.stat(path).then(() => true, () => false);

describe(createFileLock.name, () => {
  it("holds <file>.lock while fn runs and removes it afterwards, also when fn throws", async () => {
    const lock = lockWith();
    expect(await lock.withLock(file, async () => exists(`${file}.lock`))).toBe(true);
    expect(await exists(`${file}.lock`)).toBe(false);
    await expect(lock.withLock(file, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await exists(`${file}.lock`)).toBe(false);
    expect(await exists(file)).toBe(false);
  });

  it("marks <file>.asking only while the holder asks, and removes a mark a dead holder left behind", async () => {
    await nodeFs.writeFile(`${file}.asking`, "");
    const lock = lockWith();
    const seen = await lock.withLock(file, async (held) => {
      const before = await exists(`${file}.asking`);
      const during = await held.whileAsking(async () => exists(`${file}.asking`));
      return { before, during, after: await exists(`${file}.asking`) };
    });
    expect(seen).toEqual({ before: false, during: true, after: false });
  });

  it("waits for a live holder until lockTimeoutMs, then warns once and runs fn without the lock", async () => {
    await nodeFs.mkdir(`${file}.lock`); // another process's lock, fresh
    const clock = steppingClock();
    const lock = lockWith({ clock, lockTimeoutMs: 30_000, retryIntervalMs: 100 });
    expect(await lock.withLock(file, async () => "ran")).toBe("ran");
    expect(clock.slept).toBe(30_000);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`${file}.lock`);
    expect(await exists(`${file}.lock`)).toBe(true); // not ours to remove
  });

  it("takes over a stale lock left by a dead holder at once", async () => {
    await nodeFs.mkdir(`${file}.lock`);
    const old = new Date(Date.now() - 60_000);
    await nodeFs.utimes(`${file}.lock`, old, old);
    const clock = steppingClock();
    expect(await lockWith({ clock, staleMs: 10_000 }).withLock(file, async () => "ran")).toBe("ran");
    expect(clock.slept).toBe(0);
    expect(warnings).toEqual([]);
    expect(await exists(`${file}.lock`)).toBe(false);
  });

  it("runs fn unlocked, without a warning, when the directory does not exist", async () => {
    const missing = join(root, "missing", "51e7b105b5040ce662656c8dc6ab4de70c4de7ad.json");
    expect(await lockWith().withLock(missing, async () => "ran")).toBe("ran");
    expect(warnings).toEqual([]);
  });

  it("lets in-process callers queue instead of polling the lock directory", async () => {
    const clock = steppingClock();
    const lock = lockWith({ clock });
    const order: string[] = [];
    const slow = lock.withLock(file, async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push("first");
    });
    await lock.withLock(file, async () => order.push("second"));
    await slow;
    expect(order).toEqual(["first", "second"]);
    expect(clock.slept).toBe(0);
  });

  it("logs a lost lock instead of crashing the process", async () => {
    // proper-lockfile refreshes the lock every staleMs / 2 (at least 1 s) and reports a vanished lock then.
    const result = await lockWith({ staleMs: 2_000 }).withLock(file, async () => {
      await nodeFs.rmdir(`${file}.lock`);
      await new Promise((resolve) => setTimeout(resolve, 1_300));
      return "finished";
    });
    expect(result).toBe("finished");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("was lost");
  });
});
