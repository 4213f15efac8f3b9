// Issue 12 acceptance with the real AWS CLI v2 (Debian's awscli, called by absolute path: the first `aws`
// on a PATH may be v1, which has no `configure export-credentials`). The AWS CLI runs our credential
// process with stdout and stderr piped; in a terminal window our prompt still reaches the person, on the
// controlling terminal, and the session it caches serves the next call with no prompt. The AWS CLI makes
// no STS call here; ours goes to the emulator on 127.0.0.1 (AWS_ENDPOINT_URL_STS).
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOnPty } from "../support/pty.js";
import { MFA_SERIAL, openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";
import { assertBuilt, CLI, cliEnv } from "./cli-process.js";

const AWS = "/usr/bin/aws";
const PROMPT = `Enter MFA code for ${MFA_SERIAL}: `;
let world: RoleWorld;

beforeAll(async () => {
  assertBuilt();
  if (!existsSync(AWS)) throw new Error(`${AWS} is missing: apt-get install -y awscli (the AWS CLI v2)`);
  world = await startRoleWorld({ roles: [openRole("Mfa", { mfaRequired: true }), openRole("Proc", { mfaRequired: true })] });
  const self = (profile: string) => `${process.execPath} ${CLI} credential-process --profile ${profile}`;
  await world.config(
    `[profile p]\ncredential_process = ${self("mfa-role")}\n` +
      `[profile mfa-role]\nrole_arn = ${role("Mfa")}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\n` +
      `[profile pp]\ncredential_process = ${self("mfa-proc")}\n` +
      `[profile mfa-proc]\nrole_arn = ${role("Proc")}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\nmfa_process = echo 345678\n`,
  );
});
afterAll(() => world?.close());

const exportCredentials = (profile: string) => runOnPty(`exec ${AWS} configure export-credentials --profile ${profile}`, cliEnv(world));

describe("the AWS CLI v2 running our credential process on a pseudo-terminal", () => {
  it("shows our prompt, takes one code and returns the role's credentials; a second call asks for nothing", async () => {
    const first = exportCredentials("p");
    await first.waitFor(PROMPT, 1, 30_000);
    first.type("123456");
    const done = await first.exited;
    expect(done.status).toBe(0);
    expect(done.output).not.toContain("123456");
    const credentials = JSON.parse(done.output.slice(done.output.indexOf("{")));
    expect(credentials).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/), SessionToken: expect.any(String) });
    const calls = world.sts.callsTo("AssumeRole").filter((c) => c.params.RoleArn === role("Mfa"));
    expect(calls.map((c) => [c.outcome, c.params.SerialNumber])).toEqual([["ok", MFA_SERIAL]]);

    const second = await exportCredentials("p").exited;
    expect(second.status).toBe(0);
    expect(second.output).not.toContain("Enter MFA code");
    expect(JSON.parse(second.output.slice(second.output.indexOf("{"))).AccessKeyId).toBe(credentials.AccessKeyId);
    expect(world.sts.callsTo("AssumeRole").filter((c) => c.params.RoleArn === role("Mfa"))).toHaveLength(1);
  }, 60_000);

  it("takes the code from mfa_process: 0 prompts, 1 AssumeRole", async () => {
    const done = await exportCredentials("pp").exited;
    expect(done.status).toBe(0);
    expect(done.output).not.toContain("Enter MFA code");
    expect(JSON.parse(done.output.slice(done.output.indexOf("{"))).AccessKeyId).toMatch(/^ASIA/);
    const calls = world.sts.callsTo("AssumeRole").filter((c) => c.params.RoleArn === role("Proc"));
    expect(calls.map((c) => c.outcome)).toEqual(["ok"]);
  }, 60_000);
});
