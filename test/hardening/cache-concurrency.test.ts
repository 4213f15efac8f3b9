// Hardening, area 4: the AWS CLI disk cache under real processes. 8 processes x 100 resolutions of a 2-hop
// role chain (each resolution a fresh provider, so every one reads the disk cache) while another process
// keeps deleting, truncating and overwriting the cache entries: every resolution succeeds with credentials
// STS issued for the outer role (no torn or forged file is ever taken as credentials), and STS is called at
// most once per hop plus once per corruption. Then a writer killed with SIGKILL mid-write never leaves a
// partial entry that reads as valid. Workers are bundled with esbuild and spawned asynchronously (the
// emulator answers from this process).
import type { ChildProcess } from "node:child_process";
import { mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFileCache } from "../../src/cache/file-cache.js";
import { startLocalSts, type LocalSts } from "../../src/testing/index.js";
import { bundleWorker } from "../support/bundle-worker.js";
import { BASE, CREDENTIALS_FILE, openRole, role } from "../support/role-world.js";
import { startProcess, stopStarted } from "../support/run-node.js";
import { childEnv, removeTempDirs, sandboxHome, tempDir } from "../support/sandbox-home.js";

const PROCESSES = 8;
const RESOLUTIONS = 100;
let root: string;
const scripts: Record<string, string> = {};

beforeAll(async () => {
  root = await tempDir("apc-hardening-cache-");
  await Promise.all(
    ["resolve-worker", "corrupt-worker", "write-worker"].map(async (name) => {
      scripts[name] = await bundleWorker(new URL(`./workers/${name}.ts`, import.meta.url), join(root, `${name}.cjs`));
    }),
  );
}, 30_000);

afterAll(async () => {
  stopStarted();
  await removeTempDirs();
});

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(script: string, args: string[], env: Record<string, string> = {}): Run {
  const { child, stdout, stderr, finished } = startProcess(process.execPath, [scripts[script]!, ...args], { env: childEnv(env) });
  return { child, stdout, stderr, exited: finished.then((done) => done.status) };
}

describe("disk cache under concurrent processes", () => {
  let sts: LocalSts;
  afterAll(() => sts?.close());

  it(`${PROCESSES} processes x ${RESOLUTIONS} resolutions while another process corrupts the cache: nothing lost, nothing forged`, async () => {
    sts = await startLocalSts({ users: [BASE], roles: [openRole("Mid"), openRole("Top")] });
    const { home, cacheDir } = await sandboxHome({
      parent: root,
      credentials: CREDENTIALS_FILE,
      config:
        `[profile mid]\nrole_arn = ${role("Mid")}\nsource_profile = base\nduration_seconds = 3600\n` +
        `[profile top]\nrole_arn = ${role("Top")}\nsource_profile = mid\nduration_seconds = 3600\n`,
    });

    const corruptor = run("corrupt-worker", [cacheDir, "10"]);
    const workers = Array.from({ length: PROCESSES }, () => run("resolve-worker", [sts.endpoint, "top", String(RESOLUTIONS)], { HOME: home }));
    const codes = await Promise.all(workers.map((w) => w.exited));
    corruptor.child.kill("SIGTERM");
    await corruptor.exited;
    const corruptions = Number(corruptor.stdout().trim());

    expect(codes).toEqual(Array(PROCESSES).fill(0));
    const results = workers.flatMap((w) => w.stdout().trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>));
    expect(results).toHaveLength(PROCESSES * RESOLUTIONS);
    const failures = results.filter((r) => "error" in r);
    expect(failures, JSON.stringify(failures.slice(0, 3))).toEqual([]);

    // Every returned key was issued by STS for the outer role: never Mid's, never a forged or torn entry's.
    const issuedTop = new Set(sts.callsTo("AssumeRole").filter((c) => c.params.RoleArn === role("Top")).map((c) => c.issuedAccessKeyId));
    const now = Date.now();
    for (const result of results) {
      expect(issuedTop.has(result.accessKeyId as string), `not an issued Top key: ${String(result.accessKeyId)}`).toBe(true);
      expect(result.hasSecret).toBe(true);
      expect(result.expiration as number).toBeGreaterThan(now);
    }

    // The corruptor really interfered, and the library noticed the bad entries.
    expect(corruptions).toBeGreaterThan(20);
    const stderr = workers.map((w) => w.stderr()).join("");
    expect(stderr).toContain("Ignoring the AWS CLI cache file");
    expect(stderr).not.toMatch(/ERROR/);

    // STS: one call per hop, plus at most one per destructive operation.
    const assumeRoles = sts.callsTo("AssumeRole").length;
    expect(assumeRoles).toBeGreaterThanOrEqual(2);
    expect(assumeRoles, `${assumeRoles} AssumeRole calls for ${corruptions} corruptions`).toBeLessThanOrEqual(2 + corruptions);
    expect(assumeRoles).toBeLessThan(PROCESSES * RESOLUTIONS);
    console.info(`cache concurrency: ${PROCESSES}x${RESOLUTIONS} resolutions, ${corruptions} corruptions, ${assumeRoles} AssumeRole calls`);
  }, 40_000);

  it("a writer killed with SIGKILL mid-write never leaves an entry that reads as valid but partial", async () => {
    const dir = join(root, "kill-cache");
    await mkdir(dir, { recursive: true });
    const key = "0123456789abcdef0123456789abcdef01234567";
    const warnings: string[] = [];
    const reader = createFileCache({ dir, logger: { warn: (m: string) => warnings.push(m) } });
    let complete = 0;
    for (let round = 0; round < 12; round++) {
      const writer = run("write-worker", [dir, key]);
      await new Promise<void>((resolve) => writer.child.stdout!.once("data", () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 20 + ((round * 37) % 60)));
      writer.child.kill("SIGKILL");
      await writer.exited;
      const session = await reader.read(key);
      if (session) {
        complete++;
        const id = session.credentials.accessKeyId.replace(/^AKIDWRITE/, "");
        expect(session.credentials.accessKeyId).toMatch(/^AKIDWRITE\d{10}$/);
        expect(session.credentials.secretAccessKey.startsWith(`secret-${id}-`)).toBe(true);
        expect(session.credentials.secretAccessKey.length).toBe(`secret-${id}-`.length + 4096 + (Number(id) % 97) * 64);
        expect(session.credentials.sessionToken).toBe(`token-${id}`);
      }
    }
    expect(complete).toBeGreaterThan(0);
    expect(warnings.filter((w) => w.includes("Ignoring"))).toEqual([]);
    // Leftover temp files of killed writers are never in the <key>.json namespace the CLI and readers use.
    const names = await readdir(dir);
    expect(names.filter((n) => n.endsWith(".json"))).toEqual([`${key}.json`]);
    expect(names.filter((n) => !n.endsWith(".json") && !n.endsWith(".lock")).every((n) => n.startsWith(".") && n.endsWith(".tmp"))).toBe(true);
  }, 20_000);
});
