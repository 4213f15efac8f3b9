// inspectProfileWith(): the plan and each hop's disk-cache status, against real profile files in a temp
// folder and cache files written as the AWS CLI (or this library) writes them. The keys are cross-checked
// against the ones the real provider writes through the file cache, with the STS emulator.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { serializeCacheEntry } from "../../src/cache/cache-entry.js";
import { createFileCache } from "../../src/cache/file-cache.js";
import type { InspectProfileOptions, ProfileInspection } from "../../src/inspect/inspect-profile.js";
import { inspectProfileWith, shownProgram } from "../../src/inspect/inspect-profile-with.js";
import { formatInspection } from "../../src/inspect/format-inspection.js";
import { systemClock } from "../../src/runtime/clock.js";
import { nodeFileSystem } from "../../src/runtime/fs.js";
import type { StsSession } from "../../src/runtime/sts.js";
import { FakeClock } from "../support/fake-clock.js";
import { BASE, MFA_SERIAL, openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";
import { sandboxHome, type SandboxHome } from "../support/sandbox-home.js";

const ADMIN = role("Admin");
/** botocore's key for {"RoleArn": ADMIN} (docs/semantics.md §6.3). */
const ADMIN_KEY = "51e7b105b5040ce662656c8dc6ab4de70c4de7ad";
const CANARY_SECRET = "CANARY-inspect-secret-0001";
const CANARY_TOKEN = "CANARY-inspect-token-0001";

const CONFIG = `
[profile admin]
role_arn = ${ADMIN}
source_profile = base
region = eu-west-1

[profile deploy]
role_arn = ${role("Deploy")}
source_profile = admin
external_id = ext-42
duration_seconds = 1800

[profile named]
role_arn = ${ADMIN}
source_profile = base
role_session_name = alice

[profile web]
role_arn = ${ADMIN}
web_identity_token_file = /nonexistent/token

[profile web-then-role]
role_arn = ${role("Deploy")}
source_profile = web

[profile plain]
credential_process = /bin/false
region = us-west-2

[profile broken]
role_arn = ${ADMIN}
source_profile = missing
`;

let sandbox: SandboxHome;
let home: string;
let cacheDir: string;
let clock: FakeClock;
let env: Record<string, string>;

beforeEach(async () => {
  sandbox = await sandboxHome({
    prefix: "apc-inspect-",
    cacheDir: true,
    config: CONFIG,
    credentials: `[base]\naws_access_key_id = ${BASE.accessKeyId}\naws_secret_access_key = ${CANARY_SECRET}\n`,
  });
  ({ home, cacheDir } = sandbox);
  clock = new FakeClock();
  env = { HOME: home };
});
afterEach(() => sandbox.remove());

function inspect(options: InspectProfileOptions): Promise<ProfileInspection> {
  return inspectProfileWith(options, { env, clock, fs: nodeFileSystem });
}

function session(expiresAt: number): StsSession {
  return {
    credentials: { accessKeyId: "ASIACACHED0000000042", secretAccessKey: CANARY_SECRET, sessionToken: CANARY_TOKEN, expiration: new Date(expiresAt) },
    assumedRoleUser: { Arn: `arn:aws:sts::123456789012:assumed-role/Admin/s`, AssumedRoleId: "AROAEXAMPLE:s" },
  };
}

function hop(inspection: ProfileInspection, index: number) {
  if (inspection.resolution !== "plan") throw new Error(`not a plan: ${inspection.reason}`);
  return inspection.steps[index] as Extract<ProfileInspection, { resolution: "plan" }>["steps"][number] & { cache?: { state: string } };
}

describe(inspectProfileWith.name, () => {
  it("gives each role hop its AWS CLI cache key and file, and says when there is no entry", async () => {
    const inspection = await inspect({ profile: "admin" });
    expect(inspection).toMatchObject({ resolution: "plan", profile: "admin", chain: ["admin", "base"], region: "eu-west-1" });
    expect(hop(inspection, 1).cache).toEqual({ state: "none", key: ADMIN_KEY, file: join(cacheDir, `${ADMIN_KEY}.json`) });
    expect(inspection.cache).toEqual({ enabled: true, dir: cacheDir, minRemainingMs: 900_000 });
  });

  it.each([
    ["usable", 60 * 60_000, { state: "usable", usableForMs: 45 * 60_000, accessKeyId: "ASIA…0042" }],
    ["unusable with 14 minutes left", 14 * 60_000, { state: "unusable", reason: "14m 00s left, less than the 15m 00s a cached session must have" }],
    ["usable with exactly 15 minutes left", 15 * 60_000, { state: "usable", usableForMs: 0 }],
    ["expired", -1000, { state: "expired" }],
  ])("reads a cached session as %s", async (_name, leftMs, expected) => {
    await writeFile(join(cacheDir, `${ADMIN_KEY}.json`), serializeCacheEntry(session(clock.now() + leftMs)));
    const status = hop(await inspect({ profile: "admin" }), 1).cache;
    expect(status).toMatchObject({ ...expected, key: ADMIN_KEY, expiresAt: Math.floor((clock.now() + leftMs) / 1000) * 1000 });
  });

  it("reports a corrupt entry as unusable without quoting it, and never returns a secret", async () => {
    await writeFile(join(cacheDir, `${ADMIN_KEY}.json`), `{"Credentials": {"SecretAccessKey": "${CANARY_SECRET}"`);
    const inspection = await inspect({ profile: "admin" });
    expect(hop(inspection, 1).cache).toMatchObject({ state: "unusable", reason: "the file is not valid JSON" });
    await writeFile(join(cacheDir, `${ADMIN_KEY}.json`), serializeCacheEntry(session(clock.now() + 3_600_000)));
    const json = JSON.stringify(await inspect({ profile: "admin" }));
    expect(json).not.toContain(CANARY_SECRET);
    expect(json).not.toContain(CANARY_TOKEN);
    expect(json).not.toContain(BASE.accessKeyId);
  });

  it("reports an entry or a cache directory owned by another user as unusable, as the provider ignores them", async () => {
    const file = join(cacheDir, `${ADMIN_KEY}.json`);
    await writeFile(file, serializeCacheEntry(session(clock.now() + 3_600_000)));
    const ownedBy = (foreign: string) => {
      const owned = (get: typeof nodeFileSystem.stat) => async (path: string) => ({ ...(await get(path)), uid: path === foreign ? 0 : 1000 });
      return { ...nodeFileSystem, stat: owned(nodeFileSystem.stat), lstat: owned(nodeFileSystem.lstat) };
    };
    const asUser = (foreign: string) => inspectProfileWith({ profile: "admin" }, { env, clock, uid: 1000, fs: ownedBy(foreign) });

    expect(hop(await asUser("nothing"), 1).cache).toMatchObject({ state: "usable" });
    expect(hop(await asUser(file), 1).cache).toMatchObject({ state: "unusable", reason: expect.stringContaining("owned by user id 0") });
    expect(hop(await asUser(cacheDir), 1).cache).toMatchObject({
      state: "unusable",
      reason: expect.stringMatching(/^the cache directory is not used: it is owned by user id 0/),
    });
  });

  it("marks every hop disabled when the cache is off, by option or by AWS_PROFILE_CREDENTIALS_CACHE", async () => {
    await writeFile(join(cacheDir, `${ADMIN_KEY}.json`), serializeCacheEntry(session(clock.now() + 3_600_000)));
    expect(hop(await inspect({ profile: "admin", cache: false }), 1).cache).toMatchObject({ state: "disabled", key: ADMIN_KEY });
    env.AWS_PROFILE_CREDENTIALS_CACHE = "OFF";
    const inspection = await inspect({ profile: "admin" });
    expect(hop(inspection, 1).cache).toMatchObject({ state: "disabled" });
    expect(inspection.cache.enabled).toBe(false);
    expect(hop(await inspect({ profile: "admin", cache: true }), 1).cache).toMatchObject({ state: "usable" });
  });

  it("keys the outermost hop by the DurationSeconds override and shows the override", async () => {
    const plain = hop(await inspect({ profile: "deploy" }), 2);
    const overridden = hop(await inspect({ profile: "deploy", assumeRoleParams: { DurationSeconds: 7200 } }), 2);
    expect(plain).toMatchObject({ durationSeconds: 1800, externalId: "ext-42" });
    expect(overridden).toMatchObject({ durationSeconds: 7200 });
    expect((overridden.cache as { key: string }).key).not.toBe((plain.cache as { key: string }).key);
    // The inner hop keeps its key.
    expect(hop(await inspect({ profile: "deploy", assumeRoleParams: { DurationSeconds: 7200 } }), 1).cache).toMatchObject({ key: ADMIN_KEY });
  });

  it("honours the durationSeconds option as the outermost role's DurationSeconds (assumeRoleParams wins), and refuses one out of range", async () => {
    const viaOption = hop(await inspect({ profile: "deploy", durationSeconds: 5400 }), 2);
    const viaParams = hop(await inspect({ profile: "deploy", assumeRoleParams: { DurationSeconds: 5400 } }), 2);
    expect(viaOption).toMatchObject({ durationSeconds: 5400 });
    expect((viaOption.cache as { key: string }).key).toBe((viaParams.cache as { key: string }).key);
    expect(hop(await inspect({ profile: "deploy", durationSeconds: 5400, assumeRoleParams: { DurationSeconds: 3600 } }), 2)).toMatchObject({ durationSeconds: 3600 });
    await expect(inspect({ profile: "deploy", durationSeconds: 60 })).rejects.toMatchObject({ code: "INVALID_DURATION_SECONDS", key: "durationSeconds" });
  });

  it("puts a configured session name in the key, and the roleSessionName option for hops without one", async () => {
    // {"RoleArn": "arn:aws:iam::123456789012:role/Admin", "RoleSessionName": "alice"} (docs/semantics.md §6.3)
    const alice = "3bb32a2920a40a5690d3fe4645e7c1ededd4319d";
    expect(hop(await inspect({ profile: "named" }), 1).cache).toMatchObject({ key: alice });
    expect(hop(await inspect({ profile: "admin", roleSessionName: "alice" }), 1).cache).toMatchObject({ key: alice });
  });

  it("looks up a top-level web identity, but not one below a role", async () => {
    expect(hop(await inspect({ profile: "web" }), 0)).toMatchObject({ kind: "webIdentity", cache: { state: "none", key: ADMIN_KEY } });
    const nested = await inspect({ profile: "web-then-role" });
    expect(hop(nested, 0)).not.toHaveProperty("cache");
    expect(hop(nested, 1).cache).toMatchObject({ state: "none" });
  });

  it("says when the AWS SDK resolves the profile by itself", async () => {
    expect(await inspect({ profile: "plain" })).toMatchObject({ resolution: "delegate", profile: "plain", reason: 'profile "plain" assumes no role' });
    env.AWS_ACCESS_KEY_ID = "AKIDENV";
    env.AWS_SECRET_ACCESS_KEY = "x";
    expect(await inspect({})).toMatchObject({ resolution: "delegate", reason: expect.stringContaining("environment keys are used") });
    env.AWS_PROFILE = "admin";
    expect(await inspect({})).toMatchObject({ resolution: "plan", profile: "admin" });
  });

  it("rejects with the planner's error for a broken profile", async () => {
    await expect(inspect({ profile: "broken" })).rejects.toMatchObject({ code: "SOURCE_PROFILE_NOT_FOUND" });
    await expect(inspect({ profile: "nope" })).rejects.toMatchObject({ code: "PROFILE_NOT_FOUND" });
  });
});

describe("where the AWS CLI reads the files differently (docs/semantics.md §2.5, issue 11 behaviour 5)", () => {
  it("lists every note, on the chain or not, with file and line, and none for clean files", async () => {
    expect((await inspect({ profile: "admin" })).fileNotes).toBeUndefined();
    await writeFile(join(home, ".aws", "config"), `${CONFIG}\n[profile other]\nregion = eu-west-2 # note\n= nameless\n`);
    const inspection = await inspect({ profile: "admin" });
    const path = join(home, ".aws", "config");
    expect(inspection.fileNotes).toHaveLength(2);
    expect(inspection.fileNotes![0]).toMatch(new RegExp(`^the config file ${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}, line \\d+: the value of "region" in profile "other" is followed by an inline comment`));
    expect(inspection.fileNotes![1]).toContain('a line starting with "=" has no key name');
    expect(formatInspection(inspection)).toContain(`AWS CLI reads differently: the config file ${path}, line`);
  });
});

describe("the keys inspectProfileWith() looks up", () => {
  let world: RoleWorld;

  beforeAll(async () => {
    world = await startRoleWorld({ roles: [openRole("Admin"), openRole("Deploy"), openRole("Mfa", { mfaRequired: true })] });
    await world.config(
      `[profile admin]\nrole_arn = ${ADMIN}\nsource_profile = base\n` +
        `[profile deploy]\nrole_arn = ${role("Deploy")}\nsource_profile = admin\nexternal_id = ext-42\nduration_seconds = 1800\n` +
        `[profile m]\nrole_arn = ${role("Mfa")}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\n`,
    );
  });
  afterAll(() => world.close());

  it.each<[string, InspectProfileOptions]>([
    ["a two-hop chain with external_id and duration_seconds", { profile: "deploy" }],
    ["the DurationSeconds override", { profile: "deploy", assumeRoleParams: { DurationSeconds: 3600 } }],
    ["the roleSessionName option", { profile: "admin", roleSessionName: "ci-run" }],
    ["an MFA role", { profile: "m" }],
  ])("are the keys the provider writes, for %s", async (_name, options) => {
    const dir = join(world.home, ".aws", "cli", "cache", String(Math.random()).slice(2));
    const cache = createFileCache({ dir, logger: world.log.logger });
    await world.provider({ ...options, mfaCodeProvider: async () => "123456" }, { cache })();
    const inspection = await inspectProfileWith({ ...options, cacheDir: dir }, { env: world.env, clock: systemClock, fs: nodeFileSystem });
    if (inspection.resolution !== "plan") throw new Error("expected a plan");
    const roles = inspection.steps.filter((step) => step.kind === "assumeRole");
    expect(roles.map((step) => ("cache" in step ? step.cache?.state : undefined))).toEqual(roles.map(() => "usable"));
  });
});

describe("shownProgram (the program explain shows for a credential_process)", () => {
  it("is the first word, unquoted, with control characters escaped, and never an argument", () => {
    expect(shownProgram("/opt/bin/get-creds --token s3cr3t")).toBe("/opt/bin/get-creds");
    expect(shownProgram(`"/Program Files/tool.exe" --secret x`)).toBe("/Program Files/tool.exe");
    expect(shownProgram("  'my tool' arg")).toBe("my tool");
    expect(shownProgram("evil\u001b[2Jtool --pw x")).toBe("evil\\u001b[2Jtool");
    // As the shell splits it: a backslash-escaped blank is part of the program, the same in explain and errors.
    expect(shownProgram("/opt/my\\ tool --token s3cr3t")).toBe("/opt/my tool");
  });
});
