// The built CLI's `export` as a real process against the STS emulator: every format, the shell round trip
// of values full of metacharacters, the acceptance check (eval, then an SDK call in the same shell uses the
// assumed role), usage and resolution failures, and no secret on stderr.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE, CREDENTIALS_FILE, openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";
import { assertBuilt, CLI, ROOT, cliEnv, runCli, runShell, sh, type Finished } from "./cli-process.js";

/** A static-keys profile whose values a shell would expand, split or run if they were not quoted. */
const NASTY_KEY = "AKIDNASTY00000000001";
const NASTY_SECRET = `it's a "q" $(touch pwned) \`id\` $HOME\\;&|<>!*?~{a,b}%PATH%^`;
const NASTY_TOKEN = `tok'en "x" $(id) 'y'`;

let world: RoleWorld;
const stderrs: string[] = [];
const secrets = new Set<string>([BASE.secretAccessKey, NASTY_SECRET, NASTY_TOKEN]);

async function cli(args: string[], extra: Record<string, string | undefined> = {}): Promise<Finished> {
  const result = await runCli(args, cliEnv(world, extra));
  stderrs.push(result.stderr);
  return result;
}

beforeAll(async () => {
  assertBuilt();
  world = await startRoleWorld({ roles: [openRole("Admin"), openRole("Deploy"), { arn: role("Locked"), trust: [] }] });
  await world.config(
    `[profile admin]\nrole_arn = ${role("Admin")}\nsource_profile = base\nregion = eu-west-1\n` +
      `[profile deploy]\nrole_arn = ${role("Deploy")}\nsource_profile = admin\n` +
      `[profile locked]\nrole_arn = ${role("Locked")}\nsource_profile = base\n` +
      `[profile broken]\nrole_arn = ${role("Admin")}\nsource_profile = missing\n`,
  );
  await world.credentials(`${CREDENTIALS_FILE}[nasty]\naws_access_key_id = ${NASTY_KEY}\naws_secret_access_key = ${NASTY_SECRET}\naws_session_token = ${NASTY_TOKEN}\n`);
});

afterAll(async () => {
  // No secret (the base user's, the nasty profile's, or any session the emulator issued) on any stderr line.
  for (const stderr of stderrs) for (const secret of secrets) expect(stderr).not.toContain(secret);
  // $(touch pwned) in the nasty secret never ran.
  expect(existsSync(join(ROOT, "pwned"))).toBe(false);
  await world?.close();
});

