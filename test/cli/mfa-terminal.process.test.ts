// The MFA prompt as a person at a real pseudo-terminal meets it (issue 12 Part A): the built CLI run with
// stdin, stdout and stderr away from the terminal (as the AWS CLI runs a credential process) asks on the
// controlling terminal without echo, asks again after a refused code, puts the terminal back on every
// signal and then ends by that signal, and takes turns with other processes on the same terminal.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { echoOn, runOnPty } from "../support/pty.js";
import { BASE, MFA_SERIAL, openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";
import { assertBuilt, CLI, cliEnv, sh } from "./cli-process.js";

let world: RoleWorld;
const PROMPT = `Enter MFA code for ${MFA_SERIAL}: `;

beforeAll(async () => {
  assertBuilt();
  world = await startRoleWorld({
    roles: [openRole("Mfa", { mfaRequired: true }), openRole("Mfa2", { mfaRequired: true }), openRole("Mfa3", { mfaRequired: true })],
    mfaDevices: [],
  });
  world.sts.addMfaCodes(MFA_SERIAL, ["246810", "135790", "975310", "864200", "192837", "918273"]);
  await world.config(
    ["Mfa", "Mfa2", "Mfa3"].map((name) => `[profile ${name.toLowerCase()}]\nrole_arn = ${role(name)}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\n`).join("") +
      `[profile reads-tty]\nrole_arn = ${role("Mfa")}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\n` +
      `mfa_process = printf 'touch your key\\n' >&2; read -r code; echo "$code"\n` +
      `[profile m-cached]\nrole_arn = ${role("Mfa")}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\nrole_session_name = cached\n`,
  );
});
afterAll(() => world?.close());

/** The CLI as the AWS CLI starts a credential process: nothing on the terminal but the controlling terminal. */
function piped(profile: string, name: string): string {
  const file = (suffix: string) => sh(join(world.home, `${name}.${suffix}`));
  return `exec node ${sh(CLI)} credential-process --profile ${profile} < /dev/null > ${file("out")} 2> ${file("err")}`;
}

/** Each test starts with no cached session: the disk cache is off for these runs. */
const env = () => cliEnv(world, { AWS_PROFILE_CREDENTIALS_CACHE: "off" });
const outputOf = (name: string) => readFile(join(world.home, `${name}.out`), "utf8");
const errorsOf = (name: string) => readFile(join(world.home, `${name}.err`), "utf8");

describe("the MFA prompt on the controlling terminal (built CLI, real pseudo-terminal)", () => {
  it("asks on /dev/tty when stdin and stderr are not terminals, without echo, and prints the role's credentials", async () => {
    world.sts.reset();
    const run = runOnPty(piped("mfa", "tty"), env());
    await run.waitFor(PROMPT);
    expect(echoOn(await run.stty())).toBe(false);
    run.type("246810");
    const { status, stty, output } = await run.exited;
    expect(status).toBe(0);
    expect(echoOn(stty)).toBe(true);
    expect(output).not.toContain("246810");
    expect(JSON.parse(await outputOf("tty"))).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/) });
    expect(await errorsOf("tty")).not.toMatch(/246810|aws-profile-credentials:/);
    expect(world.sts.callsTo("AssumeRole").map((c) => c.outcome)).toEqual(["ok"]);
  }, 30_000);

  it("asks again after a refused code, saying so: two AssumeRole calls, one success", async () => {
    world.sts.reset();
    const run = runOnPty(piped("mfa2", "retry"), env());
    await run.waitFor(PROMPT);
    run.type("999999");
    await run.waitFor(PROMPT, 2);
    expect(run.output()).toContain(`The MFA code was refused by STS; try again (2 of 3).\r\n${PROMPT}`);
    run.type("135790");
    const { status, output } = await run.exited;
    expect(status).toBe(0);
    expect(output).not.toMatch(/999999|135790/);
    expect(world.sts.callsTo("AssumeRole").map((c) => c.outcome)).toEqual(["AccessDenied", "ok"]);
    expect(JSON.parse(await outputOf("retry")).AccessKeyId).toMatch(/^ASIA/);
  }, 30_000);

  it.each(["SIGTERM", "SIGHUP", "SIGINT"] as const)("puts echo back on %s during the prompt, then ends by that signal", async (signal) => {
    // With the disk cache on, the held cross-process lock has loaded proper-lockfile's own signal handlers.
    const run = runOnPty(piped("mfa3", `signal-${signal}`), cliEnv(world));
    await run.waitFor(PROMPT);
    expect(echoOn(await run.stty())).toBe(false);
    run.kill(signal);
    const { status, stty } = await run.exited;
    expect(echoOn(stty)).toBe(true);
    expect(stty).toMatch(/(^|\s)icanon(\s|$)/);
    // Re-raised: the process ended by the signal, as it would have without a prompt.
    expect(status).toBe(-({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const)[signal]);
  }, 30_000);

  it("takes turns with another process prompting on the same terminal", async () => {
    world.sts.reset();
    const run = runOnPty(`${piped("mfa2", "turn-a")} & ${piped("mfa3", "turn-b")} & wait`.replaceAll("exec ", ""), env());
    await run.waitFor(PROMPT);
    // Both processes need a code now; the second waits for the first to be answered (real time, two processes).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(run.output().split(PROMPT)).toHaveLength(2);
    run.type("975310");
    await run.waitFor(PROMPT, 2);
    run.type("864200");
    const { status } = await run.exited;
    expect(status).toBe(0);
    for (const name of ["turn-a", "turn-b"]) expect(JSON.parse(await outputOf(name)).AccessKeyId).toMatch(/^ASIA/);
    expect(world.sts.callsTo("AssumeRole").map((c) => c.outcome)).toEqual(["ok", "ok"]);
  }, 30_000);
});

describe("mfa_process on the controlling terminal", () => {
  it("gives the command the terminal for its stdin and stderr, though the CLI's own are not on it", async () => {
    world.sts.reset();
    const run = runOnPty(piped("reads-tty", "reads-tty"), env());
    await run.waitFor("touch your key");
    run.type("192837");
    const { status, output } = await run.exited;
    expect(status).toBe(0);
    expect(output).not.toContain("Enter MFA code");
    expect(JSON.parse(await outputOf("reads-tty")).AccessKeyId).toMatch(/^ASIA/);
    expect(world.sts.callsTo("AssumeRole").map((c) => c.outcome)).toEqual(["ok"]);
  }, 30_000);
});

describe("no controlling terminal", () => {
  it("fails at once with MFA_CODE_REQUIRED for a detached process (setsid), with no secret", async () => {
    const { runCli } = await import("./cli-process.js");
    const result = await runCli(["credential-process", "--profile", "m-cached"], env());
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^aws-profile-credentials: MFA_CODE_REQUIRED: .*one of three ways/);
    expect(result.stderr).not.toContain(BASE.secretAccessKey);
  });
});
