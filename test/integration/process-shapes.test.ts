// The library as real processes use it, through the built package: a local Lambda harness with a role
// profile, the deployed shape with environment keys (no STS code loaded), and the MFA prompt on a terminal.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, runNode, startOnTerminal, succeeds, waitFor } from "../support/run-node.js";
import { ENV_USER, MFA_SERIAL, openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";

const fixtures = join(__dirname, "..", "fixtures", "process");
let world: RoleWorld;

beforeAll(async () => {
  assertBuilt();
  world = await startRoleWorld({ roles: [openRole("Admin"), openRole("Mfa", { mfaRequired: true })] });
  await world.config(
    `[profile admin]\nrole_arn = ${role("Admin")}\nsource_profile = base\n` +
      `[profile m]\nrole_arn = ${role("Mfa")}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\n`,
  );
});
afterAll(() => world.close());

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return world.childEnv({ AWS_REGION: "us-east-1", ...extra });
}

describe("in real processes", () => {
  it("runs a local Lambda harness whose client picks the role profile from AWS_PROFILE", async () => {
    const run = await runNode([join(fixtures, "invoke-handler.mjs")], childEnv({ AWS_PROFILE: "admin" }));
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    const results = run.stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(results.map((r) => r.body)).toEqual([expect.stringMatching(/assumed-role\/Admin\//), expect.stringMatching(/assumed-role\/Admin\//)]);
    expect(world.sts.callsTo("AssumeRole").filter((c) => c.params.RoleArn === role("Admin"))).toHaveLength(1);
  });

  it("returns environment keys in the deployed shape without loading any STS code", async () => {
    const run = await runNode(
      [join(fixtures, "resolve.cjs")],
      childEnv({ AWS_ACCESS_KEY_ID: ENV_USER.accessKeyId, AWS_SECRET_ACCESS_KEY: ENV_USER.secretAccessKey, AWS_SESSION_TOKEN: "token" }),
    );
    const result = JSON.parse(run.stdout) as { accessKeyId: string; stsLoaded: boolean; packages: string[]; stdinTouched: boolean };
    expect(result).toMatchObject({ accessKeyId: ENV_USER.accessKeyId, stsLoaded: false, stdinTouched: false });
    // The SDK's environment provider and what it needs; no profile parser, lock, SDK chain or STS client.
    expect(result.packages).toContain("@aws-sdk/credential-provider-env");
    for (const unneeded of ["@smithy/shared-ini-file-loader", "proper-lockfile", "@aws-sdk/credential-provider-node", "@aws-sdk/credential-provider-ini", "@aws-sdk/client-sts"]) {
      expect(result.packages).not.toContain(unneeded);
    }
  });

  it("loads STS code only once a role must be assumed, and not at all when the disk cache has the session", async () => {
    const cold = await runNode([join(fixtures, "resolve.cjs")], childEnv({ AWS_PROFILE: "admin", AWS_PROFILE_CREDENTIALS_CACHE: "off" }));
    expect(JSON.parse(cold.stdout)).toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/), stsLoaded: true });
    await runNode([join(fixtures, "resolve.cjs")], childEnv({ AWS_PROFILE: "admin" }));
    const calls = world.sts.calls.length;
    const warm = await runNode([join(fixtures, "resolve.cjs")], childEnv({ AWS_PROFILE: "admin" }));
    expect(JSON.parse(warm.stdout)).toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/), stsLoaded: false });
    expect(world.sts.calls.length).toBe(calls);
  });

  it("prompts for the MFA code on a terminal, without echoing it, and uses it", async () => {
    expect(succeeds("script", ["--version"]), "util-linux `script` provides the pseudo-terminal").toBe(true);
    const terminal = startOnTerminal(`${process.execPath} ${join(fixtures, "resolve.cjs")}`, childEnv({ AWS_PROFILE: "m" }));
    await waitFor(terminal.stdout, `Enter MFA code for ${MFA_SERIAL}: `);
    terminal.child.stdin!.write("123456\r");
    const { status, stdout: output } = await terminal.finished;
    expect(status).toBe(0);
    expect(output).not.toContain("123456");
    expect(output).toMatch(/"accessKeyId":"ASIA/);
    const call = world.sts.callsTo("AssumeRole").find((c) => c.params.RoleArn === role("Mfa"))!;
    expect(call).toMatchObject({ outcome: "ok", params: expect.objectContaining({ SerialNumber: MFA_SERIAL }) });
  }, 20_000);
});
