// npm run demo: the library's main job, offline. Starts the bundled STS emulator on 127.0.0.1, writes a
// sample ~/.aws config with a 2-hop role chain and an MFA role into a temporary HOME, resolves both with
// fromProfileWithRoleAssumption(), calls GetCallerIdentity with the result, prints every STS call, then
// shows the CLI: `explain` (the plan and the sessions now in the shared ~/.aws/cli/cache) and `whoami`
// from a new process, which reuses the cached session instead of calling STS again.
import { spawn } from "node:child_process";
import { readdir } from "node:fs/promises";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromProfileWithRoleAssumption } from "../dist/index.js";
import { CONFIG, MFA_CODE, REGION, cacheDirOf, enterSandbox, openSampleWorld } from "./sample-world.mjs";

const world = await openSampleWorld("demo");
const { sts } = world;
const home = await world.makeHome("home");
// Everything the SDK and the library read from the environment points into the sandbox.
enterSandbox(world.env(home));

const say = (line = "") => process.stdout.write(`${line}\n`);
say(`STS emulator listening on ${sts.endpoint} (loopback only)`);
say(`~/.aws/config in ${home}:\n${CONFIG.trimEnd().replace(/^/gm, "  ")}\n`);

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
  const client = new STSClient({ region: REGION, credentials });
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
      say(`  (demo) MFA code requested for ${mfaSerial}; answering ${MFA_CODE}`);
      return MFA_CODE;
    },
  });
  say();
  say(`~/.aws/cli/cache now holds ${(await readdir(cacheDirOf(home))).length} sessions, in the AWS CLI's format.`);
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
  await world.close();
}
