// The sample world of `npm run demo` and `npm run bench`: a user (alice, static keys), a 2-hop role chain
// (developer -> deployer) and an MFA role (admin), as the STS emulator's world and as ~/.aws files in
// sandbox HOMEs under one temporary folder. Everything stays on 127.0.0.1: the emulator listens there and
// every environment built here points the SDK and the library at it, with the instance metadata service off.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocalSts } from "../dist/testing.js";

export const REGION = "eu-west-1";
export const MFA_SERIAL = "arn:aws:iam::111111111111:mfa/alice";
export const MFA_CODE = "123456";
export const ALICE = { accessKeyId: "AKIADEMOBASE00000001", secretAccessKey: "demo-base-secret", arn: "arn:aws:iam::111111111111:user/alice" };
export const role = (name) => `arn:aws:iam::222222222222:role/${name}`;

/** The emulator's world: who may assume which role. A fresh object each time (the emulator keeps state). */
export function stsWorld() {
  return {
    users: [ALICE],
    roles: [
      { arn: role("Developer"), trust: [ALICE.arn] },
      { arn: role("Deployer"), trust: [role("Developer")] },
      { arn: role("Admin"), trust: [ALICE.arn], mfaRequired: true },
    ],
    mfaDevices: [{ serial: MFA_SERIAL, codes: [MFA_CODE] }],
  };
}

export const CONFIG = `[profile developer]
role_arn = ${role("Developer")}
source_profile = alice

[profile deployer]
role_arn = ${role("Deployer")}
source_profile = developer
region = ${REGION}

[profile admin]
role_arn = ${role("Admin")}
source_profile = alice
mfa_serial = ${MFA_SERIAL}
`;
export const CREDENTIALS = `[alice]\naws_access_key_id = ${ALICE.accessKeyId}\naws_secret_access_key = ${ALICE.secretAccessKey}\n`;

/**
 * Starts the emulator and makes the temporary folder for sandbox HOMEs. `stsOptions` go to the emulator
 * (a fake clock, for instance). `close()` stops the emulator and removes the folder.
 */
export async function openSampleWorld(name, stsOptions = {}) {
  const sts = await startLocalSts(stsWorld(), stsOptions);
  const scratch = await mkdtemp(join(tmpdir(), `aws-profile-credentials-${name}-`));
  return {
    sts,
    scratch,
    /** A new sandbox HOME, `<scratch>/<homeName>`, holding the sample ~/.aws/config and credentials. */
    async makeHome(homeName) {
      const home = join(scratch, homeName);
      await mkdir(join(home, ".aws"), { recursive: true });
      await writeFile(join(home, ".aws", "config"), CONFIG);
      await writeFile(join(home, ".aws", "credentials"), CREDENTIALS);
      return home;
    },
    /**
     * The whole environment of a process in the sandbox: PATH, HOME and the emulator, nothing else from the
     * caller. Variables such as NODE_OPTIONS or NODE_EXTRA_CA_CERTS (the latter alone adds about 45 ms to
     * every Node start-up on this machine) would change what a child measures.
     */
    env(home, extra = {}) {
      return {
        PATH: process.env.PATH,
        HOME: home,
        AWS_ENDPOINT_URL_STS: sts.endpoint,
        AWS_EC2_METADATA_DISABLED: "true",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
        ...extra,
      };
    },
    /** Empties a sandbox HOME's AWS CLI cache (for a cold start). */
    clearCache: (home) => rm(cacheDirOf(home), { recursive: true, force: true }),
    async close() {
      await sts.close();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

/** Moves this process into the sandbox: drops every AWS_ variable it inherited, then sets `env`. */
export function enterSandbox(env) {
  for (const key of Object.keys(process.env)) if (key.startsWith("AWS_")) delete process.env[key];
  Object.assign(process.env, env);
}

/** Where a sandbox HOME keeps the AWS CLI cache. */
export const cacheDirOf = (home) => join(home, ".aws", "cli", "cache");
