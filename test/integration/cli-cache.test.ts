// The provider with the AWS CLI's disk cache (docs/semantics.md §6; §11 behaviours 1-14 and 22): sessions
// written by the CLI family are used, ours are written the CLI's way, and processes share one STS call
// and one MFA prompt per role.
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assumeRoleCacheKey } from "../../src/cache/cache-key.js";
import { FakeClock } from "../support/fake-clock.js";
import { BASE, MFA_SERIAL, openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";
import { runNode } from "../support/run-node.js";

const RESOLVE = join(__dirname, "..", "fixtures", "process", "resolve.cjs");
const FIXTURES = join(__dirname, "..", "fixtures", "cli-cache");
const MIN = 60_000;
let world: RoleWorld;
let clock: FakeClock;
let cacheDir: string;

beforeEach(async () => {
  // Whole seconds, as cache files store them, so "exactly 15 minutes left" is exact.
  clock = new FakeClock(Math.floor(Date.now() / 1000) * 1000);
  world = await startRoleWorld({ roles: ["Admin", "Mid", "Top"].map((n) => openRole(n)).concat(openRole("Mfa", { mfaRequired: true })) }, { clock });
  await world.config(
    `[profile r]\nrole_arn = ${role("Admin")}\nsource_profile = base\n` +
      `[profile r2]\nrole_arn = ${role("Admin")}\ncredential_source = Environment\n` +
      `[profile mid]\nrole_arn = ${role("Mid")}\nsource_profile = base\n[profile top]\nrole_arn = ${role("Top")}\nsource_profile = mid\n` +
      `[profile m]\nrole_arn = ${role("Mfa")}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\n`,
  );
  cacheDir = join(world.home, ".aws", "cli", "cache");
});
afterEach(() => world.close());

/** A provider using the real disk cache under the world's HOME (role-world defaults to memory only). */
const diskProvider = (options: Parameters<RoleWorld["provider"]>[0] = {}) =>
  world.provider(options, { cache: undefined, random: () => 0 });
const keyOf = (roleName: string, extra: Record<string, unknown> = {}) => assumeRoleCacheKey({ RoleArn: role(roleName), ...extra });
const entryFile = (key: string) => join(cacheDir, `${key}.json`);

/** A cache entry as a member of the CLI family would write it, `minutesLeft` from the clock's now. */
async function plantEntry(fixture: string, key: string, minutesLeft: number, format: (d: Date) => string): Promise<string> {
  const text = await readFile(join(FIXTURES, fixture), "utf8");
  const expiration = new Date(Math.floor(clock.now() / 1000) * 1000 + minutesLeft * MIN);
  const planted = text.replace(/"Expiration": "[^"]+"/, `"Expiration": "${format(expiration)}"`);
  await mkdir(cacheDir, { recursive: true });
  await writeFile(entryFile(key), planted);
  return JSON.parse(planted).Credentials.AccessKeyId;
}
const wire = (d: Date) => d.toISOString().replace(/\.\d+Z$/, "Z");
const isoOffset = (d: Date) => d.toISOString().replace(/\.\d+Z$/, "+00:00");
const botoUtc = (d: Date) => d.toISOString().replace(/\.\d+Z$/, "UTC");

describe("the AWS CLI disk cache", () => {
  it("writes the first session where and as the CLI does: key, shape, +00:00, 0600 in a 0700 directory (behaviours 1, 5)", async () => {
    const credentials = await diskProvider({ profile: "r" })();
    expect(keyOf("Admin")).toBe("51e7b105b5040ce662656c8dc6ab4de70c4de7ad");
    const file = entryFile(keyOf("Admin"));
    const entry = JSON.parse(await readFile(file, "utf8"));
    expect(entry.Credentials).toMatchObject({ AccessKeyId: credentials.accessKeyId, AccountId: "123456789012" });
    expect(entry.Credentials.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    expect(entry.AssumedRoleUser.Arn).toMatch(/assumed-role\/Admin\//);
    expect(entry.ResponseMetadata.RequestId).toBe(world.sts.callsTo("AssumeRole")[0]!.requestId);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(cacheDir)).mode & 0o777).toBe(0o700);
    expect((await readdir(cacheDir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it.each([
    ["CLI v1 (Z)", "cli-v1-z.json", wire],
    ["CLI v2 (+00:00)", "cli-v2-offset.json", isoOffset],
    ["boto3 (UTC)", "boto3-utc.json", botoUtc],
  ])("uses an MFA role session written by %s with zero STS calls and no MFA code (behaviours 7, 19, 20)", async (_writer, fixture, format) => {
    const key = keyOf("Mfa", { SerialNumber: MFA_SERIAL });
    const accessKeyId = await plantEntry(fixture, key, 16, format);
    const credentials = await diskProvider({ profile: "m" })();
    expect(credentials.accessKeyId).toBe(accessKeyId);
    expect(world.sts.calls).toHaveLength(0);
  });

  it.each([
    [16, 0],
    [15, 0],
    [14, 1],
  ])("with %i minutes left makes %i AssumeRole (behaviour 8)", async (minutesLeft, calls) => {
    const planted = await plantEntry("cli-v1-z.json", keyOf("Admin"), minutesLeft, wire);
    const credentials = await diskProvider({ profile: "r" })();
    expect(world.sts.callsTo("AssumeRole")).toHaveLength(calls);
    const onDisk = JSON.parse(await readFile(entryFile(keyOf("Admin")), "utf8")).Credentials.AccessKeyId;
    expect(onDisk).toBe(credentials.accessKeyId);
    expect(credentials.accessKeyId === planted).toBe(calls === 0);
  });

  it("leaves the entry byte for byte unchanged when STS fails (behaviour 9)", async () => {
    await plantEntry("cli-v1-z.json", keyOf("Admin"), 5, wire);
    const before = await readFile(entryFile(keyOf("Admin")));
    world.sts.failAll({ code: "AccessDenied" });
    await expect(diskProvider({ profile: "r" })()).rejects.toMatchObject({ code: "STS_ACCESS_DENIED" });
    expect(await readFile(entryFile(keyOf("Admin")))).toEqual(before);
  });

  it("heals a corrupt entry: one warning naming the file, one AssumeRole, a valid file (behaviour 10)", async () => {
    await mkdir(cacheDir, { recursive: true });
    await writeFile(entryFile(keyOf("Admin")), '{"Credentials": {"AccessKeyId": "AS');
    const credentials = await diskProvider({ profile: "r" })();
    expect(world.log.lines.warn.filter((l) => l.includes(`${keyOf("Admin")}.json`))).toHaveLength(1);
    expect(world.sts.callsTo("AssumeRole")).toHaveLength(1);
    expect(JSON.parse(await readFile(entryFile(keyOf("Admin")), "utf8")).Credentials.AccessKeyId).toBe(credentials.accessKeyId);
  });

  it("returns the credentials with one warning when the cache directory cannot be created (behaviour 13)", async () => {
    await mkdir(join(world.home, ".aws", "cli"), { recursive: true });
    await writeFile(cacheDir, "a regular file where the directory should be");
    const credentials = await diskProvider({ profile: "r" })();
    expect(credentials.accessKeyId).toMatch(/^ASIA/);
    expect(world.log.lines.warn.filter((l) => l.includes("cache"))).toEqual([expect.stringContaining(`Could not write the AWS CLI cache file ${entryFile(keyOf("Admin"))}`)]);
  });

  it("writes nothing with cache: false or AWS_PROFILE_CREDENTIALS_CACHE=off", async () => {
    await diskProvider({ profile: "r", cache: false })();
    world.env.AWS_PROFILE_CREDENTIALS_CACHE = "off";
    await diskProvider({ profile: "mid" })();
    await expect(stat(cacheDir)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("re-reads the disk entry on refresh: a session another process wrote means no STS call (behaviour 22)", async () => {
    const provider = diskProvider({ profile: "r" });
    await provider();
    await clock.advance(52 * MIN);
    const fresh = await plantEntry("cli-v2-offset.json", keyOf("Admin"), 60, isoOffset);
    world.sts.reset();
    expect((await provider()).accessKeyId).toBe(fresh);
    expect(world.sts.calls).toHaveLength(0);
  });

  it("writes the disk entry on forceRefresh without reading it (behaviour 47)", async () => {
    const planted = await plantEntry("cli-v1-z.json", keyOf("Admin"), 50, wire);
    const credentials = await diskProvider({ profile: "r" })({ forceRefresh: true } as never);
    expect(credentials.accessKeyId).not.toBe(planted);
    expect(JSON.parse(await readFile(entryFile(keyOf("Admin")), "utf8")).Credentials.AccessKeyId).toBe(credentials.accessKeyId);
  });

  it("warns when duration_seconds is at or below the cache threshold", async () => {
    await world.config(`[profile short]\nrole_arn = ${role("Admin")}\nsource_profile = base\nduration_seconds = 900\n`);
    await diskProvider({ profile: "short" })();
    expect(world.log.lines.warn.join("\n")).toContain("duration_seconds 900 of profile \"short\" is at or below the 900-second cache threshold");
  });
});

describe("across processes", () => {
  const childEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv =>
    world.childEnv({ AWS_REGION: "us-east-1", ...extra });
  const parallel = (n: number, env: NodeJS.ProcessEnv) => Promise.all(Array.from({ length: n }, () => runNode([RESOLVE], env)));

  it("makes 2 AssumeRole calls in total for 8 processes resolving a cold 2-hop chain at once", async () => {
    const runs = await parallel(8, childEnv({ AWS_PROFILE: "top" }));
    expect(runs.map((r) => r.status)).toEqual(Array(8).fill(0));
    const keys = new Set(runs.map((r) => JSON.parse(r.stdout).accessKeyId));
    expect(keys.size).toBe(1);
    expect(world.sts.callsTo("AssumeRole").map((c) => c.params.RoleArn).sort()).toEqual([role("Mid"), role("Top")]);
    expect((await readdir(cacheDir)).sort()).toEqual([`${keyOf("Mid")}.json`, `${keyOf("Top")}.json`].sort());
  }, 30_000);

  it("asks for one MFA code in total for 8 processes resolving a cold MFA role at once", async () => {
    const log = join(world.home, "mfa.log");
    await writeFile(log, "");
    const runs = await parallel(8, childEnv({ AWS_PROFILE: "m", TEST_MFA_LOG: log, TEST_MFA_CODE: "123456" }));
    expect(runs.map((r) => r.status)).toEqual(Array(8).fill(0));
    expect((await readFile(log, "utf8")).trim().split("\n")).toHaveLength(1);
    expect(world.sts.callsTo("AssumeRole")).toHaveLength(1);
  }, 30_000);

  it("shares one session between two profiles with the same role in separate processes (behaviour 14)", async () => {
    const first = await runNode([RESOLVE], childEnv({ AWS_PROFILE: "r" }));
    const second = await runNode(
      [RESOLVE],
      childEnv({ AWS_PROFILE: "r2", AWS_ACCESS_KEY_ID: BASE.accessKeyId, AWS_SECRET_ACCESS_KEY: BASE.secretAccessKey }),
    );
    expect(JSON.parse(second.stdout).accessKeyId).toBe(JSON.parse(first.stdout).accessKeyId);
    expect(world.sts.callsTo("AssumeRole")).toHaveLength(1);
  }, 30_000);
});
