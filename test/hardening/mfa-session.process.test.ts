// Acceptance of MFA sessions across real processes (docs/semantics.md §5.5, §8): three role profiles that
// share one MFA device, resolved by 3 processes one after another and then by 8 at once, make 1
// GetSessionToken and ask 1 code in total, and every AssumeRole is signed by the MFA session. When the role
// sessions expire (the emulator's and the children's clocks moved 2 hours ahead), new ones come with no
// code while the MFA session lasts. And 8 processes starting at once on an empty cache make 1
// GetSessionToken and ask 1 code. Workers are bundled with esbuild and spawned asynchronously (the emulator
// answers from this process).
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalSts, type LocalSts } from "../../src/testing/index.js";
import { bundleWorker } from "../support/bundle-worker.js";
import { expectNoSecrets } from "../support/no-secrets.js";
import { BASE, CREDENTIALS_FILE, MFA_SERIAL, openRole, role } from "../support/role-world.js";
import { runNode } from "../support/run-node.js";
import { childEnv, removeTempDirs, sandboxHome, tempDir } from "../support/sandbox-home.js";

// Not a substring of any id in the world, so the secret scan below can look for it.
const CODE = "918273";
const PROFILES = ["a", "b", "c"];
let root: string;
let script: string;
let offsetMs = 0;
let sts: LocalSts;

beforeAll(async () => {
  root = await tempDir("apc-mfa-session-");
  script = await bundleWorker(new URL("./workers/mfa-session-worker.ts", import.meta.url), join(root, "mfa-session-worker.cjs"));
  sts = await startLocalSts(
    { users: [BASE], roles: PROFILES.map((p) => openRole(p.toUpperCase(), { mfaRequired: true })), mfaDevices: [{ serial: MFA_SERIAL, codes: [] }] },
    { clock: { now: () => Date.now() + offsetMs } },
  );
}, 30_000);

afterAll(async () => {
  await sts?.close();
  await removeTempDirs();
});

async function makeHome(name: string): Promise<{ home: string; codeLog: string }> {
  const { home } = await sandboxHome({
    parent: root,
    prefix: `${name}-`,
    credentials: CREDENTIALS_FILE,
    config: PROFILES.map((p) => `[profile ${p}]\nrole_arn = ${role(p.toUpperCase())}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\n`).join(""),
  });
  const codeLog = join(root, `${name}-codes.log`);
  await writeFile(codeLog, "");
  return { home, codeLog };
}

interface Result {
  profile: string;
  accessKeyId?: string;
  error?: string;
}

async function worker(home: string, codeLog: string, profiles: string[]): Promise<{ status: number | null; results: Result[]; stderr: string }> {
  const { status, stdout, stderr } = await runNode([script, sts.endpoint, String(offsetMs), codeLog, profiles.join(",")], childEnv({ HOME: home, MFA_CODE: CODE }));
  return { status, stderr, results: stdout.trim().split("\n").filter(Boolean).map((line) => JSON.parse(line) as Result) };
}

const codeLines = async (codeLog: string) => (await readFile(codeLog, "utf8")).split("\n").filter(Boolean);
const rotations = (count: number) => Array.from({ length: count }, (_, i) => [...PROFILES.slice(i % 3), ...PROFILES.slice(0, i % 3)]);

function expectAllResolved(runs: { status: number | null; results: Result[]; stderr: string }[], perRun: number): Result[] {
  for (const run of runs) {
    expect(run.status, run.stderr).toBe(0);
    expect(run.results.filter((r) => r.error), JSON.stringify(run.results)).toEqual([]);
    expect(run.results).toHaveLength(perRun);
  }
  return runs.flatMap((run) => run.results);
}

/** Each role's AssumeRole calls were signed by the MFA session and sent no SerialNumber or TokenCode. */
function expectSignedByMfaSession(): void {
  const [gst] = sts.callsTo("GetSessionToken");
  for (const call of sts.callsTo("AssumeRole")) {
    expect(call).toMatchObject({ outcome: "ok", signedBy: gst!.issuedAccessKeyId });
    expect(call.params.SerialNumber).toBeUndefined();
    expect(call.params.TokenCode).toBeUndefined();
  }
}

