// The built CLI's credential-process, explain and whoami as real processes against the STS emulator, the
// credential_process loop guard, and the MFA prompt answered on a pseudo-terminal (util-linux `script`).
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serializeCacheEntry } from "../../src/cache/cache-entry.js";
import { BASE, MFA_SERIAL, openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";
import { startOnTerminal } from "../support/run-node.js";
import { assertBuilt, CLI, cliEnv, runCli, sh, waitFor, type Finished } from "./cli-process.js";

/** botocore's cache key for {"RoleArn": "arn:aws:iam::123456789012:role/Admin"} (docs/semantics.md §6.3). */
const ADMIN_KEY = "51e7b105b5040ce662656c8dc6ab4de70c4de7ad";
const CACHED_SECRET = "CANARY-cached-secret-0001";
const CACHED_TOKEN = "CANARY-cached-token-0001";

let world: RoleWorld;
const stderrs: string[] = [];
const secrets = new Set<string>([BASE.secretAccessKey, CACHED_SECRET, CACHED_TOKEN]);

async function cli(args: string[], extra: Record<string, string> = {}): Promise<Finished> {
  const result = await runCli(args, cliEnv(world, extra));
  stderrs.push(result.stderr);
  return result;
}

const self = (profile: string) => `node ${CLI} credential-process --profile ${profile}`;

beforeAll(async () => {
  assertBuilt();
  world = await startRoleWorld({ roles: [openRole("Admin"), openRole("Deploy"), openRole("Mfa", { mfaRequired: true })] });
  await writeFile(join(world.home, "wrap.sh"), `echo run >> "$HOME/wrap.log"\nexec node ${sh(CLI)} credential-process --profile wrapped\n`);
  await world.config(
    `[profile admin]\nrole_arn = ${role("Admin")}\nsource_profile = base\nregion = eu-west-1\n` +
      `[profile deploy]\nrole_arn = ${role("Deploy")}\nsource_profile = admin\nexternal_id = ext-42\nmfa_serial = ${MFA_SERIAL}\n` +
      `[profile m]\nrole_arn = ${role("Mfa")}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\n` +
      `[profile via-process]\ncredential_process = ${self("admin")}\n` +
      `[profile selfref]\ncredential_process = ${self("selfref")}\n` +
      `[profile loop-a]\ncredential_process = ${self("loop-b")}\n` +
      `[profile loop-b]\nrole_arn = ${role("Admin")}\nsource_profile = loop-b-source\n` +
      `[profile loop-b-source]\ncredential_process = ${self("loop-a")}\n` +
      `[profile wrapped]\ncredential_process = sh ${join(world.home, "wrap.sh")}\n`,
  );
});

afterAll(async () => {
  for (const stderr of stderrs) for (const secret of secrets) expect(stderr).not.toContain(secret);
  await world?.close();
});

describe("credential-process (built CLI)", () => {
  it("prints Version 1 JSON with Expiration, which an SDK's credential_process accepts", async () => {
    const [direct, whoami] = await Promise.all([cli(["credential-process", "--profile", "admin"]), cli(["whoami", "--profile", "via-process", "--json"])]);
    expect(direct.status).toBe(0);
    const output = JSON.parse(direct.stdout);
    secrets.add(output.SecretAccessKey).add(output.SessionToken);
    expect(output).toEqual({
      Version: 1,
      AccessKeyId: expect.stringMatching(/^ASIAEMU/),
      SecretAccessKey: expect.any(String),
      SessionToken: expect.any(String),
      Expiration: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      AccountId: "123456789012",
    });
    // whoami resolves via-process through the SDK's credential_process support, which runs the CLI above.
    expect(whoami.status).toBe(0);
    expect(JSON.parse(whoami.stdout)).toEqual({
      UserId: expect.stringMatching(/^AROA/),
      Account: "123456789012",
      Arn: expect.stringMatching(/^arn:aws:sts::123456789012:assumed-role\/Admin\//),
    });
  });

  it("fails clearly, at once, for a profile whose credential_process leads back to itself", async () => {
    const [selfref, cycle] = await Promise.all([cli(["credential-process", "--profile", "selfref"]), cli(["export", "--profile", "loop-a"])]);
    expect(selfref).toMatchObject({ status: 1, stdout: "" });
    expect(selfref.stderr).toMatch(/^aws-profile-credentials: CREDENTIAL_PROCESS_LOOP: profile "selfref" leads back to itself through credential_process \(selfref -> selfref\)/m);
    expect(cycle).toMatchObject({ status: 1, stdout: "" });
    expect(cycle.stderr).toContain("(loop-a -> loop-b -> loop-a)");
  });

  it("stops a loop through a wrapper script at the first nested run", async () => {
    const run = await cli(["credential-process", "--profile", "wrapped"]);
    expect(run).toMatchObject({ status: 1, stdout: "" });
    // Each line is one nested CLI run, stopped by the inherited marker before it ran the wrapper again.
    // (The SDK's default chain tries credential_process twice: from fromIni, then from fromProcess.)
    expect(await readFile(join(world.home, "wrap.log"), "utf8")).toMatch(/^(run\n){1,2}$/);
  });
});

describe("explain (built CLI)", () => {
  it("prints the plan and the cache status of each hop, with no secret and no STS call", async () => {
    const cacheDir = join(world.home, ".aws", "cli", "cache");
    await mkdir(cacheDir, { recursive: true });
    const expiration = new Date(Date.now() + 60 * 60_000);
    await writeFile(
      join(cacheDir, `${ADMIN_KEY}.json`),
      serializeCacheEntry({ credentials: { accessKeyId: "ASIACACHED0000000042", secretAccessKey: CACHED_SECRET, sessionToken: CACHED_TOKEN, expiration } }),
    );
    const callsBefore = world.sts.calls.length;
    const [text, json] = await Promise.all([cli(["explain", "--profile", "deploy"]), cli(["explain", "--profile", "deploy", "--json", "--duration-seconds", "3600"])]);
    expect(world.sts.calls.length).toBe(callsBefore);
    expect(text.status).toBe(0);
    const lines = text.stdout.split("\n");
    expect(lines.slice(0, 4)).toEqual(["profile: deploy", "chain: deploy -> admin -> base", `1. static keys of profile "base": access key AKID…0001`, `2. assume role ${role("Admin")} (profile "admin")`]);
    expect(text.stdout).toMatch(/cache: usable for 44m \d\ds, until \S+Z \(ASIA…0042\)/);
    expect(text.stdout).toContain(`cache file: ${join(cacheDir, `${ADMIN_KEY}.json`)}`);
    expect(text.stdout).toContain(`3. assume role ${role("Deploy")} (profile "deploy")\n     mfa_serial: ${MFA_SERIAL}\n     external_id: ext-42\n`);
    expect(text.stdout).toContain("     cache: none\n");

    expect(json.status).toBe(0);
    const inspection = JSON.parse(json.stdout);
    expect(inspection).toMatchObject({ resolution: "plan", steps: [{ kind: "staticKeys" }, { cache: { state: "usable", key: ADMIN_KEY } }, { durationSeconds: 3600, cache: { state: "none" } }] });
    for (const output of [text.stdout, json.stdout]) {
      for (const secret of secrets) expect(output).not.toContain(secret);
      expect(output).not.toContain(BASE.accessKeyId);
    }
  });
});

describe("whoami (built CLI)", () => {
  it("prints the account, ARN and user id of the assumed role", async () => {
    // --no-cache: the explain test above planted a hand-made admin session in the disk cache.
    const run = await cli(["whoami", "--profile", "admin", "--no-cache"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Account: 123456789012\nArn:     arn:aws:sts::123456789012:assumed-role\/Admin\/\S+\nUserId:  AROA\S+\n$/);
  });
});

describe("the MFA prompt (built CLI)", () => {
  it("asks on the terminal, keeps stdout for the exports, and uses the code (the code never shows, --debug included)", async () => {
    const out = join(world.home, "mfa-export.txt");
    const { child, stdout, finished } = startOnTerminal(`node ${sh(CLI)} export --profile m --debug > ${sh(out)}`, cliEnv(world));
    await waitFor(stdout, `Enter MFA code for ${MFA_SERIAL}: `);
    child.stdin!.write("234567\r");
    const { status, stdout: terminal } = await finished;
    expect(status).toBe(0);
    expect(terminal).toContain(`needs an MFA code for ${MFA_SERIAL}`);
    // The code is also a substring of the account id 123456789012, which the debug lines name.
    expect(terminal.replaceAll("123456789012", "")).not.toContain("234567");
    const exported = await readFile(out, "utf8");
    expect(exported).toMatch(/^export AWS_ACCESS_KEY_ID='ASIAEMU[A-Z2-7]+'\n/);
    expect(exported).not.toContain("MFA");
    const call = world.sts.callsTo("AssumeRole").find((c) => c.params.RoleArn === role("Mfa"))!;
    expect(call).toMatchObject({ outcome: "ok", params: expect.objectContaining({ SerialNumber: MFA_SERIAL }) });
  }, 15_000);
});
