// MFA roles: a code is asked for only when a new session is needed, never twice at once, inner hop first
// (docs/semantics.md §11, behaviours 19-22).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryCache } from "../../src/cache/memory-cache.js";
import { MfaError } from "../../src/errors.js";
import { REDACTED } from "../../src/testing/index.js";
import { FakeClock } from "../support/fake-clock.js";
import { MFA_SERIAL, openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";

const OTHER_SERIAL = "arn:aws:iam::111111111111:mfa/second";
let world: RoleWorld;
let clock: FakeClock;

beforeEach(async () => {
  clock = new FakeClock(Date.now());
  world = await startRoleWorld({
    roles: [openRole("Mfa", { mfaRequired: true }), openRole("Outer", { mfaRequired: true })],
    mfaDevices: [{ serial: OTHER_SERIAL, codes: ["111111", "222222"] }],
  }, { clock });
  await world.config(
    `[profile m]\nrole_arn = ${role("Mfa")}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\n` +
      `[profile outer]\nrole_arn = ${role("Outer")}\nsource_profile = m\nmfa_serial = ${OTHER_SERIAL}\n`,
  );
});
afterEach(() => world.close());

describe("MFA", () => {
  it("asks the callback once, with the serial, and sends SerialNumber and TokenCode (behaviour 19)", async () => {
    const mfa = vi.fn(async () => "123456");
    await world.provider({ profile: "m", mfaCodeProvider: mfa })();
    expect(mfa.mock.calls).toEqual([[MFA_SERIAL]]);
    const call = world.sts.callsTo("AssumeRole")[0]!;
    expect(call.params).toMatchObject({ SerialNumber: MFA_SERIAL, TokenCode: REDACTED });
    expect(call.outcome).toBe("ok");
  });

  it("does not ask when the session is cached", async () => {
    const cache = createMemoryCache();
    await world.provider({ profile: "m", mfaCodeProvider: async () => "123456" }, { cache })();
    const mfa = vi.fn(async () => "234567");
    await world.provider({ profile: "m", mfaCodeProvider: mfa }, { cache })();
    expect(mfa).not.toHaveBeenCalled();
  });

  it("fails with the SDK's message and no STS call when there is no callback and no terminal (behaviour 20)", async () => {
    const error = await world.provider({ profile: "m" })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MfaError);
    expect(error).toMatchObject({
      code: "MFA_CODE_REQUIRED",
      tryNextLink: false,
      message: "Profile m requires multi-factor authentication, but no MFA code callback was provided.",
    });
    expect(world.sts.calls).toHaveLength(0);
  });

  it("succeeds without a callback when the session is cached (behaviour 20)", async () => {
    const cache = createMemoryCache();
    const first = await world.provider({ profile: "m", mfaCodeProvider: async () => "123456" }, { cache })();
    expect((await world.provider({ profile: "m" }, { cache })()).accessKeyId).toBe(first.accessKeyId);
  });

  it("asks the inner hop's device first, each right before its own AssumeRole (behaviour 21)", async () => {
    const order: string[] = [];
    const codes: Record<string, string> = { [MFA_SERIAL]: "123456", [OTHER_SERIAL]: "111111" };
    await world.provider({
      profile: "outer",
      mfaCodeProvider: async (serial) => {
        order.push(`code:${serial}:after-${world.sts.callsTo("AssumeRole").length}-calls`);
        return codes[serial]!;
      },
    })();
    expect(order).toEqual([`code:${MFA_SERIAL}:after-0-calls`, `code:${OTHER_SERIAL}:after-1-calls`]);
    expect(world.sts.callsTo("AssumeRole").map((c) => c.params.RoleArn)).toEqual([role("Mfa"), role("Outer")]);
  });

  it("asks again on refresh only when no fresher session exists, and never twice at once (behaviour 22)", async () => {
    const cache = createMemoryCache();
    const mfa = vi.fn(async () => ["123456", "234567", "345678"][mfa.mock.calls.length - 1]!);
    const provider = world.provider({ profile: "m", mfaCodeProvider: mfa }, { cache, clock, random: () => 0 });
    await provider();
    // Another provider (as another process would) refreshes the shared session first.
    await clock.advance(51 * 60_000);
    const other = world.provider({ profile: "m", mfaCodeProvider: mfa }, { cache, clock, random: () => 0 });
    await Promise.all([other(), other(), other()]);
    expect(mfa).toHaveBeenCalledTimes(2);
    world.sts.reset();
    const results = await Promise.all(Array.from({ length: 20 }, () => provider()));
    expect(mfa).toHaveBeenCalledTimes(2);
    expect(world.sts.calls).toHaveLength(0);
    expect(new Set(results.map((c) => c.accessKeyId)).size).toBe(1);
    // Past that session's refresh point nobody has a fresher one: the callback is asked once more.
    await clock.advance(51 * 60_000);
    await Promise.all(Array.from({ length: 20 }, () => provider()));
    expect(mfa).toHaveBeenCalledTimes(3);
    expect(world.sts.callsTo("AssumeRole")).toHaveLength(1);
  });

  it("reports a rejected code as MFA_CODE_INVALID with the STS text", async () => {
    const error = await world.provider({ profile: "m", mfaCodeProvider: async () => "999999" })().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "MFA_CODE_INVALID", stsCode: "AccessDenied", profile: "m" });
    expect((error as Error).message).toContain("MultiFactorAuthentication failed");
    expect((error as Error).message).not.toContain("999999");
  });
});
