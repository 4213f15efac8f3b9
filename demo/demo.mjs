// npm run demo: the library's main job, offline. Starts the bundled STS emulator on 127.0.0.1, writes a
// sample ~/.aws config with a 2-hop role chain and an MFA role into a temporary HOME, resolves both with
// fromProfileWithRoleAssumption(), calls GetCallerIdentity with the result, prints every STS call, then
// shows the CLI: `explain` (the plan and the sessions now in the shared ~/.aws/cli/cache) and `whoami`
// from a new process, which reuses the cached session instead of calling STS again.
import { spawn } from "node:child_process";
import { mkdtemp, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromProfileWithRoleAssumption } from "../dist/index.js";
import { startLocalSts } from "../dist/testing.js";

const base = { accessKeyId: "AKIADEMOBASE00000001", secretAccessKey: "demo-base-secret", arn: "arn:aws:iam::111111111111:user/alice" };
const role = (name) => `arn:aws:iam::222222222222:role/${name}`;
const serial = "arn:aws:iam::111111111111:mfa/alice";

const sts = await startLocalSts({
  users: [base],
  roles: [
    { arn: role("Developer"), trust: [base.arn] },
    { arn: role("Deployer"), trust: [role("Developer")] },
    { arn: role("Admin"), trust: [base.arn], mfaRequired: true },
  ],
  mfaDevices: [{ serial, codes: ["123456"] }],
});
const home = await mkdtemp(join(tmpdir(), "aws-profile-credentials-demo-"));
await mkdir(join(home, ".aws"));
await writeFile(join(home, ".aws", "credentials"), `[alice]\naws_access_key_id = ${base.accessKeyId}\naws_secret_access_key = ${base.secretAccessKey}\n`);
const config = `[profile developer]
role_arn = ${role("Developer")}
source_profile = alice

[profile deployer]
role_arn = ${role("Deployer")}
source_profile = developer
region = eu-west-1

[profile admin]
role_arn = ${role("Admin")}
source_profile = alice
mfa_serial = ${serial}
`;
await writeFile(join(home, ".aws", "config"), config);
// Everything the SDK and the library read from the environment points into the sandbox.
for (const key of Object.keys(process.env)) if (key.startsWith("AWS_")) delete process.env[key];
Object.assign(process.env, {
  HOME: home,
  AWS_ENDPOINT_URL_STS: sts.endpoint,
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
});

const say = (line = "") => process.stdout.write(`${line}\n`);
say(`STS emulator listening on ${sts.endpoint} (loopback only)`);
say(`~/.aws/config in ${home}:\n${config.trimEnd().replace(/^/gm, "  ")}\n`);

/** Runs the built CLI in a child process (asynchronously: the emulator answers from this process). */
function cli(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [new URL("../dist/cli.js", import.meta.url).pathname, ...args], { env: process.env });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (out += chunk));
    child.on("error", reject);
    child.on("close", (status) => (status === 0 ? resolve(out.trimEnd()) : reject(new Error(`aws-profile-credentials ${args[0]} exited ${status}: ${out}`))));
  });
}

async function whoami(profile, options = {}) {
  const credentials = fromProfileWithRoleAssumption({ profile, ...options });
  const client = new STSClient({ region: "eu-west-1", credentials });
  const before = sts.callsTo("AssumeRole").length;
  const identity = await client.send(new GetCallerIdentityCommand({}));
  await client.send(new GetCallerIdentityCommand({}));
  const assumed = sts.callsTo("AssumeRole").slice(before);
  say(`profile ${profile}: GetCallerIdentity (twice) -> ${identity.Arn}`);
  for (const call of assumed) say(`  AssumeRole ${call.params.RoleArn} signed by ${call.signedBy}${call.params.SerialNumber ? " with MFA" : ""} -> ${call.issuedAccessKeyId}`);
  say(`  ${assumed.length} AssumeRole call(s) for 2 requests: the credentials are memoized until refresh`);
  return assumed.length;
}

try {
  const chainCalls = await whoami("deployer");
  const mfaCalls = await whoami("admin", {
    mfaCodeProvider: async (mfaSerial) => {
      say(`  (demo) MFA code requested for ${mfaSerial}; answering 123456`);
      return "123456";
    },
  });
  say();
  say(`~/.aws/cli/cache now holds ${(await readdir(join(home, ".aws", "cli", "cache"))).length} sessions, in the AWS CLI's format.`);
  say("\n$ npx aws-profile-credentials explain --profile deployer");
  say(await cli(["explain", "--profile", "deployer"]));
  const beforeWhoami = sts.callsTo("AssumeRole").length;
  say("\n$ npx aws-profile-credentials whoami --profile deployer   (a new process)");
  say(await cli(["whoami", "--profile", "deployer"]));
  say(`  AssumeRole calls made by that process: ${sts.callsTo("AssumeRole").length - beforeWhoami} (the disk cache had the session)`);
  say();
  say(`STS calls in total: ${sts.calls.length} (${sts.callsTo("AssumeRole").length} AssumeRole, ${sts.callsTo("GetCallerIdentity").length} GetCallerIdentity)`);
  if (chainCalls !== 2 || mfaCalls !== 1) throw new Error(`unexpected AssumeRole counts: ${chainCalls}, ${mfaCalls}`);
} finally {
  await sts.close();
  await rm(home, { recursive: true, force: true });
}
