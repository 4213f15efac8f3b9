// The built CLI's `exec --server` as a real process against the STS emulator: a Node child on the SDK's
// default chain, the AWS CLI v2 and botocore each get the role's identity from the endpoint, with no AWS
// keys in their environment and a [default] profile holding other keys in the user's files; what the
// child's environment holds; AWS_PROFILE_CREDENTIALS_EXEC_SERVER and --no-server; the server's lifetime.
// The AWS CLI v2 and botocore are Debian's (awscli, python3-botocore), run by absolute path: another
// `aws` or `python3` earlier in PATH (pyenv's, say) may be a different version or lack botocore.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENV_USER, BASE, role, type RoleWorld } from "../support/role-world.js";
import { ADMIN_ARN, startServerWorld } from "./server-world.js";
import { assertBuilt, cliEnv, runCli } from "./cli-process.js";

const AWS_CLI_V2 = "/usr/bin/aws";
const DEBIAN_PYTHON = "/usr/bin/python3";

let world: RoleWorld;

beforeAll(async () => {
  assertBuilt();
  world = await startServerWorld();
});
afterAll(() => world?.close());

/** Everything that would win over the endpoint if exec let it through. */
const SHADOWING = {
  AWS_ACCESS_KEY_ID: ENV_USER.accessKeyId,
  AWS_SECRET_ACCESS_KEY: ENV_USER.secretAccessKey,
  AWS_SESSION_TOKEN: "stale-token",
  AWS_SECURITY_TOKEN: "stale-token",
  AWS_CREDENTIAL_EXPIRATION: "2020-01-01T00:00:00Z",
  AWS_PROFILE: "base",
  AWS_DEFAULT_PROFILE: "base",
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/v2/credentials/nope",
  AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: "/nonexistent/token",
  AWS_WEB_IDENTITY_TOKEN_FILE: "/nonexistent/web-token",
  AWS_ROLE_ARN: role("Nope"),
  AWS_ROLE_SESSION_NAME: "nope",
};

const execServer = (command: string[], extra: Record<string, string> = {}) =>
  runCli(["exec", "--server", "--profile", "admin", "--", ...command], cliEnv(world, { ...SHADOWING, ...extra }));

const NODE_SDK_IDENTITY =
  "const { STSClient, GetCallerIdentityCommand } = require('@aws-sdk/client-sts');" +
  "new STSClient({}).send(new GetCallerIdentityCommand({})).then((r) => console.log(JSON.stringify({ Arn: r.Arn })));";

describe("exec --server (built CLI)", () => {
  it("gives a Node child on the SDK's default chain the role's identity through the endpoint", async () => {
    const run = await execServer([process.execPath, "-e", NODE_SDK_IDENTITY]);
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).Arn).toMatch(ADMIN_ARN);
    expect(world.sts.callsTo("GetCallerIdentity").at(-1)?.signedBy).toMatch(/^ASIAEMU/);
  });

  it("gives the AWS CLI v2 the role's identity through the endpoint", async () => {
    const version = await runCli(["exec", "--profile", "admin", "--", AWS_CLI_V2, "--version"], cliEnv(world));
    expect(version.stdout).toMatch(/^aws-cli\/2\./);
    const run = await execServer([AWS_CLI_V2, "sts", "get-caller-identity", "--endpoint-url", world.sts.endpoint, "--output", "json"]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).Arn).toMatch(ADMIN_ARN);
  });

  it("gives botocore the role's identity through the endpoint", async () => {
    const script =
      "import botocore.session, json, sys; " +
      "c = botocore.session.get_session().create_client('sts', region_name='eu-west-1', endpoint_url=sys.argv[1]); " +
      "print(json.dumps({'Arn': c.get_caller_identity()['Arn'], 'method': c._request_signer._credentials.method}))";
    const run = await execServer([DEBIAN_PYTHON, "-c", script, world.sts.endpoint]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ Arn: expect.stringMatching(ADMIN_ARN), method: "container-role" });
  });

  it("leaves nothing in the child's environment that could win over the endpoint, and keeps the rest", async () => {
    const show = `console.log(JSON.stringify(Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("AWS_") || k === "KEEP_ME"))))`;
    const run = await execServer([process.execPath, "-e", show], { KEEP_ME: "kept" });
    expect(run.status).toBe(0);
    const env = JSON.parse(run.stdout) as Record<string, string>;
    for (const name of Object.keys(SHADOWING)) expect(env, name).not.toHaveProperty(name);
    expect(env).toMatchObject({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/credentials$/),
      AWS_CONTAINER_AUTHORIZATION_TOKEN: expect.stringMatching(/^[\w-]{43}$/),
      AWS_CONFIG_FILE: "/dev/null",
      AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
      AWS_REGION: "eu-west-1",
      KEEP_ME: "kept",
    });
    // No secret of any kind reached the child.
    expect(run.stdout).not.toContain(BASE.secretAccessKey);
    expect(run.stdout).not.toContain(ENV_USER.secretAccessKey);
  });

  it("serves only while the command runs", async () => {
    const run = await execServer([process.execPath, "-e", "console.log(process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI)"]);
    expect(run.status).toBe(0);
    await expect(fetch(run.stdout.trim())).rejects.toThrow();
  });

  it("is the default with AWS_PROFILE_CREDENTIALS_EXEC_SERVER=on, and --no-server overrides it", async () => {
    const show = "console.log(JSON.stringify({ uri: Boolean(process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI), key: process.env.AWS_ACCESS_KEY_ID ?? null }))";
    const env = cliEnv(world, { AWS_PROFILE_CREDENTIALS_EXEC_SERVER: "on" });
    const [on, off, bad] = await Promise.all([
      runCli(["exec", "-p", "admin", "--", process.execPath, "-e", show], env),
      runCli(["exec", "--no-server", "-p", "admin", "--", process.execPath, "-e", show], env),
      runCli(["exec", "-p", "admin", "--", process.execPath, "-e", show], cliEnv(world, { AWS_PROFILE_CREDENTIALS_EXEC_SERVER: "maybe" })),
    ]);
    expect(JSON.parse(on.stdout)).toEqual({ uri: true, key: null });
    expect(JSON.parse(off.stdout)).toEqual({ uri: false, key: expect.stringMatching(/^ASIAEMU/) });
    expect(bad).toMatchObject({ status: 1, stdout: "" });
    expect(bad.stderr).toContain('aws-profile-credentials: INVALID_ENVIRONMENT: AWS_PROFILE_CREDENTIALS_EXEC_SERVER must be "on" or "off", got "maybe"');
  });

  it("resolves before starting the command: a profile that cannot be resolved runs nothing", async () => {
    const run = await runCli(["exec", "--server", "--profile", "nope", "--", "sh", "-c", "echo ran"], cliEnv(world));
    expect(run).toMatchObject({ status: 1, stdout: "" });
    expect(run.stderr).toMatch(/^aws-profile-credentials: PROFILE_NOT_FOUND: /m);
  });
});