describe("export (built CLI)", () => {
  it("prints every format for a role profile", async () => {
    const formats = ["env", "fish", "powershell", "cmd", "dotenv", "json"] as const;
    const runs = await Promise.all(formats.map((format) => cli(["export", "--profile", "admin", "--format", format])));
    const out = Object.fromEntries(formats.map((format, i) => [format, runs[i]!])) as Record<(typeof formats)[number], Finished>;
    for (const run of runs) expect(run).toMatchObject({ status: 0, stderr: "" });

    const json = JSON.parse(out.json.stdout) as Record<string, string>;
    expect(Object.keys(json)).toEqual(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION", "AWS_REGION"]);
    expect(json).toMatchObject({ AWS_ACCESS_KEY_ID: expect.stringMatching(/^ASIAEMU/), AWS_REGION: "eu-west-1" });
    expect(json.AWS_CREDENTIAL_EXPIRATION).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    for (const run of runs) {
      const issued = /ASIAEMU[A-Z2-7]+/.exec(run.stdout)![0];
      expect(run.stdout).toContain(issued);
    }
    for (const format of formats) {
      secrets.add(/AWS_SECRET_ACCESS_KEY\W+([A-Za-z0-9+/=]{20,})/.exec(out[format].stdout)![1]!);
      secrets.add(/AWS_SESSION_TOKEN\W+([A-Za-z0-9+/=]{40,})/.exec(out[format].stdout)![1]!);
    }

    expect(out.env.stdout).toMatch(/^export AWS_ACCESS_KEY_ID='ASIAEMU[A-Z2-7]+'\nexport AWS_SECRET_ACCESS_KEY='[^']+'\nexport AWS_SESSION_TOKEN='[^']+'\nexport AWS_CREDENTIAL_EXPIRATION='[^']+'\nexport AWS_REGION='eu-west-1'\nunset AWS_PROFILE\n$/);
    expect(out.fish.stdout).toMatch(/^set -gx AWS_ACCESS_KEY_ID 'ASIAEMU[A-Z2-7]+';\n(set -gx \w+ '[^']+';\n){4}set -e AWS_PROFILE;\n$/);
    expect(out.powershell.stdout).toMatch(/^\$Env:AWS_ACCESS_KEY_ID = 'ASIAEMU[A-Z2-7]+'\n(\$Env:\w+ = '[^']+'\n){4}Remove-Item -Path Env:AWS_PROFILE -ErrorAction SilentlyContinue\n$/);
    expect(out.cmd.stdout).toMatch(/^set "AWS_ACCESS_KEY_ID=ASIAEMU[A-Z2-7]+"\n(set "\w+=[^"]+"\n){4}set AWS_PROFILE=\n$/);
    expect(out.dotenv.stdout).toMatch(/^AWS_ACCESS_KEY_ID='ASIAEMU[A-Z2-7]+'\n(\w+='[^']+'\n){4}$/);
  });

  it("lets an SDK call in the same shell use the assumed role after eval (acceptance)", async () => {
    const sdkCall =
      "const { STSClient, GetCallerIdentityCommand } = require('@aws-sdk/client-sts');" +
      "new STSClient({}).send(new GetCallerIdentityCommand({})).then((r) => console.log(JSON.stringify({ Arn: r.Arn, key: process.env.AWS_ACCESS_KEY_ID })));";
    // AWS_PROFILE=base would make the SDK use base's own keys if export did not unset it.
    const run = await runShell(`eval "$(node ${sh(CLI)} export --profile admin)" && node -e ${sh(sdkCall)}`, cliEnv(world, { AWS_PROFILE: "base" }));
    stderrs.push(run.stderr);
    expect(run.status).toBe(0);
    const { Arn, key } = JSON.parse(run.stdout) as { Arn: string; key: string };
    expect(Arn).toMatch(/^arn:aws:sts::123456789012:assumed-role\/Admin\//);
    const identityCall = world.sts.callsTo("GetCallerIdentity").at(-1)!;
    expect(identityCall).toMatchObject({ signedBy: key, region: "eu-west-1", outcome: "ok" });
    expect(key).toMatch(/^ASIAEMU/);
  });

  it.each(["sh", "bash"])("round-trips values full of shell metacharacters through %s", async (shell) => {
    const script = `eval "$(node ${sh(CLI)} export --profile nasty)"; printf '%s\\0' "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" "\${AWS_CREDENTIAL_EXPIRATION-unset}" "\${AWS_PROFILE-unset}"`;
    const run = await runShell(script, cliEnv(world, { AWS_PROFILE: "admin", AWS_CREDENTIAL_EXPIRATION: "stale" }), shell);
    stderrs.push(run.stderr);
    expect(run.status).toBe(0);
    expect(run.stdout.split("\0")).toEqual([NASTY_KEY, NASTY_SECRET, NASTY_TOKEN, "unset", "unset", ""]);
  });

  it("resolves a two-hop chain with --duration-seconds on the outermost role and --no-cache", async () => {
    const run = await cli(["export", "--profile", "deploy", "--format", "json", "--duration-seconds", "1800", "--no-cache"]);
    expect(run.status).toBe(0);
    secrets.add(JSON.parse(run.stdout).AWS_SECRET_ACCESS_KEY);
    const deploy = world.sts.callsTo("AssumeRole").filter((call) => call.params.RoleArn === role("Deploy")).at(-1)!;
    expect(deploy.params).toMatchObject({ DurationSeconds: "1800" });
    const expiresInS = (Date.parse(JSON.parse(run.stdout).AWS_CREDENTIAL_EXPIRATION) - Date.now()) / 1000;
    expect(expiresInS).toBeGreaterThan(1700);
    expect(expiresInS).toBeLessThanOrEqual(1800);
  });

  it("exits 2 for a usage error and 1 for a profile that cannot be resolved, with nothing on stdout", async () => {
    const [usage, broken, denied] = await Promise.all([
      cli(["export", "--profile", "admin", "--shell", "zsh"]),
      cli(["export", "--profile", "broken"]),
      cli(["export", "--profile", "locked"]),
    ]);
    expect(usage).toMatchObject({ status: 2, stdout: "" });
    expect(usage.stderr).toContain("aws-profile-credentials: unknown option --shell\n");
    expect(broken).toMatchObject({ status: 1, stdout: "" });
    expect(broken.stderr).toMatch(/^aws-profile-credentials: SOURCE_PROFILE_NOT_FOUND: .*"missing"/m);
    expect(denied).toMatchObject({ status: 1, stdout: "" });
    expect(denied.stderr).toMatch(/^aws-profile-credentials: STS_ACCESS_DENIED: .*Locked/m);
  });
});
