// Cross-process single flight with real processes: the only tests that wait on real time. The workers run
// test/cache/lock-worker.ts, bundled once with esbuild (Node 20 cannot run TypeScript itself).
import type { ChildProcess } from "node:child_process";
import * as nodeFs from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleWorker } from "../support/bundle-worker.js";
import { startProcess, stopStarted } from "../support/run-node.js";
import { removeTempDirs, tempDir } from "../support/sandbox-home.js";

const KEY = "51e7b105b5040ce662656c8dc6ab4de70c4de7ad";
let root: string;
let workerScript: string;

beforeAll(async () => {
  root = await tempDir("apc-lock-process-");
  workerScript = await bundleWorker(new URL("./lock-worker.ts", import.meta.url), join(root, "lock-worker.cjs"));
});

afterAll(async () => {
  stopStarted();
  await removeTempDirs();
});

interface Worker {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<number | null>;
}

function startWorker(dir: string, mode: "count" | "hold" | "ask", options: { holdMs?: number; staleMs?: number; lockTimeoutMs?: number } = {}): Worker {
  const { holdMs = 0, staleMs = 2_000, lockTimeoutMs = 20_000 } = options;
  const args = [workerScript, dir, KEY, mode, holdMs, staleMs, lockTimeoutMs, join(dir, "..", "counter.txt")].map(String);
  const run = startProcess(process.execPath, args);
  return {
    child: run.child,
    get stdout() {
      return run.stdout().split("\n").filter(Boolean);
    },
    get stderr() {
      return [run.stderr()];
    },
    exited: run.finished.then((finished) => finished.status),
  };
}

async function freshCacheDir(name: string): Promise<string> {
  const dir = join(root, name, "cache");
  await nodeFs.mkdir(dir, { recursive: true });
  await nodeFs.writeFile(join(root, name, "counter.txt"), "0");
  return dir;
}

describe("file lock across processes", () => {
  it("lets one of six processes at a time run, with no lost update", async () => {
    const dir = await freshCacheDir("six");
    const workers = Array.from({ length: 6 }, () => startWorker(dir, "count", { holdMs: 120 }));
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0, 0, 0, 0, 0]);

    expect(workers.map((w) => w.stderr.join(""))).toEqual(["", "", "", "", "", ""]);
    expect(await nodeFs.readFile(join(dir, "..", "counter.txt"), "utf8")).toBe("6");
    const intervals = workers.map((w) => w.stdout[0]!.split(" ").slice(1).map(Number) as [number, number]);
    intervals.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < intervals.length; i++) expect(intervals[i]![0]).toBeGreaterThanOrEqual(intervals[i - 1]![1]);
    expect(await nodeFs.readdir(dir)).toEqual([]);
  }, 20_000);

  it("keeps waiters waiting past lockTimeoutMs while the holder is asking for an MFA code, and not otherwise", async () => {
    const dir = await freshCacheDir("asking");
    const holder = startWorker(dir, "ask", { holdMs: 2_500 });
    await expect.poll(() => nodeFs.readdir(dir), { timeout: 10_000, interval: 20 }).toContain(`${KEY}.json.asking`);
    const waiter = startWorker(dir, "count", { lockTimeoutMs: 500 });
    expect(await Promise.all([holder.exited, waiter.exited])).toEqual([0, 0]);
    // The waiter ran after the holder, under the lock, with no warning: it did not give up after 500 ms.
    expect(waiter.stderr.join("")).toBe("");
    const [, , holderEnd] = holder.stdout[0]!.split(" ").map(Number) as [number, number, number];
    const [, waiterStart] = waiter.stdout[0]!.split(" ").map(Number) as [number, number];
    expect(waiterStart).toBeGreaterThanOrEqual(holderEnd);
    expect(await nodeFs.readFile(join(dir, "..", "counter.txt"), "utf8")).toBe("2");
    expect(await nodeFs.readdir(dir)).toEqual([]);

    // A holder that is not asking keeps the bounded wait: the waiter gives up and runs unlocked.
    const busy = startWorker(dir, "count", { holdMs: 2_500 });
    await expect.poll(() => nodeFs.readdir(dir), { timeout: 10_000, interval: 20 }).toContain(`${KEY}.json.lock`);
    const impatient = startWorker(dir, "count", { lockTimeoutMs: 500 });
    expect(await Promise.all([busy.exited, impatient.exited])).toEqual([0, 0]);
    expect(impatient.stderr.join("")).toMatch(/^WARN Gave up waiting 500 ms for the cache lock/);
  }, 30_000);

  it("takes over within seconds from a holder killed with SIGKILL", async () => {
    const dir = await freshCacheDir("killed");
    const holder = startWorker(dir, "hold", { staleMs: 2_000 });
    await expect.poll(() => holder.stdout[0], { timeout: 10_000, interval: 20 }).toMatch(/^locked /);
    const killedAt = Date.now();
    holder.child.kill("SIGKILL");
    await holder.exited;
    expect(await nodeFs.readdir(dir)).toEqual([`${KEY}.json.lock`]); // left behind by the dead holder

    const next = startWorker(dir, "count", { staleMs: 2_000, lockTimeoutMs: 20_000 });
    expect(await next.exited).toBe(0);
    const [, startMs] = next.stdout[0]!.split(" ").map(Number) as [number, number];
    // Stale after 2 s without a refresh (the holder refreshed every 1 s), plus polling and start-up.
    expect(startMs - killedAt).toBeLessThan(5_000);
    expect(next.stderr.join("")).toBe("");
    expect(await nodeFs.readdir(dir)).toEqual([]);
  }, 30_000);
});
