// Acceptance for the sandbox: the README's testing example, run as a user runs it (a child vitest over the
// built package), with HOME pointing at a folder that looks like a real home: role profiles in
// ~/.aws/config, keys in ~/.aws/credentials, live sessions in ~/.aws/cli/cache (one of them for the very
// role the example assumes), and real-looking AWS_* variables in the environment. That folder must come
// out byte-for-byte unchanged, and the example's own assertions must pass.
import { createHash } from "node:crypto";
import { mkdir, readFile, readdir, realpath, symlink, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assumeRoleCacheKey } from "../../src/cache/cache-key.js";
import { assertBuilt, ROOT, runNode } from "../support/run-node.js";
import { removeTempDirs, tempDir } from "../support/sandbox-home.js";

const README = join(ROOT, "README.md");
const DEPLOY = "arn:aws:iam::222222222222:role/Deploy";
const TIMEOUT_MS = 90_000;

let work = "";
let realHome = "";
let project = "";

/** The first ```ts block of the README's Testing section. */
async function readmeExample(): Promise<string> {
  const text = await readFile(README, "utf8");
  const section = text.slice(text.indexOf("## Testing your role setups offline"));
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error("README.md: no ```ts block in the Testing section");
  return block;
}

/** sha256 of every file under `dir`, by relative path; directories listed too, so an added one shows. */
async function fingerprint(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    const key = relative(dir, path);
    result[key] = entry.isDirectory() ? "<dir>" : createHash("sha256").update(await readFile(path)).digest("hex");
  }
  return result;
}

/** A session file as the AWS CLI writes it, valid for another 6 hours. */
function cliSession(accessKeyId: string, roleArn: string): string {
  const expiration = new Date(Date.now() + 6 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, "+00:00");
  return JSON.stringify({
    Credentials: { AccessKeyId: accessKeyId, SecretAccessKey: "real/looking/secret/key/0123456789abcdef", SessionToken: "FwoGZXIvYXdzEJr//////////real-looking-token", Expiration: expiration },
    AssumedRoleUser: { AssumedRoleId: "AROAREALLOOKING000001:botocore-session-1", Arn: `${roleArn.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/")}/botocore-session-1` },
    ResponseMetadata: { RequestId: "4f1c3b0e-0000-0000-0000-000000000000", HTTPStatusCode: 200 },
  });
}

async function writeRealLookingHome(home: string): Promise<void> {
  const aws = join(home, ".aws");
  await mkdir(join(aws, "cli", "cache"), { recursive: true });
  await mkdir(join(aws, "sso", "cache"), { recursive: true });
  // The same profile names as the README example, pointing at "real" roles: a leak would use these.
  await writeFile(
    join(aws, "config"),
    "[default]\nregion = eu-central-1\n\n" +
      `[profile base]\nregion = eu-central-1\n\n[profile deploy]\nrole_arn = ${DEPLOY}\nsource_profile = base\n\n` +
      "[profile prod]\nrole_arn = arn:aws:iam::999999999999:role/OrganizationAccountAccessRole\nsource_profile = base\nmfa_serial = arn:aws:iam::111111111111:mfa/me\n",
  );
  await writeFile(join(aws, "credentials"), "[base]\naws_access_key_id = AKIAREALLOOKING00001\naws_secret_access_key = real/looking/base/secret/0123456789abcd\n");
  const cache = join(aws, "cli", "cache");
  // The entry the example's role would hit if the sandbox let the library use this cache.
  await writeFile(join(cache, `${assumeRoleCacheKey({ RoleArn: DEPLOY })}.json`), cliSession("ASIAREALLOOKING00001", DEPLOY));
  const prod = "arn:aws:iam::999999999999:role/OrganizationAccountAccessRole";
  await writeFile(join(cache, `${assumeRoleCacheKey({ RoleArn: prod, SerialNumber: "arn:aws:iam::111111111111:mfa/me" })}.json`), cliSession("ASIAREALLOOKING00002", prod));
  await writeFile(join(aws, "sso", "cache", "0123456789abcdef0123456789abcdef01234567.json"), '{"accessToken": "real-looking-sso-token"}');
}

/** A consumer project: the example as a test file, the package and its peers linked in node_modules. */
async function writeProject(dir: string, example: string): Promise<void> {
  await mkdir(join(dir, "node_modules"), { recursive: true });
  await symlink(ROOT, join(dir, "node_modules", "aws-profile-credentials"), "dir");
  for (const name of ["vitest", "@aws-sdk"]) await symlink(join(ROOT, "node_modules", name), join(dir, "node_modules", name), "dir");
  await writeFile(join(dir, "deploy.test.ts"), example);
  // No isolation of our own besides the loopback guard: the sandbox alone must keep the real home safe.
  await writeFile(
    join(dir, "vitest.config.mjs"),
    `export default { test: { include: ["*.test.ts"], setupFiles: [${JSON.stringify(join(ROOT, "test", "support", "loopback-guard.ts"))}], testTimeout: 30000 } };\n`,
  );
}

async function runVitest(cwd: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; output: string }> {
  const vitest = join(ROOT, "node_modules", "vitest", "vitest.mjs");
  const args = [vitest, "run", "--root", cwd, "--config", join(cwd, "vitest.config.mjs"), "--reporter=json", "--outputFile", join(cwd, "report.json")];
  const { status, output } = await runNode(args, env, { cwd });
  return { status, output };
}

beforeAll(async () => {
  assertBuilt(join(ROOT, "dist", "testing.cjs"));
  work = await realpath(await tempDir("apc-readme-suite-"));
  realHome = join(work, "home");
  project = join(work, "project");
  await writeRealLookingHome(realHome);
  await writeProject(project, await readmeExample());
});

afterAll(removeTempDirs);

describe("the README's testing example, run in a user's shell", () => {
  it("passes and leaves the real home folder byte-for-byte unchanged", async () => {
    const before = await fingerprint(realHome);
    expect(Object.keys(before).filter((path) => path.startsWith(join(".aws", "cli", "cache")) && path.endsWith(".json"))).toHaveLength(2);

    const { status, output } = await runVitest(project, {
      PATH: process.env.PATH,
      TMPDIR: work,
      HOME: realHome,
      USERPROFILE: realHome,
      // A shell set up for real work: each of these would reach real credentials or real STS if kept.
      AWS_PROFILE: "deploy",
      AWS_REGION: "eu-central-1",
      AWS_ACCESS_KEY_ID: "AKIAREALLOOKING00009",
      AWS_SECRET_ACCESS_KEY: "real/looking/env/secret/0123456789abcdef",
      AWS_CONFIG_FILE: join(realHome, ".aws", "config"),
      AWS_SHARED_CREDENTIALS_FILE: join(realHome, ".aws", "credentials"),
      AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true",
      AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://127.0.0.1:9/creds",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    });

    const report = JSON.parse(await readFile(join(project, "report.json"), "utf8")) as { numPassedTests: number; numFailedTests: number; numTotalTests: number };
    const example = await readmeExample();
    expect({ status, report: { passed: report.numPassedTests, failed: report.numFailedTests } }, output).toEqual({
      status: 0,
      report: { passed: example.match(/^it\(/gm)?.length, failed: 0 },
    });
    expect(report.numPassedTests).toBeGreaterThanOrEqual(2);
    expect(await fingerprint(realHome)).toEqual(before);
    // Every sandbox home was removed again.
    expect((await readdir(work)).sort()).toEqual(["home", "project"]);
  }, TIMEOUT_MS);
});
