// Role chains resolved against the STS emulator: which calls are made, with which parameters, signed by
// which credentials (docs/semantics.md §11, behaviours 1, 3, 15-18, 24, 29-31, 34, 36, 41, 42, 48).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryCache } from "../../src/cache/memory-cache.js";
import { assumeRoleCacheKey } from "../../src/cache/cache-key.js";
import { isProfileCredentialsError, StsCallError } from "../../src/errors.js";
import { BASE, ENV_USER, HOP_USER, MFA_SERIAL, openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";

let world: RoleWorld;

beforeEach(async () => {
  world = await startRoleWorld({
    roles: ["Admin", "Mid", "Top", "Ignored", "Third"].map((name) => openRole(name)),
  });
});
afterEach(() => world.close());

const signer = (call: { signedBy?: string } | undefined) => call?.signedBy;

describe("role chains", () => {
  it("assumes a minimal role once, signed by the source keys, without optional parameters (behaviour 1)", async () => {
    await world.config(`[profile r]\nrole_arn = ${role("Admin")}\nsource_profile = base\n`);
    await world.provider({ profile: "r" })();
    const [call, ...more] = world.sts.callsTo("AssumeRole");
    expect(more).toHaveLength(0);
    expect(call!.signedBy).toBe(BASE.accessKeyId);
    expect(call!.params.RoleArn).toBe(role("Admin"));
    expect(call!.params.RoleSessionName).toMatch(/^aws-sdk-js-\d{13}$/);
    expect(Object.keys(call!.params).sort()).toEqual(["RoleArn", "RoleSessionName"]);
  });

  it("sends a configured role_session_name and keys the cache with it (behaviour 3)", async () => {
    await world.config(`[profile r]\nrole_arn = ${role("Admin")}\nsource_profile = base\nrole_session_name = alice\n`);
    const cache = createMemoryCache();
    await world.provider({ profile: "r" }, { cache })();
    expect(world.sts.callsTo("AssumeRole")[0]!.params.RoleSessionName).toBe("alice");
    expect(await cache.read(assumeRoleCacheKey({ RoleArn: role("Admin"), RoleSessionName: "alice" }))).toBeDefined();
    expect(await cache.read(assumeRoleCacheKey({ RoleArn: role("Admin") }))).toBeUndefined();
  });

  it("assumes each hop of a 3-hop chain once, each signed by the previous hop's credentials", async () => {
    await world.config(
      [
        `[profile mid]\nrole_arn = ${role("Mid")}\nsource_profile = base`,
        `[profile top]\nrole_arn = ${role("Top")}\nsource_profile = mid`,
        `[profile third]\nrole_arn = ${role("Third")}\nsource_profile = top`,
      ].join("\n"),
    );
    const credentials = await world.provider({ profile: "third" })();
    const calls = world.sts.callsTo("AssumeRole");
    expect(calls.map((c) => c.params.RoleArn)).toEqual([role("Mid"), role("Top"), role("Third")]);
    expect(calls.map(signer)).toEqual([BASE.accessKeyId, calls[0]!.issuedAccessKeyId, calls[1]!.issuedAccessKeyId]);
    expect(credentials.accessKeyId).toBe(calls[2]!.issuedAccessKeyId);
  });

  it("makes no STS call and reads no source when the outer hop is cached (behaviour 16)", async () => {
    await world.config(
      `[profile mid]\nrole_arn = ${role("Mid")}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\n` +
        `[profile top]\nrole_arn = ${role("Top")}\nsource_profile = mid\n`,
    );
    const cache = createMemoryCache();
    const first = await world.provider({ profile: "top", mfaCodeProvider: async () => "123456" }, { cache })();
    world.sts.reset();
    const mfa = vi.fn(async () => "234567");
    const again = await world.provider({ profile: "top", mfaCodeProvider: mfa }, { cache })();
    expect(world.sts.calls).toHaveLength(0);
    expect(mfa).not.toHaveBeenCalled();
    expect(again.accessKeyId).toBe(first.accessKeyId);
  });

  it("assumes only the outer role, with the cached inner session, when only the inner hop is cached (behaviour 17)", async () => {
    await world.config(
      `[profile mid]\nrole_arn = ${role("Mid")}\nsource_profile = base\n[profile top]\nrole_arn = ${role("Top")}\nsource_profile = mid\n`,
    );
    const cache = createMemoryCache();
    await world.provider({ profile: "mid" }, { cache })();
    const midKey = world.sts.callsTo("AssumeRole")[0]!.issuedAccessKeyId;
    world.sts.reset();
    await world.provider({ profile: "top" }, { cache })();
    const calls = world.sts.callsTo("AssumeRole");
    expect(calls.map((c) => c.params.RoleArn)).toEqual([role("Top")]);
    expect(calls[0]!.signedBy).toBe(midKey);
  });

  it("signs with the profile's own keys when it names itself as source_profile (behaviour 24)", async () => {
    await world.credentials(
      `[self]\naws_access_key_id = ${HOP_USER.accessKeyId}\naws_secret_access_key = ${HOP_USER.secretAccessKey}\nrole_arn = ${role("Admin")}\nsource_profile = self\n`,
    );
    await world.provider({ profile: "self" })();
    expect(world.sts.callsTo("AssumeRole").map(signer)).toEqual([HOP_USER.accessKeyId]);
  });

  it("lets static keys win over role_arn after the first hop (behaviour 30)", async () => {
    await world.credentials(
      `[base]\naws_access_key_id = ${BASE.accessKeyId}\naws_secret_access_key = ${BASE.secretAccessKey}\n` +
        `[hop]\naws_access_key_id = ${HOP_USER.accessKeyId}\naws_secret_access_key = ${HOP_USER.secretAccessKey}\n`,
    );
    await world.config(
      `[profile hop]\nrole_arn = ${role("Ignored")}\nsource_profile = base\n[profile top]\nrole_arn = ${role("Top")}\nsource_profile = hop\n`,
    );
    await world.provider({ profile: "top" })();
    const calls = world.sts.callsTo("AssumeRole");
    expect(calls.map((c) => [c.params.RoleArn, c.signedBy])).toEqual([[role("Top"), HOP_USER.accessKeyId]]);
  });

  it("assumes the role of the selected profile with its source, ignoring its own keys (behaviour 31)", async () => {
    await world.credentials(
      `[base]\naws_access_key_id = ${BASE.accessKeyId}\naws_secret_access_key = ${BASE.secretAccessKey}\n` +
        `[p]\naws_access_key_id = ${HOP_USER.accessKeyId}\naws_secret_access_key = ${HOP_USER.secretAccessKey}\nrole_arn = ${role("Admin")}\nsource_profile = base\n`,
    );
    const credentials = await world.provider({ profile: "p" })();
    expect(world.sts.callsTo("AssumeRole").map(signer)).toEqual([BASE.accessKeyId]);
    expect(credentials.accessKeyId).not.toBe(HOP_USER.accessKeyId);
  });

  it("uses the environment keys for credential_source = Environment (behaviours 29 and 36)", async () => {
    vi.stubEnv("AWS_ACCESS_KEY_ID", ENV_USER.accessKeyId);
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", ENV_USER.secretAccessKey);
    await world.config(
      `[profile e]\nrole_arn = ${role("Admin")}\ncredential_source = Environment\n` +
        `[profile b]\ncredential_source = Environment\n[profile top]\nrole_arn = ${role("Top")}\nsource_profile = b\n`,
    );
    await world.provider({ profile: "e" })();
    await world.provider({ profile: "top" })();
    expect(world.sts.callsTo("AssumeRole").map(signer)).toEqual([ENV_USER.accessKeyId, ENV_USER.accessKeyId]);
  });

  it("fails without an STS call, naming the profile and Environment, when the environment has no keys", async () => {
    await world.config(`[profile e]\nrole_arn = ${role("Admin")}\ncredential_source = Environment\n`);
    const error = await world.provider({ profile: "e" })().catch((e: unknown) => e);
    expect(isProfileCredentialsError(error)).toBe(true);
    expect(error).toMatchObject({ code: "SOURCE_CREDENTIALS_UNAVAILABLE", profile: "e", tryNextLink: false });
    expect((error as Error).message).toContain("Environment");
    expect(world.sts.calls).toHaveLength(0);
  });

  it("runs a credential_process source once and signs with its keys, and not at all on an outer hit (behaviour 34)", async () => {
    const { writeFile } = await import("node:fs/promises");
    const { join } = await import("node:path");
    const counter = join(world.home, "process-runs");
    const script = join(world.home, "creds.cjs");
    await writeFile(
      script,
      `require("fs").appendFileSync(${JSON.stringify(counter)}, "x");` +
        `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(HOP_USER.accessKeyId)}, SecretAccessKey: ${JSON.stringify(HOP_USER.secretAccessKey)} }));`,
    );
    await world.config(
      `[profile proc]\ncredential_process = ${process.execPath} ${script}\n[profile r]\nrole_arn = ${role("Admin")}\nsource_profile = proc\n`,
    );
    const cache = createMemoryCache();
    await world.provider({ profile: "r" }, { cache })();
    await world.provider({ profile: "r" }, { cache })();
    const { readFile } = await import("node:fs/promises");
    expect(await readFile(counter, "utf8")).toBe("x");
    expect(world.sts.callsTo("AssumeRole").map(signer)).toEqual([HOP_USER.accessKeyId]);
  });

  it("returns the real expiration and the account of the assumed role (behaviour 48)", async () => {
    await world.config(`[profile r]\nrole_arn = ${role("Admin")}\nsource_profile = base\n`);
    const before = Date.now();
    const credentials = await world.provider({ profile: "r" })();
    expect(credentials.accountId).toBe("123456789012");
    expect(credentials.sessionToken).toBeTruthy();
    const lifetime = credentials.expiration!.getTime() - before;
    expect(lifetime).toBeGreaterThan(3590_000);
    expect(lifetime).toBeLessThanOrEqual(3601_000);
  });

  it("rethrows the chaining-cap error with the profile and role, keeping STS's error as cause (behaviour 41)", async () => {
    await world.config(
      `[profile mid]\nrole_arn = ${role("Mid")}\nsource_profile = base\n[profile top]\nrole_arn = ${role("Top")}\nsource_profile = mid\nduration_seconds = 7200\n`,
    );
    world.sts.putRole(openRole("Top", { maxSessionDuration: 43200 }));
    const cache = createMemoryCache();
    const error = (await world.provider({ profile: "top" }, { cache })().catch((e: unknown) => e)) as StsCallError;
    expect(error).toBeInstanceOf(StsCallError);
    expect(error).toMatchObject({ code: "STS_VALIDATION_ERROR", stsCode: "ValidationError", profile: "top", roleArn: role("Top"), retryable: false, tryNextLink: false });
    expect(error.message).toContain("1 hour session limit for roles assumed by role chaining");
    expect(error.message).toContain('profile "top"');
    expect(error.message).toContain("top -> mid -> base");
    expect((error.cause as Error).name).toBe("ValidationError");
    expect(await cache.read(assumeRoleCacheKey({ RoleArn: role("Top"), DurationSeconds: 7200 }))).toBeUndefined();
  });

  it("omits a non-integer duration_seconds from the request and warns once (behaviour 42)", async () => {
    await world.config(`[profile r]\nrole_arn = ${role("Admin")}\nsource_profile = base\nduration_seconds = 1h\n`);
    const provider = world.provider({ profile: "r" });
    await provider();
    await provider({ forceRefresh: true } as never);
    expect(world.sts.callsTo("AssumeRole").every((c) => !("DurationSeconds" in c.params))).toBe(true);
    expect(world.log.lines.warn.filter((l) => l.includes('duration_seconds "1h"'))).toHaveLength(1);
  });

  it("signs AssumeRole for the region of the role profile (behaviour 40)", async () => {
    await world.config(`[profile r]\nrole_arn = ${role("Admin")}\nsource_profile = base\nregion = eu-west-1\n`);
    await world.provider({ profile: "r" })();
    expect(world.sts.callsTo("AssumeRole")[0]!.region).toBe("eu-west-1");
  });

  it("prefers clientConfig.region, and falls back to us-east-1 with the SDK's warning (behaviour 40)", async () => {
    await world.config(`[profile r]\nrole_arn = ${role("Admin")}\nsource_profile = base\nregion = eu-west-1\n[profile n]\nrole_arn = ${role("Admin")}\nsource_profile = base\n`);
    await world.provider({ profile: "r", clientConfig: { region: "ap-southeast-2" } })();
    await world.provider({ profile: "n" })();
    expect(world.sts.callsTo("AssumeRole").map((c) => c.region)).toEqual(["ap-southeast-2", "us-east-1"]);
    expect(world.log.lines.warn.join("\n")).toContain("default STS region of us-east-1 used");
  });

  it("uses the calling client's region when no profile or option sets one", async () => {
    await world.config(`[profile n]\nrole_arn = ${role("Admin")}\nsource_profile = base\n`);
    await world.provider({ profile: "n" })({ callerClientConfig: { region: async () => "ca-central-1" } });
    expect(world.sts.callsTo("AssumeRole")[0]!.region).toBe("ca-central-1");
  });
});