describe("MFA sessions across processes", () => {
  it("3 processes one after another, then 8 at once: 1 GetSessionToken, 1 code; after the roles expire, new roles with no code", async () => {
    sts.reset();
    sts.addMfaCodes(MFA_SERIAL, [CODE]);
    offsetMs = 0;
    const { home, codeLog } = await makeHome("sequential");

    const sequential = [];
    for (const profile of PROFILES) sequential.push(await worker(home, codeLog, [profile]));
    expectAllResolved(sequential, 1);
    const concurrent = await Promise.all(rotations(8).map((profiles) => worker(home, codeLog, profiles)));
    const results = expectAllResolved(concurrent, 3);

    expect(await codeLines(codeLog)).toHaveLength(1);
    const [gst, ...moreGst] = sts.callsTo("GetSessionToken");
    expect(moreGst).toEqual([]);
    expect(gst).toMatchObject({ outcome: "ok", signedBy: BASE.accessKeyId, params: { SerialNumber: MFA_SERIAL } });
    const assumes = sts.callsTo("AssumeRole");
    expect(assumes.map((c) => c.params.RoleArn).sort()).toEqual(PROFILES.map((p) => role(p.toUpperCase())));
    expectSignedByMfaSession();
    // Every process got the role session issued for its profile.
    const issued = new Map(assumes.map((c) => [c.params.RoleArn, c.issuedAccessKeyId]));
    for (const result of results) expect(result.accessKeyId).toBe(issued.get(role(result.profile.toUpperCase())));

    // Two hours later the 1-hour role sessions are over; the 12-hour MFA session is not.
    offsetMs = 2 * 3600_000;
    const later = expectAllResolved(await Promise.all(rotations(8).map((profiles) => worker(home, codeLog, profiles))), 3);
    expect(await codeLines(codeLog)).toHaveLength(1);
    expect(sts.callsTo("GetSessionToken")).toHaveLength(1);
    expect(sts.callsTo("AssumeRole")).toHaveLength(6);
    expectSignedByMfaSession();
    const renewed = new Set(sts.callsTo("AssumeRole").slice(3).map((c) => c.issuedAccessKeyId));
    for (const result of later) expect(renewed.has(result.accessKeyId)).toBe(true);

    // The MFA session's credentials are in its cache file only, never in what the processes printed.
    const dir = join(home, ".aws", "cli", "cache");
    const file = (await readdir(dir)).find((name) => /^mfa-session-[0-9a-f]{40}\.json$/.test(name))!;
    const { Credentials } = JSON.parse(await readFile(join(dir, file), "utf8")) as { Credentials: Record<string, string> };
    expect(Credentials.AccessKeyId).toBe(gst!.issuedAccessKeyId);
    const printed = [...sequential, ...concurrent].flatMap((r) => [r.stderr, JSON.stringify(r.results)]);
    expectNoSecrets(printed, [Credentials.SecretAccessKey, Credentials.SessionToken, BASE.secretAccessKey, CODE]);
  }, 60_000);

  it("8 processes starting at once on an empty cache: 1 GetSessionToken and 1 code", async () => {
    sts.reset();
    sts.addMfaCodes(MFA_SERIAL, [CODE]);
    offsetMs = 0;
    const { home, codeLog } = await makeHome("together");
    const runs = await Promise.all(Array.from({ length: 8 }, (_, i) => worker(home, codeLog, [PROFILES[i % 3]!])));
    expectAllResolved(runs, 1);
    expect(await codeLines(codeLog)).toHaveLength(1);
    expect(sts.callsTo("GetSessionToken")).toHaveLength(1);
    expect(sts.callsTo("AssumeRole")).toHaveLength(3);
    expectSignedByMfaSession();
  }, 60_000);
});
