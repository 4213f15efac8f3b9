// Hardening, area 6: no timer, socket, lock or handle keeps a process alive once the credentials are
// returned. A script that resolves a role (through the emulator, with the AWS CLI disk cache and its
// cross-process lock) and does nothing else must have nothing left that keeps its event loop alive once it
// has the result, exit on its own, and do so without an unhandled
// rejection (it runs with --unhandled-rejections=strict, which would crash it). Vitest itself fails the run
// on any unhandled rejection in the test processes (vitest.config.ts).
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalSts, type LocalSts } from "../../src/testing/index.js";
import { bundleWorker } from "../support/bundle-worker.js";
import { BASE, CREDENTIALS_FILE, openRole, role } from "../support/role-world.js";
import { runNode } from "../support/run-node.js";
import { childEnv, removeTempDirs, sandboxHome, tempDir } from "../support/sandbox-home.js";

let root: string;
let script: string;
let sts: LocalSts;
let home: string;

beforeAll(async () => {
  root = await tempDir("apc-hygiene-");
  script = await bundleWorker(new URL("./workers/hygiene-worker.ts", import.meta.url), join(root, "hygiene-worker.cjs"));
  sts = await startLocalSts({ users: [BASE], roles: [openRole("Admin"), { arn: role("Nope"), trust: [] }] });
  ({ home } = await sandboxHome({
    parent: root,
    credentials: CREDENTIALS_FILE,
    config: `[profile r]\nrole_arn = ${role("Admin")}\nsource_profile = base\n[profile denied]\nrole_arn = ${role("Nope")}\nsource_profile = base\n`,
  }));
}, 30_000);

afterAll(async () => {
  await sts?.close();
  await removeTempDirs();
});

/**
 * Runs the worker; resolves with its outcome, what still kept its event loop alive a macrotask after the
 * result, and its exit code (null when the safety net had to kill it).
 */
// One look suffices: once the microtasks have run, only an active handle or request (a ref'd timer, a
// socket, a pending file operation) can run code later, so an empty list means the process ends now.
async function resolveOnce(profile: string): Promise<{ outcome: string; alive: string[]; code: number | null; stderr: string }> {
  const { stdout, stderr, status: code } = await runNode(["--unhandled-rejections=strict", script, sts.endpoint, profile], childEnv({ HOME: home }), { timeoutMs: 8_000 });
  const [, outcome = `no output (${stderr})`, alive = "null"] = /^done (\S+) (.*)$/m.exec(stdout) ?? [];
  return { outcome, alive: JSON.parse(alive) as string[], code, stderr };
}

describe("resource hygiene", () => {
  it.each([
    ["r", "a fresh role session (STS call, cache lock, cache write)", "ok"],
    ["r", "a session read back from the disk cache", "ok"],
    ["denied", "a refused AssumeRole", "error:STS_ACCESS_DENIED"],
    ["missing", "a configuration error", "error:PROFILE_NOT_FOUND"],
  ])("a script that resolves %s (%s) and does nothing else exits at once", async (profile, _what, expected) => {
    const calls = sts.calls.length;
    const result = await resolveOnce(profile);
    expect(result.outcome).toBe(expected);
    expect(result.alive, "handles and requests keeping the process alive after the result").toEqual([]);
    expect(result.code, "exited by itself").toBe(0);
    expect(result.stderr).not.toMatch(/Unhandled|ERROR/);
    if (_what.includes("disk cache")) expect(sts.calls.length).toBe(calls);
  });

  it("exits at once after STS dropped the connection and the SDK retried", async () => {
    sts.failNext({ drop: true });
    const result = await resolveOnce("denied");
    expect(result.outcome).toBe("error:STS_ACCESS_DENIED");
    expect(result.alive).toEqual([]);
    expect(result.code).toBe(0);
  });
});
