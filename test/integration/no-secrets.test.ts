// Canary secrets flow through success, every kind of failure and the most verbose logging: none of them
// may appear anywhere but in the credentials handed to the caller.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeClock, flush } from "../support/fake-clock.js";
import { errorTexts, expectNoSecrets } from "../support/no-secrets.js";
import { BASE, MFA_SERIAL, openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";

// Not a substring of any account id or ARN in the world, so a hit is a real leak.
const MFA_CODE = "918273";
const PROCESS_CODE = "527364";
const REFUSED_CODES = ["735190", "462819", "381756", "690241"];
let world: RoleWorld;
let clock: FakeClock;

beforeEach(async () => {
  clock = new FakeClock(Date.now());
  world = await startRoleWorld({ roles: [openRole("Admin"), openRole("Mfa", { mfaRequired: true })] }, { clock });
  await world.config(
    `[profile r]\nrole_arn = ${role("Admin")}\nsource_profile = base\n` +
      `[profile m]\nrole_arn = ${role("Mfa")}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\n` +
      `[profile broken]\nrole_arn = ${role("Admin")}\nsource_profile = partial\n` +
      `[profile partial]\naws_access_key_id = AKIDPARTIAL\n[profile denied]\nrole_arn = arn:aws:iam::999999999999:role/Nope\nsource_profile = base\n`,
  );
  world.sts.putRole({ arn: "arn:aws:iam::999999999999:role/Nope", trust: [] });
  world.sts.addMfaCodes(MFA_SERIAL, [MFA_CODE, PROCESS_CODE]);
});
afterEach(() => world.close());

describe("secrets", () => {
  it("appear only in the returned credentials, across success, refresh failures and errors", async () => {
    const texts: string[] = [];
    const secrets: (string | undefined)[] = [BASE.secretAccessKey, MFA_CODE];
    const mfaCodeProvider = async () => MFA_CODE;

    const good = world.provider({ profile: "r" }, { random: () => 0 });
    const credentials = await good();
    secrets.push(credentials.secretAccessKey, credentials.sessionToken);
    const mfa = await world.provider({ profile: "m", mfaCodeProvider })();
    secrets.push(mfa.secretAccessKey, mfa.sessionToken);

    await clock.advance(47 * 60_000);
    world.sts.failAll({ code: "InternalFailure", status: 500 });
    await good();
    await flush();
    await clock.advance(5 * 60_000);
    texts.push(...errorTexts(await good().catch((e: unknown) => e)));
    world.sts.reset();

    for (const profile of ["broken", "denied", "missing"]) {
      texts.push(...errorTexts(await world.provider({ profile })().catch((e: unknown) => e)));
    }
    texts.push(...errorTexts(await world.provider({ profile: "m", mfaCodeProvider: async () => "654321" })().catch((e: unknown) => e)));
    texts.push(...errorTexts(await world.provider({ profile: "m" })().catch((e: unknown) => e)));
    texts.push(world.log.all());

    expect(world.log.lines.warn.length).toBeGreaterThan(0);
    expect(texts.join("\n")).toContain("AccessDenied");
    expectNoSecrets(texts, secrets);
    expectNoSecrets(JSON.stringify(world.sts.calls).split("\n"), [MFA_CODE, BASE.secretAccessKey]);
  });

  it("appear nowhere from mfa_process and the prompt: codes printed, refused or typed, and a failing command's arguments", async () => {
    world.env.PATH = process.env.PATH ?? "";
    await world.config(
      `[profile mp]\nrole_arn = ${role("Mfa")}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\nmfa_process = echo ${PROCESS_CODE}\n` +
        `[profile mp-refused]\nrole_arn = ${role("Mfa")}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\nmfa_process = echo ${REFUSED_CODES[0]}\n` +
        `[profile mp-failing]\nrole_arn = ${role("Mfa")}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\nmfa_process = printf ${REFUSED_CODES[1]}; exit 4\n` +
        `[profile m]\nrole_arn = ${role("Mfa")}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\n`,
    );
    const texts: string[] = [];
    const secrets: (string | undefined)[] = [BASE.secretAccessKey, PROCESS_CODE, ...REFUSED_CODES];
    const debug = { logger: world.log.logger };
    const mp = await world.provider({ profile: "mp", ...debug })();
    secrets.push(mp.secretAccessKey, mp.sessionToken);
    for (const profile of ["mp-refused", "mp-failing"]) {
      texts.push(...errorTexts(await world.provider({ profile, ...debug })().catch((e: unknown) => e)));
    }
    const typed = [REFUSED_CODES[2]!, REFUSED_CODES[3]!, REFUSED_CODES[2]!];
    const questions: string[] = [];
    const prompter = { isInteractive: () => true, ask: async (question: string) => typed[questions.push(question) - 1]! };
    texts.push(...errorTexts(await world.provider({ profile: "m", ...debug }, { prompter })().catch((e: unknown) => e)));
    texts.push(...questions, world.log.all());

    expect(texts.join("\n")).toContain("was refused");
    expect(texts.join("\n")).toContain(`mfa_process "printf" of profile "mp-failing"`);
    expect(questions).toHaveLength(3);
    expectNoSecrets(texts, secrets);
    expectNoSecrets(JSON.stringify(world.sts.calls).split("\n"), [PROCESS_CODE, ...REFUSED_CODES]);
  });
});
