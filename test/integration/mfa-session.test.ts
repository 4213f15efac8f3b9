// MFA sessions (docs/semantics.md §5.5): GetSessionToken with the device once, every role of the chain
// assumed from that session; the cache files, the 1-hour cap, the temporary-base skip, renewal, forceRefresh,
// cache: false and the denied-role hint. Real SDK STS client against the emulator on 127.0.0.1.
import { readdir, readFile, stat, writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { GetSessionTokenCommand, STSClient } from "@aws-sdk/client-sts";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { assumeRoleCacheKey } from "../../src/cache/cache-key.js";
import { createMemoryCache } from "../../src/cache/memory-cache.js";
import { inspectProfileWith } from "../../src/inspect/inspect-profile-with.js";
import { defaultDeps } from "../../src/runtime/deps.js";
import { REDACTED } from "../../src/testing/index.js";
import { FakeClock } from "../support/fake-clock.js";
import { errorTexts, expectNoSecrets } from "../support/no-secrets.js";
import { BASE, MFA_SERIAL, openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";

let world: RoleWorld;
let clock: FakeClock;
const CODES = ["123456", "234567", "345678"];

beforeEach(async () => {
  clock = new FakeClock(Date.now());
  world = await startRoleWorld(
    {
      roles: [
        openRole("A", { mfaRequired: true }),
        openRole("B", { mfaRequired: true }),
        openRole("C", { mfaRequired: true, maxSessionDuration: 7200 }),
        openRole("Top", { mfaRequired: true }),
        { arn: role("Closed"), trust: [] },
      ],
    },
    { clock },
  );
  await world.config(
    ["A", "B", "C"].map((r) => `[profile ${r.toLowerCase()}]\nrole_arn = ${role(r)}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\n`).join("") +
      `[profile long]\nrole_arn = ${role("C")}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\nduration_seconds = 7200\n` +
      `[profile top]\nrole_arn = ${role("Top")}\nsource_profile = a\nmfa_serial = ${MFA_SERIAL}\n` +
      `[profile closed]\nrole_arn = ${role("Closed")}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\n` +
      `[profile user]\nmfa_serial = ${MFA_SERIAL}\n`,
  );
  await world.credentials(
    `[base]\naws_access_key_id = ${BASE.accessKeyId}\naws_secret_access_key = ${BASE.secretAccessKey}\n` +
      `[user]\naws_access_key_id = ${BASE.accessKeyId}\naws_secret_access_key = ${BASE.secretAccessKey}\n`,
  );
});
afterEach(() => world.close());

const codes = () => vi.fn(async () => CODES[codeCalls++ % CODES.length]!);
let codeCalls = 0;
beforeEach(() => {
  codeCalls = 0;
});
const cacheDir = () => join(world.home, ".aws", "cli", "cache");
/** Providers that share the disk cache in HOME, each with an empty memory layer (like separate processes). */
const onDisk = () => ({ cache: undefined, clock });

describe("MFA sessions", () => {
  it("are off by default: each role sends its own SerialNumber and TokenCode, no GetSessionToken", async () => {
    const mfa = codes();
    await world.provider({ profile: "a", mfaCodeProvider: mfa })();
    await world.provider({ profile: "b", mfaCodeProvider: mfa })();
    expect(world.sts.callsTo("GetSessionToken")).toHaveLength(0);
    expect(world.sts.callsTo("AssumeRole").map((c) => c.params.SerialNumber)).toEqual([MFA_SERIAL, MFA_SERIAL]);
    expect(mfa).toHaveBeenCalledTimes(2);
  });

  it("3 roles sharing one device: 1 GetSessionToken, 1 code, each AssumeRole signed by the MFA session without SerialNumber", async () => {
    const mfa = codes();
    const cache = createMemoryCache();
    for (const profile of ["a", "b", "c"]) await world.provider({ profile, mfaSession: true, mfaCodeProvider: mfa }, { cache })();
    expect(mfa.mock.calls).toEqual([[MFA_SERIAL]]);
    const [gst, ...more] = world.sts.callsTo("GetSessionToken");
    expect(more).toEqual([]);
    expect(gst).toMatchObject({ outcome: "ok", signedBy: BASE.accessKeyId, params: { SerialNumber: MFA_SERIAL, TokenCode: REDACTED, DurationSeconds: "43200" } });
    const assumes = world.sts.callsTo("AssumeRole");
    expect(assumes.map((c) => c.params.RoleArn)).toEqual([role("A"), role("B"), role("C")]);
    for (const call of assumes) {
      expect(call.outcome).toBe("ok");
      expect(call.signedBy).toBe(gst!.issuedAccessKeyId);
      expect(call.params.SerialNumber).toBeUndefined();
      expect(call.params.TokenCode).toBeUndefined();
    }
  });

  it("carries through a chain: the outer MFA role is assumed with the inner role's session and no code", async () => {
    const mfa = codes();
    const credentials = await world.provider({ profile: "top", mfaSession: true, mfaCodeProvider: mfa })();
    expect(mfa).toHaveBeenCalledTimes(1);
    const [inner, outer] = world.sts.callsTo("AssumeRole");
    expect(outer).toMatchObject({ outcome: "ok", signedBy: inner!.issuedAccessKeyId, params: { RoleArn: role("Top") } });
    expect(outer!.params.SerialNumber).toBeUndefined();
    expect(credentials.accessKeyId).toBe(outer!.issuedAccessKeyId);
  });

  it("makes a profile of static keys and mfa_serial a plan: its credentials are the MFA session (aws-cli#1985)", async () => {
    const off = await inspectProfileWith({ profile: "user" }, { ...defaultDeps(undefined), env: world.env });
    expect(off.resolution).toBe("delegate");
    const mfa = codes();
    const credentials = await world.provider({ profile: "user", mfaSession: { durationSeconds: 3600 }, mfaCodeProvider: mfa })();
    const [gst] = world.sts.callsTo("GetSessionToken");
    expect(gst).toMatchObject({ params: { DurationSeconds: "3600", SerialNumber: MFA_SERIAL } });
    expect(credentials.accessKeyId).toBe(gst!.issuedAccessKeyId);
    expect(credentials.sessionToken).toBeTruthy();
    expect(credentials.expiration!.getTime() - clock.now()).toBeLessThanOrEqual(3600_000);
  });

  it("takes the code from the mfa_process of a static-keys profile that names the device itself", async () => {
    await world.config(`[profile user]\nmfa_serial = ${MFA_SERIAL}\nmfa_process = printf '%s\\n' 123456\n`);
    const credentials = await world.provider({ profile: "user", mfaSession: true })();
    const [gst] = world.sts.callsTo("GetSessionToken");
    expect(gst).toMatchObject({ outcome: "ok", params: { SerialNumber: MFA_SERIAL } });
    expect(credentials.accessKeyId).toBe(gst!.issuedAccessKeyId);
  });

  it("asks for the code on behalf of the profile that names the device, not the keys' profile", async () => {
    const error = (await world.provider({ profile: "a", mfaSession: true })().catch((e: unknown) => e)) as { code?: string; profile?: string; message: string };
    expect(error.code).toBe("MFA_CODE_REQUIRED");
    expect(error.profile).toBe("a");
    expect(error.message).toContain("Profile a requires multi-factor authentication");
    expect(world.sts.callsTo("GetSessionToken")).toHaveLength(0);
  });

  it("is switched on by AWS_PROFILE_CREDENTIALS_MFA_SESSION (on, or seconds) and off by `off`", async () => {
    world.env.AWS_PROFILE_CREDENTIALS_MFA_SESSION = "7200";
    await world.provider({ profile: "a", mfaCodeProvider: codes() })();
    expect(world.sts.callsTo("GetSessionToken")[0]?.params.DurationSeconds).toBe("7200");
    world.sts.reset();
    world.env.AWS_PROFILE_CREDENTIALS_MFA_SESSION = "off";
    await world.provider({ profile: "b", mfaCodeProvider: codes() })();
    expect(world.sts.callsTo("GetSessionToken")).toHaveLength(0);
    world.sts.reset();
    world.env.AWS_PROFILE_CREDENTIALS_MFA_SESSION = "ON";
    await world.provider({ profile: "c", mfaCodeProvider: async () => "345678" })();
    expect(world.sts.callsTo("GetSessionToken")[0]?.params.DurationSeconds).toBe("43200");
  });

  it("writes the MFA session (0600) and its roles under keys the AWS CLI never computes, and reuses them from disk", async () => {
    await world.provider({ profile: "a", mfaSession: true, mfaCodeProvider: codes() }, onDisk())();
    const names = (await readdir(cacheDir())).filter((n) => n.endsWith(".json")).sort();
    expect(names).toHaveLength(2);
    expect(names[0]).toMatch(/^mfa-role-[0-9a-f]{40}\.json$/);
    expect(names[1]).toMatch(/^mfa-session-[0-9a-f]{40}\.json$/);
    if (process.platform !== "win32") expect((await stat(join(cacheDir(), names[1]!))).mode & 0o777).toBe(0o600);
    // Neither the CLI's key for the hop as configured (with SerialNumber) nor the one for the bare role.
    for (const args of [{ RoleArn: role("A"), SerialNumber: MFA_SERIAL }, { RoleArn: role("A") }]) {
      expect(names).not.toContain(`${assumeRoleCacheKey(args)}.json`);
    }
    // The session file is named by the access key id and the serial, never by a secret.
    expect(names.join()).not.toContain(BASE.secretAccessKey);
    world.sts.reset();
    const mfa = codes();
    await world.provider({ profile: "a", mfaSession: true, mfaCodeProvider: mfa }, onDisk())();
    await world.provider({ profile: "b", mfaSession: true, mfaCodeProvider: mfa }, onDisk())();
    expect(mfa).not.toHaveBeenCalled();
    expect(world.sts.callsTo("GetSessionToken")).toHaveLength(0);
    expect(world.sts.callsTo("AssumeRole").map((c) => c.params.RoleArn)).toEqual([role("B")]);
  });

  it("never takes the AWS CLI's session for the hop as configured (made with SerialNumber) as an MFA-session hop's", async () => {
    await world.provider({ profile: "a", mfaCodeProvider: codes() }, onDisk())();
    const cliKey = assumeRoleCacheKey({ RoleArn: role("A"), SerialNumber: MFA_SERIAL });
    const cliEntry = await readFile(join(cacheDir(), `${cliKey}.json`), "utf8");
    world.sts.reset();
    const credentials = await world.provider({ profile: "a", mfaSession: true, mfaCodeProvider: async () => "234567" }, onDisk())();
    expect(cliEntry).not.toContain(credentials.accessKeyId);
    expect(world.sts.callsTo("AssumeRole")[0]?.signedBy).toBe(world.sts.callsTo("GetSessionToken")[0]?.issuedAccessKeyId);
    expect(await readFile(join(cacheDir(), `${cliKey}.json`), "utf8")).toBe(cliEntry);
  });

  it("renews role sessions on forceRefresh but keeps the MFA session; after the roles expire, new ones come without a code", async () => {
    const mfa = codes();
    const provider = world.provider({ profile: "a", mfaSession: true, mfaCodeProvider: mfa }, { clock, random: () => 0 });
    const first = await provider();
    const forced = await provider({ forceRefresh: true } as never);
    expect(forced.accessKeyId).not.toBe(first.accessKeyId);
    await clock.advance(2 * 3600_000);
    await provider();
    expect(mfa).toHaveBeenCalledTimes(1);
    expect(world.sts.callsTo("GetSessionToken")).toHaveLength(1);
    expect(world.sts.callsTo("AssumeRole")).toHaveLength(3);
    // Past the MFA session's own end (12 h), a new one needs a new code.
    await clock.advance(11 * 3600_000);
    await provider();
    expect(mfa).toHaveBeenCalledTimes(2);
    expect(world.sts.callsTo("GetSessionToken")).toHaveLength(2);
  });

  it("renews the MFA session on demand, once per provider", async () => {
    const cache = createMemoryCache();
    await world.provider({ profile: "a", mfaSession: true, mfaCodeProvider: codes() }, { cache })();
    const mfa = vi.fn(async () => "234567");
    const renewing = world.provider({ profile: "a", mfaSession: { renew: true }, mfaCodeProvider: mfa }, { cache, clock });
    const renewed = await renewing();
    expect(mfa).toHaveBeenCalledTimes(1);
    expect(world.sts.callsTo("GetSessionToken")).toHaveLength(2);
    expect(renewed.accessKeyId).toBe(world.sts.callsTo("AssumeRole")[1]?.issuedAccessKeyId);
    await renewing({ forceRefresh: true } as never);
    expect(mfa).toHaveBeenCalledTimes(1);
    expect(world.sts.callsTo("GetSessionToken")).toHaveLength(2);
  });

  it("clamps DurationSeconds above 3600 for a role assumed with the MFA session, with one warning per profile", async () => {
    const provider = world.provider({ profile: "long", mfaSession: true, mfaCodeProvider: codes() }, { clock, random: () => 0 });
    await provider();
    await provider({ forceRefresh: true } as never);
    const durations = world.sts.callsTo("AssumeRole").map((c) => [c.outcome, c.params.DurationSeconds]);
    expect(durations).toEqual([["ok", "3600"], ["ok", "3600"]]);
    const warnings = world.log.lines.warn.filter((w) => w.includes("lowered to 3600"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('profile "long"');
    expect(warnings[0]).toContain("at most 1 hour");
  });

  it("skips the MFA session with one warning when the base has temporary keys; the role asks for its code as before", async () => {
    const client = new STSClient({ endpoint: world.sts.endpoint, region: "us-east-1", credentials: BASE });
    const { Credentials: temp } = await client.send(new GetSessionTokenCommand({}));
    client.destroy();
    await world.credentials(
      `[temp]\naws_access_key_id = ${temp!.AccessKeyId}\naws_secret_access_key = ${temp!.SecretAccessKey}\naws_session_token = ${temp!.SessionToken}\n`,
    );
    await world.config(`[profile t]\nrole_arn = ${role("A")}\nsource_profile = temp\nmfa_serial = ${MFA_SERIAL}\n`);
    world.sts.reset();
    const provider = world.provider({ profile: "t", mfaSession: true, mfaCodeProvider: codes() }, { clock, random: () => 0 });
    await provider();
    await provider({ forceRefresh: true } as never);
    expect(world.sts.callsTo("GetSessionToken")).toHaveLength(0);
    expect(world.sts.callsTo("AssumeRole").map((c) => [c.outcome, c.params.SerialNumber, c.signedBy])).toEqual([
      ["ok", MFA_SERIAL, temp!.AccessKeyId],
      ["ok", MFA_SERIAL, temp!.AccessKeyId],
    ]);
    const warnings = world.log.lines.warn.filter((w) => w.includes("GetSessionToken needs long-term IAM user keys"));
    expect(warnings).toHaveLength(1);
  });

  it("says a refusing role may require a fresher MFA, and how to renew", async () => {
    const error = await world.provider({ profile: "closed", mfaSession: true, mfaCodeProvider: codes() })().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "STS_ACCESS_DENIED", stsCode: "AccessDenied", profile: "closed" });
    expect((error as Error).message).toContain("aws:MultiFactorAuthAge");
    expect((error as Error).message).toContain("--mfa-session=renew");
  });

  it("with cache: false keeps the MFA session in memory only", async () => {
    const mfa = codes();
    const provider = world.provider({ profile: "a", mfaSession: true, cache: false, mfaCodeProvider: mfa }, { cache: undefined, clock, random: () => 0 });
    await provider();
    await provider({ forceRefresh: true } as never);
    expect(mfa).toHaveBeenCalledTimes(1);
    await expect(readdir(cacheDir())).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("rejects a duration outside 900-129600 or an unknown word with a typed error naming the setting", async () => {
    const option = await world.provider({ profile: "a", mfaSession: { durationSeconds: 600 } })().catch((e: unknown) => e);
    expect(option).toMatchObject({ code: "INVALID_DURATION_SECONDS", key: "mfaSession.durationSeconds" });
    world.env.AWS_PROFILE_CREDENTIALS_MFA_SESSION = "yes please";
    const env = await world.provider({ profile: "a" })().catch((e: unknown) => e);
    expect(env).toMatchObject({ code: "INVALID_DURATION_SECONDS", key: "AWS_PROFILE_CREDENTIALS_MFA_SESSION" });
    expect((env as Error).message).toContain('"on", "off" or a number of seconds');
    expect(world.sts.calls).toHaveLength(0);
  });

  it("lets the AWS CLI read nothing it would misuse: our files sit outside its 40-hex namespace", async () => {
    await mkdir(cacheDir(), { recursive: true });
    await writeFile(join(cacheDir(), "unrelated.json"), "{}");
    await world.provider({ profile: "b", mfaSession: true, mfaCodeProvider: codes() }, onDisk())();
    const cliNamed = (await readdir(cacheDir())).filter((n) => /^[0-9a-f]{40}\.json$/.test(n));
    expect(cliNamed).toEqual([]);
  });

  it("keeps the MFA session's credentials out of logs (debug included), errors and inspectProfile", async () => {
    const canary = "918273";
    world.sts.addMfaCodes(MFA_SERIAL, [canary]);
    const mfaCodeProvider = async () => canary;
    await world.provider({ profile: "top", mfaSession: true, mfaCodeProvider }, onDisk())();
    const texts = errorTexts(await world.provider({ profile: "closed", mfaSession: true, mfaCodeProvider }, onDisk())().catch((e: unknown) => e));
    const inspection = await inspectProfileWith({ profile: "top", mfaSession: true }, { ...defaultDeps(undefined), env: world.env, clock });
    const file = (await readdir(cacheDir())).find((n) => n.startsWith("mfa-session-"))!;
    const { Credentials } = JSON.parse(await readFile(join(cacheDir(), file), "utf8")) as { Credentials: Record<string, string> };
    expect(world.log.lines.debug.join("\n")).toContain("calling GetSessionToken");
    expect(texts.join("\n")).toContain("aws:MultiFactorAuthAge");
    expectNoSecrets([...texts, world.log.all(), JSON.stringify(inspection)], [Credentials.SecretAccessKey, Credentials.SessionToken, BASE.secretAccessKey, canary]);
  });

  it("inspectProfile names the files a fetch writes, and says until when the MFA session is valid", async () => {
    await world.provider({ profile: "top", mfaSession: true, mfaCodeProvider: codes() }, onDisk())();
    const inspection = await inspectProfileWith({ profile: "top", mfaSession: true }, { ...defaultDeps(undefined), env: world.env, clock });
    if (inspection.resolution !== "plan") throw new Error("expected a plan");
    const written = (await readdir(cacheDir())).filter((n) => n.endsWith(".json")).map((n) => join(cacheDir(), n)).sort();
    const named = [inspection.mfaSession!.cache.file, ...inspection.steps.flatMap((step) => ("cache" in step && step.cache ? [step.cache.file] : []))].sort();
    expect(named).toEqual(written);
    const gst = world.sts.callsTo("GetSessionToken")[0]!;
    expect(inspection.mfaSession).toMatchObject({ device: MFA_SERIAL, usedBy: ["a", "top"], cache: { state: "usable", expiresAt: Math.floor(gst.at / 1000) * 1000 + 43200_000 } });
  });
});
