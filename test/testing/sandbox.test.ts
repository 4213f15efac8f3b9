// createSandbox(): the files it writes, the variables it sets and clears, real SDK clients and the
// provider reaching only its emulator, and exact restoration on close() / `await using`.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fromProfileWithRoleAssumption } from "../../src/index.js";
import { createSandbox, type Sandbox, type SandboxOptions, type StsUser } from "../../src/testing/index.js";
import { CLEARED_VARIABLES } from "../../src/testing/sandbox-env.js";
import { ALICE, ROLES, WEB_TOKEN, testWorld } from "./fixtures.js";

const OPTIONS: SandboxOptions = {
  ...testWorld(),
  profiles: {
    base: { keys: ALICE },
    admin: { role_arn: ROLES.admin, source_profile: "base", region: "eu-west-1", settings: { output: "json" } },
    web: { role_arn: ROLES.web, webIdentityToken: WEB_TOKEN, role_session_name: "web-test" },
  },
  profile: "admin",
};

let open: Sandbox | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});
const sandbox = async (options: SandboxOptions = OPTIONS) => (open = await createSandbox(options));

/** A snapshot of the variables a sandbox touches. */
const touched = () => Object.fromEntries(
  [...CLEARED_VARIABLES, "HOME", "USERPROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_ENDPOINT_URL_STS", "AWS_EC2_METADATA_DISABLED", "AWS_REGION", "EXTRA"].map((k) => [k, process.env[k]]),
);

