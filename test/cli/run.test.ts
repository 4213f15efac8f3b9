// run(argv, io) in process: usage errors and help texts, and each command over real profile files with a
// scripted STS (the built CLI against the STS emulator is covered by the *.process.test.ts files).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { COMMAND_USAGE, OVERVIEW } from "../../src/cli/usage.js";
import { RESOLVING_ENV } from "../../src/cli/resolve-cli-credentials.js";
import { runChecked } from "../support/run-node.js";
import { sandboxHome, type SandboxHome } from "../support/sandbox-home.js";
import { fakeIo, scriptedSts } from "./fake-io.js";

const ADMIN = "arn:aws:iam::123456789012:role/Admin";
const BASE_SECRET = "CANARY-run-base-secret";
/** Values a shell would expand, split or execute if they were not quoted. */
const AWKWARD = {
  accessKeyId: "ASIAFAKE000000000001",
  secretAccessKey: `it's a "secret" $(id) \`id\` $HOME \\ ; & | * ? ~ %PATH% !x {a,b}`,
  sessionToken: "token with\nnewline and 'quotes' and trailing space ",
};
// Whole seconds, two hours from now: the provider rejects credentials that are already expired.
const EXPIRATION = new Date(Math.floor(Date.now() / 1000) * 1000 + 2 * 3600_000);
const EXPIRATION_TEXT = EXPIRATION.toISOString().replace(".000Z", "Z");

let sandbox: SandboxHome;
let env: Record<string, string>;

beforeEach(async () => {
  sandbox = await sandboxHome({ prefix: "apc-run-" });
  await sandbox.config(
    `[profile admin]\nrole_arn = ${ADMIN}\nsource_profile = base\nregion = eu-west-1\n` +
      `[profile noregion]\nrole_arn = ${ADMIN}\nsource_profile = base\n` +
      `[profile broken]\nrole_arn = ${ADMIN}\nsource_profile = missing\n` +
      `[profile self]\ncredential_process = npx aws-profile-credentials credential-process --profile self\n`,
  );
  await sandbox.credentials(`[base]\naws_access_key_id = AKIDBASE0000000000001\naws_secret_access_key = ${BASE_SECRET}\n`);
  env = sandbox.env({ PATH: process.env.PATH ?? "", AWS_PROFILE: "someone-else" });
});
afterEach(() => sandbox.remove());

function withSts() {
  const script = scriptedSts(AWKWARD, EXPIRATION);
  return { script, ...fakeIo(env, { deps: { createSts: script.createSts } }) };
}

