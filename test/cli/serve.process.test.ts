// The built CLI's `serve` as a real process against the STS emulator: the printed statements, evaluated
// by a shell, give an SDK client there the role's identity; --lazy resolves at the first request; SIGTERM
// and SIGINT stop it cleanly (exit 0, the port closed).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENV_USER, type RoleWorld } from "../support/role-world.js";
import { ADMIN_ARN, startServerWorld } from "./server-world.js";
import { assertBuilt, CLI, cliEnv, runShell, start, waitFor } from "./cli-process.js";

let world: RoleWorld;

beforeAll(async () => {
  assertBuilt();
  world = await startServerWorld();
});
afterAll(() => world?.close());

const serve = (args: string[]) => start(process.execPath, [CLI, "serve", "--profile", "admin", ...args], cliEnv(world));

const NODE_SDK_ARN =
  "const { STSClient, GetCallerIdentityCommand } = require('@aws-sdk/client-sts');" +
  "new STSClient({}).send(new GetCallerIdentityCommand({})).then((r) => console.log(r.Arn));";

describe("serve (built CLI)", () => {
  it("prints statements that point a shell's SDK clients at it, past AWS keys and a [default] with keys, and stops on SIGTERM", async () => {
    const run = serve([]);
    await waitFor(run.output, "unset AWS_ROLE_SESSION_NAME\n");
    const exports = run.output();
    expect(exports).toMatch(/^export AWS_CONTAINER_CREDENTIALS_FULL_URI='http:\/\/127\.0\.0\.1:\d+\/credentials'$/m);
    expect(exports).toMatch(/^export AWS_CONTAINER_AUTHORIZATION_TOKEN='[\w-]{43}'$/m);
    expect(exports).toContain("export AWS_REGION='eu-west-1'\n");
    expect(exports).toContain("unset AWS_ACCESS_KEY_ID\n");

    const shell = await runShell(
      'eval "$EXPORTS"; "$NODE" -e "$SCRIPT"',
      cliEnv(world, { EXPORTS: exports, NODE: process.execPath, SCRIPT: NODE_SDK_ARN, AWS_ACCESS_KEY_ID: ENV_USER.accessKeyId, AWS_SECRET_ACCESS_KEY: ENV_USER.secretAccessKey }),
    );
    expect(shell.stderr).toBe("");
    expect(shell.stdout).toMatch(ADMIN_ARN);

    run.child.kill("SIGTERM");
    const finished = await run.finished;
    expect(finished).toMatchObject({ status: 0, signal: null });
    expect(finished.stderr).toMatch(/serving credentials of profile "admin" at http:\/\/127\.0\.0\.1:\d+\/credentials/);
    expect(finished.stderr).toContain("SIGTERM: stopped serving");
    const url = /^export AWS_CONTAINER_CREDENTIALS_FULL_URI='(.*)'$/m.exec(exports)?.[1];
    await expect(fetch(url!)).rejects.toThrow();
  });

  it("with --lazy resolves at the first request, not before, and stops on SIGINT", async () => {
    const before = world.sts.callsTo("AssumeRole").length;
    const run = serve(["--lazy", "--no-cache", "--format", "json"]);
    await waitFor(run.output, "}\n");
    const variables = JSON.parse(run.output()) as Record<string, string>;
    expect(variables).not.toHaveProperty("AWS_REGION");
    expect(world.sts.callsTo("AssumeRole")).toHaveLength(before);

    const response = await fetch(variables.AWS_CONTAINER_CREDENTIALS_FULL_URI!, { headers: { authorization: variables.AWS_CONTAINER_AUTHORIZATION_TOKEN! } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { AccessKeyId: string }).AccessKeyId).toBe(world.sts.callsTo("AssumeRole")[before]?.issuedAccessKeyId);
    expect(world.sts.callsTo("AssumeRole")).toHaveLength(before + 1);

    run.child.kill("SIGINT");
    const finished = await run.finished;
    expect(finished).toMatchObject({ status: 0, signal: null });
    expect(finished.stderr).toContain("SIGINT: stopped serving");
  });
});
