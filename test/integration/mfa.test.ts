// MFA roles: a code is asked for only when a new session is needed, never twice at once, inner hop first
// (docs/semantics.md §11, behaviours 19-22).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryCache } from "../../src/cache/memory-cache.js";
import { MfaError } from "../../src/errors.js";
import type { Prompter } from "../../src/runtime/terminal-prompt.js";
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
  // mfa_process commands run through the shell with the provider's environment.
  world.env.PATH = process.env.PATH ?? "";
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
    });
    // The JS SDK's sentence first, then the three ways and the shared cache (issue 12 item 4).
    expect((error as Error).message).toBe(
      "Profile m requires multi-factor authentication, but no MFA code callback was provided. No terminal is available to ask on. " +
        'Supply the code in one of three ways: the mfaCodeProvider option; mfa_process in profile "m" (a command that prints the code); ' +
        "or a terminal, where you are prompted. Or run `aws-profile-credentials export --profile m` once in a terminal: " +
        "the session it caches in the shared AWS CLI cache is used here until it expires.",
    );
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

  it("reports a code refused by STS as an MfaError MFA_CODE_INVALID, at once for a callback, caching nothing", async () => {
    const cache = createMemoryCache();
    const error = await world.provider({ profile: "m", mfaCodeProvider: async () => "999999" }, { cache })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MfaError);
    expect(error).toMatchObject({ code: "MFA_CODE_INVALID", profile: "m", key: "mfa_serial", cause: { code: "MFA_CODE_INVALID", stsCode: "AccessDenied" } });
    expect((error as Error).message).toContain("MultiFactorAuthentication failed with invalid MFA one time pass code");
    expect((error as Error).message).not.toContain("999999");
    expect(world.sts.callsTo("AssumeRole")).toHaveLength(1);
    // Nothing was cached from the failed call: the next fetch asks again.
    const mfa = vi.fn(async () => "123456");
    await world.provider({ profile: "m", mfaCodeProvider: mfa }, { cache })();
    expect(mfa).toHaveBeenCalledTimes(1);
  });

  it("asks again at the prompt after a refused code, saying so, each try a new AssumeRole (issue 12 item 2)", async () => {
    const prompter = scriptedPrompter(["999999", "888888", "123456"]);
    const credentials = await world.provider({ profile: "m" }, { prompter })();
    expect(credentials.accessKeyId).toMatch(/^ASIA/);
    expect(prompter.questions).toEqual([
      `Enter MFA code for ${MFA_SERIAL}: `,
      `The MFA code was refused by STS; try again (2 of 3).\nEnter MFA code for ${MFA_SERIAL}: `,
      `The MFA code was refused by STS; try again (3 of 3).\nEnter MFA code for ${MFA_SERIAL}: `,
    ]);
    expect(world.sts.callsTo("AssumeRole").map((c) => c.outcome)).toEqual(["AccessDenied", "AccessDenied", "ok"]);
  });

  it("stops after 3 refused codes at the prompt with MFA_CODE_INVALID, caching nothing", async () => {
    const cache = createMemoryCache();
    const prompter = scriptedPrompter(["999999", "888888", "777777", "123456"]);
    const error = await world.provider({ profile: "m" }, { prompter, cache })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MfaError);
    expect(error).toMatchObject({ code: "MFA_CODE_INVALID", message: expect.stringContaining("(3 codes refused)") });
    expect(prompter.questions).toHaveLength(3);
    expect(world.sts.callsTo("AssumeRole")).toHaveLength(3);
    await world.provider({ profile: "m" }, { prompter, cache })();
    expect(prompter.questions).toHaveLength(4);
  });

  it("does not ask again when STS cannot validate the serial: STS_ACCESS_DENIED saying to check mfa_serial", async () => {
    await world.config(`[profile bad]\nrole_arn = ${role("Mfa")}\nsource_profile = base\nmfa_serial = arn:aws:iam::111111111111:mfa/nobody\n`);
    const prompter = scriptedPrompter(["123456", "234567"]);
    const error = await world.provider({ profile: "bad" }, { prompter })().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "StsCallError", code: "STS_ACCESS_DENIED", message: expect.stringContaining("Check mfa_serial") });
    expect(prompter.questions).toHaveLength(1);
  });

  it("takes the code from mfa_process: 0 prompts, 1 AssumeRole (issue 12 item 3)", async () => {
    await world.config(`[profile p]\nrole_arn = ${role("Mfa")}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\nmfa_process = echo 234567\n`);
    const prompter = scriptedPrompter(["123456"]);
    const credentials = await world.provider({ profile: "p" }, { prompter })();
    expect(credentials.accessKeyId).toMatch(/^ASIA/);
    expect(prompter.questions).toEqual([]);
    const calls = world.sts.callsTo("AssumeRole");
    expect(calls.map((c) => [c.outcome, c.params.SerialNumber])).toEqual([["ok", MFA_SERIAL]]);
  });

  it("prefers the mfaCodeProvider option over mfa_process, and mfa_process over the prompt", async () => {
    const marker = join(world.home, "ran");
    await world.config(`[profile p]\nrole_arn = ${role("Mfa")}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\nmfa_process = touch ${marker}; echo 234567\n`);
    const prompter = scriptedPrompter(["345678"]);
    await world.provider({ profile: "p", mfaCodeProvider: async () => "123456" }, { prompter })();
    expect(existsSync(marker)).toBe(false);
    await world.provider({ profile: "p" }, { prompter, cache: createMemoryCache() })();
    expect(existsSync(marker)).toBe(true);
    expect(prompter.questions).toEqual([]);
  });

  it("fails a failing mfa_process with an MfaError naming the profile and its program, not its arguments", async () => {
    await world.config(`[profile p]\nrole_arn = ${role("Mfa")}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\nmfa_process = false --token s3cr3t-arg\n`);
    const error = await world.provider({ profile: "p" }, { prompter: scriptedPrompter(["123456"]) })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MfaError);
    expect(error).toMatchObject({ code: "MFA_CODE_REQUIRED", profile: "p", key: "mfa_process" });
    expect((error as Error).message).toMatch(/^mfa_process "false" of profile "p" gave no MFA code for \S+: it exited with status 1\./);
    expect((error as Error).message).not.toContain("s3cr3t-arg");
    expect(world.sts.calls).toHaveLength(0);
  });

  it("fails at once when mfa_process prints a refused code, even with a terminal", async () => {
    await world.config(`[profile p]\nrole_arn = ${role("Mfa")}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\nmfa_process = echo 999999\n`);
    const prompter = scriptedPrompter(["123456"]);
    const error = await world.provider({ profile: "p" }, { prompter })().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "MfaError", code: "MFA_CODE_INVALID", message: expect.stringContaining('mfa_process "echo"') });
    expect((error as Error).message).not.toContain("999999");
    expect(prompter.questions).toEqual([]);
    expect(world.sts.callsTo("AssumeRole")).toHaveLength(1);
  });
});

/** A prompter with a person at it who types `answers` in turn; records each question. */
function scriptedPrompter(answers: string[]): Prompter & { questions: string[] } {
  const questions: string[] = [];
  return {
    questions,
    isInteractive: () => true,
    ask: async (question) => {
      questions.push(question);
      return answers[questions.length - 1] ?? "";
    },
  };
}