describe("run: usage", () => {
  it.each([
    [[], "missing command"],
    [["bogus"], 'unknown command "bogus"'],
    [["--bogus"], "unknown option --bogus before the command"],
    [["export", "--bogus"], "unknown option --bogus\n"],
    [["export", "--shell", "sh"], "unknown option --shell\n"],
    [["export", "--profle", "admin"], "unknown option --profle (did you mean --profile?)"],
    [["whoami", "--jsno"], "unknown option --jsno (did you mean --json?)"],
    [["exprot"], 'unknown command "exprot" (did you mean "export"?)'],
    [["help", "lsit"], 'unknown command "lsit" (did you mean "list"?)'],
    [["export", "extra"], 'unexpected argument "extra"'],
    [["export", "--format", "zsh"], "--format must be one of env, fish, powershell, cmd, dotenv, json"],
    [["export", "--profile"], "Option '-p, --profile <value>' argument missing"],
    [["export", "--profile", ""], "--profile needs a value"],
    [["whoami", "--duration-seconds", "899"], "--duration-seconds must be a whole number from 900 to 43200"],
    [["whoami", "--duration-seconds", "1h"], '--duration-seconds must be a whole number from 900 to 43200, got "1h"'],
    [["exec", "--profile", "admin"], "missing the command to run"],
    [["exec", "--server", "--no-server", "--", "env"], "--server and --no-server cannot both be given"],
    [["serve", "--port", "0"], '--port must be a whole number from 1 to 65535, got "0"'],
    [["serve", "--port", "http"], '--port must be a whole number from 1 to 65535, got "http"'],
    [["serve", "--format", "zsh"], "--format must be one of env, fish, powershell, cmd, dotenv, json"],
    [["help", "nope"], 'unknown command "nope"'],
  ])("exits 2 for %j, naming the problem on stderr only", async (argv, message) => {
    const { io, stdout, stderr } = fakeIo(env);
    expect(await run(argv, io)).toBe(2);
    expect(stdout()).toBe("");
    expect(stderr()).toContain(`aws-profile-credentials: ${message}`);
    expect(stderr()).toMatch(/Run "aws-profile-credentials (\S+ )?--help" for usage\.\n$/);
  });

  it.each([
    [["--help"], OVERVIEW],
    [["-h"], OVERVIEW],
    [["help"], OVERVIEW],
    [["help", "exec"], COMMAND_USAGE.exec],
    [["export", "--help"], COMMAND_USAGE.export],
    [["credential-process", "-h"], COMMAND_USAGE["credential-process"]],
    [["explain", "--profile", "admin", "--help"], COMMAND_USAGE.explain],
    [["whoami", "--help"], COMMAND_USAGE.whoami],
    [["serve", "--help"], COMMAND_USAGE.serve],
    [["list", "--help"], COMMAND_USAGE.list],
  ])("prints help for %j on stdout and exits 0", async (argv, text) => {
    const { io, stdout, stderr } = fakeIo(env);
    expect(await run(argv, io)).toBe(0);
    expect(stdout()).toBe(text);
    expect(stderr()).toBe("");
  });

  it("documents every command and option in the overview", () => {
    for (const word of ["export", "exec", "serve", "credential-process", "explain", "whoami", "list", "logout", "--version", "--profile", "--region", "--no-cache", "--duration-seconds"]) {
      expect(OVERVIEW).toContain(word);
    }
    for (const format of ["env", "fish", "powershell", "cmd", "dotenv", "json"]) expect(COMMAND_USAGE.export).toContain(format);
    for (const option of ["--server", "--no-server", "AWS_PROFILE_CREDENTIALS_EXEC_SERVER"]) expect(COMMAND_USAGE.exec).toContain(option);
    for (const option of ["--lazy", "--port", "--format"]) expect(COMMAND_USAGE.serve).toContain(option);
  });

  it("never tells users to run the command through npx in a credential_process line (help and README)", async () => {
    const readme = await readFile(join(__dirname, "..", "..", "README.md"), "utf8");
    const lines = [...Object.values(COMMAND_USAGE), OVERVIEW, readme].flatMap((text) => text.split("\n")).filter((line) => /credential_process\s*=/.test(line));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(line).not.toMatch(/credential_process\s*=\s*npx/);
  });

  it("prints the package version", async () => {
    const { io, stdout } = fakeIo(env);
    expect(await run(["--version"], io)).toBe(0);
    expect(stdout()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe("run: commands", () => {
  it("exports quoted values that sh reads back exactly, unsets AWS_PROFILE and sets the profile's region", async () => {
    const { io, stdout, stderr, script } = withSts();
    expect(await run(["export", "--profile", "admin"], io)).toBe(0);
    expect(stderr()).toBe("");
    const shell = await runChecked("sh", ["-c", `${stdout()}\nprintf '%s\\0' "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" "$AWS_CREDENTIAL_EXPIRATION" "$AWS_REGION" "\${AWS_PROFILE-unset}"`], {
      env: { AWS_PROFILE: "admin", PATH: env.PATH },
    });
    expect(shell.stdout.split("\0")).toEqual([AWKWARD.secretAccessKey, AWKWARD.sessionToken, EXPIRATION_TEXT, "eu-west-1", "unset", ""]);
    expect(script.requests).toEqual([expect.objectContaining({ RoleArn: ADMIN })]);
  });

  it("leaves AWS_REGION alone when neither the profile nor --region has one", async () => {
    const { io, stdout } = withSts();
    expect(await run(["export", "--profile", "noregion", "--format", "json"], io)).toBe(0);
    expect(Object.keys(JSON.parse(stdout()))).toEqual(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION"]);
    const withRegion = withSts();
    expect(await run(["export", "-p", "noregion", "-f", "json", "--region", "ap-south-1"], withRegion.io)).toBe(0);
    expect(JSON.parse(withRegion.stdout())).toMatchObject({ AWS_REGION: "ap-south-1" });
  });

  it("refuses a format that cannot hold a value, without printing any credential", async () => {
    const { io, stdout, stderr } = withSts();
    expect(await run(["export", "--profile", "admin", "--format", "cmd"], io)).toBe(1);
    expect(stdout()).toBe("");
    expect(stderr()).toMatch(/^aws-profile-credentials: UNQUOTABLE_VALUE: cannot write --format cmd: AWS_SECRET_ACCESS_KEY holds/);
    expect(stderr()).not.toContain(AWKWARD.secretAccessKey);
  });

  it("passes --duration-seconds to the outermost role", async () => {
    const { io, script } = withSts();
    expect(await run(["credential-process", "--profile", "admin", "--duration-seconds", "7200"], io)).toBe(0);
    expect(script.requests[0]).toMatchObject({ RoleArn: ADMIN, DurationSeconds: 7200 });
  });

  it("prints credential_process JSON, Version 1 with Expiration and AccountId", async () => {
    const { io, stdout, inherited } = withSts();
    expect(await run(["credential-process", "--profile", "admin"], io)).toBe(0);
    expect(JSON.parse(stdout())).toEqual({
      Version: 1,
      AccessKeyId: AWKWARD.accessKeyId,
      SecretAccessKey: AWKWARD.secretAccessKey,
      SessionToken: AWKWARD.sessionToken,
      Expiration: EXPIRATION_TEXT,
      AccountId: "123456789012",
    });
    expect(stdout().trimEnd().split("\n")).toHaveLength(1);
    expect(JSON.parse(inherited[RESOLVING_ENV] as string)).toEqual(["admin"]);
  });

  it("refuses a profile an enclosing aws-profile-credentials is already resolving", async () => {
    const script = scriptedSts(AWKWARD, EXPIRATION);
    const { io, stdout, stderr } = fakeIo({ ...env, [RESOLVING_ENV]: '["ci","admin"]' }, { deps: { createSts: script.createSts } });
    expect(await run(["credential-process", "--profile", "admin"], io)).toBe(1);
    expect(stdout()).toBe("");
    expect(stderr()).toMatch(/^aws-profile-credentials: CREDENTIAL_PROCESS_LOOP: profile "admin" leads back to itself through credential_process \(ci -> admin -> admin\)/);
    expect(script.requests).toEqual([]);
  });

  it("refuses a credential_process that runs this CLI for its own profile, before running it", async () => {
    const { io, stderr } = fakeIo(env);
    expect(await run(["export", "--profile", "self"], io)).toBe(1);
    expect(stderr()).toContain("CREDENTIAL_PROCESS_LOOP: profile \"self\" leads back to itself through credential_process (self -> self)");
  });

  it("prints who the credentials belong to", async () => {
    const calls: [string, string][] = [];
    const { io, stdout } = fakeIo(env, {
      deps: { createSts: scriptedSts(AWKWARD, EXPIRATION).createSts },
      getCallerIdentity: async (credentials, region) => {
        calls.push([credentials.accessKeyId, region]);
        return { Account: "123456789012", Arn: "arn:aws:sts::123456789012:assumed-role/Admin/s", UserId: "AROAFAKE:s" };
      },
    });
    expect(await run(["whoami", "--profile", "admin"], io)).toBe(0);
    expect(stdout()).toBe("Account: 123456789012\nArn:     arn:aws:sts::123456789012:assumed-role/Admin/s\nUserId:  AROAFAKE:s\n");
    expect(calls).toEqual([[AWKWARD.accessKeyId, "eu-west-1"]]);
  });

  it("exits 1 with the error code for a broken profile, printing nothing on stdout", async () => {
    const { io, stdout, stderr } = withSts();
    expect(await run(["export", "--profile", "broken"], io)).toBe(1);
    expect(stdout()).toBe("");
    expect(stderr()).toMatch(/^aws-profile-credentials: SOURCE_PROFILE_NOT_FOUND: .*"missing".*\n$/);
    expect(stderr().split("\n")).toHaveLength(2);
  });

  it("prints the library's one MFA_CODE_REQUIRED message, naming the three ways and the shared cache, when there is no terminal", async () => {
    await sandbox.config(`[profile m]\nrole_arn = ${ADMIN}\nsource_profile = base\nmfa_serial = arn:aws:iam::111111111111:mfa/me\n`);
    const { io, stderr } = withSts();
    expect(await run(["export", "--profile", "m"], io)).toBe(1);
    expect(stderr()).toBe(
      "aws-profile-credentials: MFA_CODE_REQUIRED: Profile m requires multi-factor authentication, but no MFA code callback was provided. " +
        "No terminal is available to ask on. Supply the code in one of three ways: the mfaCodeProvider option; " +
        'mfa_process in profile "m" (a command that prints the code); or a terminal, where you are prompted. ' +
        "Or run `aws-profile-credentials export --profile m` once in a terminal: the session it caches in the shared AWS CLI cache is used here until it expires.\n",
    );
  });

  it("explains without calling STS, as text or JSON, with no secret", async () => {
    const { io, stdout, script } = withSts();
    expect(await run(["explain", "--profile", "admin", "--region", "us-west-1"], io)).toBe(0);
    expect(stdout()).toContain("region: us-west-1\nchain: admin -> base\n1. static keys of profile \"base\": access key AKID…0001\n");
    const json = withSts();
    expect(await run(["explain", "--profile", "admin", "--json", "--no-cache"], json.io)).toBe(0);
    expect(JSON.parse(json.stdout())).toMatchObject({ resolution: "plan", cache: { enabled: false }, steps: [{}, { cache: { state: "disabled" } }] });
    expect(script.requests).toEqual([]);
    expect(stdout() + json.stdout()).not.toContain(BASE_SECRET);
  });
});