describe("createSandbox", () => {
  it("writes the profiles as config and credentials files, keys in the credentials file, tokens in files", async () => {
    const sb = await sandbox();
    expect(sb.paths).toEqual({
      config: join(sb.home, ".aws", "config"),
      credentials: join(sb.home, ".aws", "credentials"),
      cacheDir: join(sb.home, ".aws", "cli", "cache"),
      tokens: { web: join(sb.home, "web-identity-tokens", "token-3") },
    });
    expect(await readFile(sb.paths.config, "utf8")).toBe(
      "[profile base]\n\n" +
        `[profile admin]\nrole_arn = ${ROLES.admin}\nsource_profile = base\nregion = eu-west-1\noutput = json\n\n` +
        `[profile web]\nrole_arn = ${ROLES.web}\nrole_session_name = web-test\nweb_identity_token_file = ${sb.paths.tokens.web}\n`,
    );
    expect(await readFile(sb.paths.credentials, "utf8")).toBe(
      `[base]\naws_access_key_id = ${ALICE.accessKeyId}\naws_secret_access_key = ${ALICE.secretAccessKey}\n`,
    );
    expect(await readFile(sb.paths.tokens.web!, "utf8")).toBe(WEB_TOKEN);
    for (const file of [sb.paths.config, sb.paths.credentials, sb.paths.tokens.web!]) {
      expect((await stat(file)).mode & 0o777, file).toBe(0o600);
    }
  });

  it("writes [default] for the default profile", async () => {
    const sb = await sandbox({ users: [ALICE], profiles: { default: { keys: ALICE, region: "us-west-2" } } });
    expect(await readFile(sb.paths.config, "utf8")).toBe("[default]\nregion = us-west-2\n");
    expect(await readFile(sb.paths.credentials, "utf8")).toMatch(/^\[default\]\naws_access_key_id = /);
  });

  it("points the environment at itself and clears every variable that could reach real credentials", async () => {
    for (const key of CLEARED_VARIABLES) vi.stubEnv(key, `real-${key}`);
    vi.stubEnv("HOME", "/home/real");
    vi.stubEnv("AWS_REGION", "ap-south-1");
    const sb = await sandbox({ ...OPTIONS, env: { EXTRA: "1" } });
    const set = {
      HOME: sb.home,
      USERPROFILE: sb.home,
      AWS_CONFIG_FILE: sb.paths.config,
      AWS_SHARED_CREDENTIALS_FILE: sb.paths.credentials,
      AWS_ENDPOINT_URL_STS: sb.sts.endpoint,
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_REGION: "us-east-1",
      AWS_PROFILE: "admin",
      EXTRA: "1",
    };
    expect(sb.env).toEqual(set);
    expect(touched()).toEqual({ ...Object.fromEntries(CLEARED_VARIABLES.map((key) => [key, undefined])), ...set });
    expect(CLEARED_VARIABLES).toEqual(expect.arrayContaining([
      "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
      "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
    ]));
  });

  it("restores every variable exactly on close, deletes home and stops the emulator; close twice is fine", async () => {
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIAREALKEY000000001");
    vi.stubEnv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
    delete process.env.AWS_ENDPOINT_URL_STS;
    const before = touched();
    const sb = await sandbox();
    await sb.close();
    await sb.close();
    expect(touched()).toEqual(before);
    expect(existsSync(sb.home)).toBe(false);
    await expect(fetch(sb.sts.endpoint)).rejects.toThrow();
  });

  it("resolves a role profile with the provider and a plain SDK client, both on the emulator, caching inside home", async () => {
    const sb = await sandbox();
    const credentials = await fromProfileWithRoleAssumption()();
    expect(credentials.accessKeyId).toMatch(/^ASIAEMU/);
    expect(sb.sts.callsTo("AssumeRole")).toMatchObject([{ signedBy: ALICE.accessKeyId, outcome: "ok", region: "eu-west-1" }]);
    expect(await readdir(sb.paths.cacheDir)).toEqual([expect.stringMatching(/^[0-9a-f]{40}\.json$/)]);

    // No endpoint and no credentials given: the SDK's own chain reads AWS_PROFILE and the sandbox's files.
    const who = await new STSClient({}).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toMatch(/^arn:aws:sts::222222222222:assumed-role\/Admin\//);
    const issued = sb.sts.callsTo("AssumeRole").map((call) => call.issuedAccessKeyId);
    expect(issued).toHaveLength(2);
    expect(sb.sts.callsTo("GetCallerIdentity")).toMatchObject([{ outcome: "ok", signedBy: issued[1] }]);
  });

  it("serves a web identity profile from its token file", async () => {
    const sb = await sandbox({ ...OPTIONS, profile: "web" });
    await fromProfileWithRoleAssumption()();
    expect(sb.sts.callsTo("AssumeRoleWithWebIdentity")).toMatchObject([{ outcome: "ok", params: { RoleSessionName: "web-test" } }]);
  });

  it("closes itself at the end of an `await using` scope", async () => {
    const before = touched();
    let home = "";
    {
      await using sb = await createSandbox(OPTIONS);
      home = sb.home;
      expect(process.env.HOME).toBe(home);
    }
    expect(touched()).toEqual(before);
    expect(existsSync(home)).toBe(false);
    await expect(createSandbox(OPTIONS).then((sb) => (open = sb))).resolves.toBeDefined();
  });

  it("refuses a second sandbox while one is open, also when both start at once, and allows one after close", async () => {
    const [first, second] = await Promise.allSettled([createSandbox(OPTIONS), createSandbox(OPTIONS)]);
    expect(first.status).toBe("fulfilled");
    open = (first as PromiseFulfilledResult<Sandbox>).value;
    expect((second as PromiseRejectedResult).reason).toEqual(
      new Error(
        "createSandbox: a sandbox is already open in this process (still starting). A sandbox changes process.env, so two at once " +
          "would overwrite each other's variables: close the first one (await sandbox.close(), or `await using`) before creating " +
          "another, or give each test file its own process",
      ),
    );
    await expect(createSandbox(OPTIONS)).rejects.toThrow(`a sandbox is already open in this process (home ${open.home})`);
    expect(process.env.HOME).toBe(open.home);
    await open.close();
    open = await createSandbox(OPTIONS);
    expect(process.env.HOME).toBe(open.home);
  });

  it.each([
    ["a profile name with a bracket", { profiles: { "a]b": {} } }, 'createSandbox: profile name "a]b" cannot be written'],
    ["a value with a newline", { profiles: { p: { region: "x\n[profile evil]" } } }, "createSandbox: profile p: setting \"region\" cannot be written"],
    ["a user without a secret", { users: [{ accessKeyId: "AKIANOSECRET00000001", arn: "arn:aws:iam::111111111111:user/n" } as StsUser] }, "secretAccessKey is required"],
  ])("fails on %s, leaving the environment, the slot and no folder behind", async (_case, options, message) => {
    const tmp = await mkdtemp(join(tmpdir(), "sandbox-tmp-"));
    vi.stubEnv("TMPDIR", tmp);
    const before = touched();
    await expect(createSandbox(options)).rejects.toThrow(message);
    expect(touched()).toEqual(before);
    expect(await readdir(tmp)).toEqual([]);
    // The slot was released: a good sandbox opens.
    await (await createSandbox(OPTIONS)).close();
    await rm(tmp, { recursive: true });
  });
});
