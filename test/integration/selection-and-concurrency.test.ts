// Profile selection against environment keys (behaviour 39), in-process single flight (43, 44),
// forceRefresh (47) and refresh through STS outages (45, 46).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryCache } from "../../src/cache/memory-cache.js";
import { FakeClock } from "../support/fake-clock.js";
import { BASE, ENV_USER, openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";

let world: RoleWorld;
let clock: FakeClock;

beforeEach(async () => {
  clock = new FakeClock(Date.now());
  world = await startRoleWorld({ roles: [openRole("Admin"), openRole("Mid"), openRole("Top")] }, { clock });
  await world.config(
    `[profile r]\nrole_arn = ${role("Admin")}\nsource_profile = base\n` +
      `[profile mid]\nrole_arn = ${role("Mid")}\nsource_profile = base\n[profile top]\nrole_arn = ${role("Top")}\nsource_profile = mid\n`,
  );
});
afterEach(() => world.close());

describe("the first fetch of a profile", () => {
  it("reports a failure to set up the profile path and tries again at the next call", async () => {
    // The disk cache's location comes from the home directory; the first lookup fails, later ones work.
    let failures = 1;
    const env = new Proxy(world.env, {
      get: (target, key: string) => {
        if (key === "HOME" && failures-- > 0) throw new Error("no home directory");
        return target[key];
      },
    });
    const provider = world.provider({ profile: "r", cacheDir: undefined }, { env, cache: undefined });
    await expect(provider()).rejects.toThrow("no home directory");
    await expect(provider()).resolves.toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/) });
    expect(world.sts.callsTo("AssumeRole")).toHaveLength(1);
  });
});

describe("profile selection", () => {
  it("uses AWS_PROFILE over environment keys and warns once (behaviour 39)", async () => {
    Object.assign(world.env, { AWS_PROFILE: "r", AWS_ACCESS_KEY_ID: ENV_USER.accessKeyId, AWS_SECRET_ACCESS_KEY: ENV_USER.secretAccessKey });
    const credentials = await world.provider()();
    await world.provider()();
    expect(credentials.accessKeyId).toMatch(/^ASIA/);
    expect(world.sts.callsTo("AssumeRole")[0]!.signedBy).toBe(BASE.accessKeyId);
    const warnings = world.log.lines.warn.filter((l) => l.includes("Multiple credential sources"));
    expect(warnings.length).toBeLessThanOrEqual(1);
  });

  it("prefers the profile option over AWS_PROFILE, and ignores AWS_DEFAULT_PROFILE", async () => {
    Object.assign(world.env, { AWS_PROFILE: "top", AWS_DEFAULT_PROFILE: "top" });
    await world.provider({ profile: "r" })();
    expect(world.sts.callsTo("AssumeRole").map((c) => c.params.RoleArn)).toEqual([role("Admin")]);
  });

  it("uses the calling client's profile when no option is given", async () => {
    await world.provider()({ callerClientConfig: { profile: "r", region: async () => "us-west-2" } });
    expect(world.sts.callsTo("AssumeRole").map((c) => c.params.RoleArn)).toEqual([role("Admin")]);
  });

  it("returns environment keys without reading profiles when no profile is selected", async () => {
    vi.stubEnv("AWS_ACCESS_KEY_ID", ENV_USER.accessKeyId);
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", ENV_USER.secretAccessKey);
    Object.assign(world.env, { AWS_ACCESS_KEY_ID: ENV_USER.accessKeyId, AWS_SECRET_ACCESS_KEY: ENV_USER.secretAccessKey });
    await world.config(`[default]\nrole_arn = not-an-arn\n`);
    const credentials = await world.provider()();
    expect(credentials.accessKeyId).toBe(ENV_USER.accessKeyId);
    expect(world.sts.calls).toHaveLength(0);
  });

  it("hands a static-keys profile to the SDK's chain", async () => {
    const credentials = await world.provider({ profile: "base" })();
    expect(credentials).toMatchObject({ accessKeyId: BASE.accessKeyId, secretAccessKey: BASE.secretAccessKey });
    expect(world.sts.calls).toHaveLength(0);
  });
});

describe("single flight and memoization", () => {
  it("makes one STS call per hop for 1,000 concurrent first calls (behaviour 43)", async () => {
    const cache = createMemoryCache();
    const provider = world.provider({ profile: "top" }, { cache });
    const results = await Promise.all(Array.from({ length: 1000 }, () => provider()));
    expect(world.sts.callsTo("AssumeRole").map((c) => c.params.RoleArn)).toEqual([role("Mid"), role("Top")]);
    expect(new Set(results.map((c) => c.accessKeyId)).size).toBe(1);
  });

  it("does no I/O while more than 15 minutes are left (behaviour 44)", async () => {
    const provider = world.provider({ profile: "r" });
    const first = await provider();
    await clock.advance(44 * 60_000);
    await world.config("this is not read again");
    const again = await provider();
    expect(again).toBe(first);
    expect(world.sts.calls).toHaveLength(1);
  });

  it("calls STS even with a valid cached session on forceRefresh, and stores the new one (behaviour 47)", async () => {
    const cache = createMemoryCache();
    const provider = world.provider({ profile: "r" }, { cache });
    const first = await provider();
    const forced = await provider({ forceRefresh: true } as never);
    expect(forced.accessKeyId).not.toBe(first.accessKeyId);
    expect(world.sts.callsTo("AssumeRole")).toHaveLength(2);
    const other = await world.provider({ profile: "r" }, { cache })();
    expect(other.accessKeyId).toBe(forced.accessKeyId);
  });
});

describe("refresh through STS outages", () => {
  it("keeps serving the current credentials when STS fails in the advisory window (behaviour 45)", async () => {
    const provider = world.provider({ profile: "r" }, { random: () => 0 });
    const first = await provider();
    await clock.advance(48 * 60_000);
    world.sts.failAll({ status: 500, code: "InternalFailure" });
    expect(await provider()).toBe(first);
    // The background refresh makes a real HTTP round trip to the emulator: wait for its outcome.
    await vi.waitFor(() => expect(world.log.lines.warn.join("\n")).toContain("background credential refresh failed"), { timeout: 5_000 });
    expect(await provider()).toBe(first);
  });

  it("throws in the mandatory window while STS fails, and recovers once it is back (behaviour 46)", async () => {
    const provider = world.provider({ profile: "r" }, { random: () => 0 });
    const first = await provider();
    await clock.advance(52 * 60_000);
    world.sts.failAll({ status: 500, code: "InternalFailure" });
    await expect(provider()).rejects.toMatchObject({ code: "STS_UNAVAILABLE", retryable: true });
    world.sts.reset();
    const next = await provider();
    expect(next.accessKeyId).not.toBe(first.accessKeyId);
  });

  it("returns a fresher session another provider stored, without STS, in the mandatory window (behaviour 46)", async () => {
    const cache = createMemoryCache();
    const provider = world.provider({ profile: "r" }, { cache, random: () => 0 });
    await provider();
    await clock.advance(46 * 60_000);
    await world.provider({ profile: "r" }, { cache })({ forceRefresh: true } as never);
    const fresh = world.sts.callsTo("AssumeRole")[1]!.issuedAccessKeyId;
    await clock.advance(6 * 60_000);
    world.sts.failAll({ status: 500, code: "InternalFailure" });
    const calls = world.sts.calls.length;
    expect((await provider()).accessKeyId).toBe(fresh);
    expect(world.sts.calls.length).toBe(calls);
  });
});
