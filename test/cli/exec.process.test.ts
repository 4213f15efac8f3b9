// The built CLI's `exec` as a real process against the STS emulator: the child's environment, stdio
// passed through, its exit code, 128 + signal when a signal ends it, and SIGTERM/SIGHUP forwarding
// (exec-signals.process.test.ts has the terminal's SIGINT and SIGQUIT).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";
import { assertBuilt, CLI, cliEnv, runCli, start, waitFor } from "./cli-process.js";

let world: RoleWorld;

beforeAll(async () => {
  assertBuilt();
  world = await startRoleWorld({ roles: [openRole("Admin")] });
  await world.config(`[profile admin]\nrole_arn = ${role("Admin")}\nsource_profile = base\nregion = eu-west-1\n`);
});
afterAll(() => world?.close());

const exec = (args: string[], extra: Record<string, string> = {}, stdin = "") => runCli(["exec", "--profile", "admin", ...args], cliEnv(world, extra), stdin);

describe("exec (built CLI)", () => {
  it("runs the command with the credentials, without AWS_PROFILE, with stdin and stdout passed through", async () => {
    const show =
      "let input = ''; process.stdin.on('data', (c) => (input += c)).on('end', () => console.log(JSON.stringify({ input," +
      " key: process.env.AWS_ACCESS_KEY_ID, secret: Boolean(process.env.AWS_SECRET_ACCESS_KEY), token: Boolean(process.env.AWS_SESSION_TOKEN)," +
      " expiration: process.env.AWS_CREDENTIAL_EXPIRATION, region: process.env.AWS_REGION, profile: process.env.AWS_PROFILE ?? null," +
      " marker: process.env.AWS_PROFILE_CREDENTIALS_RESOLVING ?? null, other: process.env.KEEP_ME })));";
    const run = await exec(["--", process.execPath, "-e", show], { AWS_PROFILE: "base", KEEP_ME: "kept" }, "hello from stdin");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      input: "hello from stdin",
      key: expect.stringMatching(/^ASIAEMU/),
      secret: true,
      token: true,
      expiration: expect.stringMatching(/Z$/),
      region: "eu-west-1",
      profile: null,
      marker: null,
      other: "kept",
    });
  });

  it("exits with the command's exit code, 127 when it does not exist", async () => {
    const [seven, missing] = await Promise.all([exec(["sh", "-c", "echo out; echo err >&2; exit 7"]), exec(["--", "no-such-command-apc"])]);
    expect(seven).toMatchObject({ status: 7, stdout: "out\n" });
    expect(seven.stderr).toContain("err\n");
    expect(missing).toMatchObject({ status: 127, stdout: "" });
    expect(missing.stderr).toContain('aws-profile-credentials: COMMAND_NOT_FOUND: cannot run "no-such-command-apc"');
  });

  it("exits with 128 + the signal number when a signal ends the command", async () => {
    const [term, kill] = await Promise.all([exec(["--", "sh", "-c", "kill -TERM $$"]), exec(["--", "sh", "-c", "kill -KILL $$"])]);
    expect(term.status).toBe(143);
    expect(kill.status).toBe(137);
  });

  it.each([
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const)("passes %s on to the command and exits as it did", async (signal, status) => {
    const run = start(process.execPath, [CLI, "exec", "--profile", "admin", "--", "sh", "-c", "echo ready; exec sleep 30"], cliEnv(world));
    await waitFor(run.output, "ready");
    run.child.kill(signal);
    expect(await run.finished).toMatchObject({ status, signal: null });
  });

  it("lets the command handle a forwarded SIGTERM and uses its exit code", async () => {
    const handler = "process.on('SIGTERM', () => { console.log('got SIGTERM'); process.exit(42); }); console.log('ready'); setInterval(() => {}, 1000);";
    const run = start(process.execPath, [CLI, "exec", "--profile", "admin", "--", process.execPath, "-e", handler], cliEnv(world));
    await waitFor(run.output, "ready");
    run.child.kill("SIGTERM");
    const finished = await run.finished;
    expect(finished).toMatchObject({ status: 42 });
    expect(finished.stdout).toBe("ready\ngot SIGTERM\n");
  });

  it("does not start the command when the credentials cannot be resolved", async () => {
    const run = await runCli(["exec", "--profile", "nope", "--", "sh", "-c", "echo ran"], cliEnv(world));
    expect(run).toMatchObject({ status: 1, stdout: "" });
    expect(run.stderr).toMatch(/^aws-profile-credentials: PROFILE_NOT_FOUND: /m);
  });
});
