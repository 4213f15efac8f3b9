// Errors that used to say the wrong thing or too much: a chain past the documented limit (a bare
// RangeError at about 5,000 hops), an STS 200 answer without credentials and an SDK client configuration
// error (both STS_UNAVAILABLE, "could not be reached"), the SDK's hidden $responseBodyText on a cause, a
// failing credential_process's command line and unbounded stderr, and control characters from the files
// in `explain` and the MFA prompt.
import { chmod, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { ProfileConfigError, StsCallError, type ProfileCredentialsError } from "../../src/errors.js";
import { buildPlan, MAX_ROLE_HOPS } from "../../src/plan/build-plan.js";
import type { ProfileSet } from "../../src/profile/load-profiles.js";
import type { Prompter } from "../../src/runtime/terminal-prompt.js";
import { STS_XML_NAMESPACE } from "../../src/testing/xml.js";
import { fakeIo } from "../cli/fake-io.js";
import { errorTexts, expectNoSecrets } from "../support/no-secrets.js";
import { BASE, MFA_SERIAL, openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";

let world: RoleWorld;
beforeEach(async () => {
  world = await startRoleWorld({ roles: [openRole("Admin")] });
});
afterEach(() => world.close());

const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable("resolved"), (e: unknown) => e as ProfileCredentialsError);
/** Everything an error shows, hidden members included. */
const everything = (error: unknown) => [...errorTexts(error), inspect(error, { showHidden: true, depth: 10 })];

/** `hops` role profiles p0 -> p1 -> ... ending in static keys. */
function longChain(hops: number): ProfileSet {
  const profiles: Record<string, Record<string, string>> = {};
  for (let i = 0; i < hops; i++) profiles[`p${i}`] = { role_arn: role(`R${i}`), source_profile: `p${i + 1}` };
  profiles[`p${hops}`] = { aws_access_key_id: BASE.accessKeyId, aws_secret_access_key: BASE.secretAccessKey };
  return profiles;
}

describe("the chain limit", () => {
  it(`plans ${MAX_ROLE_HOPS} role hops and refuses one more with a typed configuration error`, () => {
    expect(MAX_ROLE_HOPS).toBeGreaterThanOrEqual(1000);
    const plan = buildPlan(longChain(MAX_ROLE_HOPS), "p0", { explicit: true });
    expect(plan.kind === "plan" && plan.plan.roles).toHaveLength(MAX_ROLE_HOPS);
    const error = (() => {
      try {
        buildPlan(longChain(MAX_ROLE_HOPS + 1), "p0", { explicit: true });
      } catch (e) {
        return e as ProfileConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ProfileConfigError);
    expect(error).toMatchObject({ code: "SOURCE_PROFILE_CHAIN_TOO_LONG", profile: `p${MAX_ROLE_HOPS}`, key: "role_arn" });
    expect(error!.message).toContain(`more than ${MAX_ROLE_HOPS} roles`);
  });

  it("fails a 5,000-hop chain before any STS call, with a bounded message (not a RangeError)", async () => {
    const hops = 5000;
    let text = "";
    for (const [name, keys] of Object.entries(longChain(hops))) {
      text += `[profile ${name}]\n${Object.entries(keys).map(([k, v]) => `${k} = ${v}`).join("\n")}\n`;
    }
    await world.config(text);
    const error = await failure(world.provider({ profile: "p0" })());
    expect(error).toBeInstanceOf(ProfileConfigError);
    expect(error.code).toBe("SOURCE_PROFILE_CHAIN_TOO_LONG");
    expect(error.message).toMatch(/^The profile chain of profile "p0" has more than 1000 roles to assume \(p0 -> p1 -> p2 -> … -> p999 -> p1000, 1001 profiles\)/);
    expect(error.message.length).toBeLessThan(400);
    expect(world.sts.calls).toEqual([]);
  });
});

describe("STS answers and client errors with their own codes", () => {
  beforeEach(() => world.config(`[profile r]\nrole_arn = ${role("Admin")}\nsource_profile = base\n`));

  it("an HTTP 200 answer without credentials is STS_INCOMPLETE_RESPONSE, not 'could not be reached'", async () => {
    world.sts.failNext({ body: `<AssumeRoleResponse xmlns="${STS_XML_NAMESPACE}"><AssumeRoleResult></AssumeRoleResult></AssumeRoleResponse>` });
    const error = (await failure(world.provider({ profile: "r" })())) as StsCallError;
    expect(error).toBeInstanceOf(StsCallError);
    expect(error).toMatchObject({ code: "STS_INCOMPLETE_RESPONSE", retryable: false, stsCode: undefined });
    expect(error.message).toContain("failed: answer without credentials: the answer (HTTP 200) has no AccessKeyId");
    expect(error.message).toContain("Check that the STS endpoint");
    expect(error.message).not.toContain("could not be reached");
  });

  it("an invalid region in the client configuration is STS_CLIENT_CONFIG_INVALID, and no request is sent", async () => {
    const error = (await failure(world.provider({ profile: "r", clientConfig: { region: "not a region!" } })())) as StsCallError;
    expect(error).toMatchObject({ code: "STS_CLIENT_CONFIG_INVALID", retryable: false });
    expect(error.message).toContain('failed: invalid STS client configuration: Region not accepted: region="not a region!"');
    expect(error.message).not.toContain("could not be reached");
    expect(world.sts.calls).toEqual([]);
  });

  it("a 5xx answer says STS answered with it, rather than that it could not be reached", async () => {
    world.sts.failNext({ body: "<html>busy</html>", status: 503 });
    const error = await failure(world.provider({ profile: "r" })());
    expect(error).toMatchObject({ code: "STS_UNAVAILABLE", retryable: true });
    expect(error.message).toContain("STS answered with HTTP 503");
  });

  it("drops the SDK's hidden $responseBodyText (a raw body that may hold new credentials) from the cause", async () => {
    const canary = "CANARY-issued-secret-in-raw-body";
    world.sts.failNext({ body: `<AssumeRoleResponse><Credentials><SecretAccessKey>${canary}</SecretAccessKey><Broken` });
    const error = await failure(world.provider({ profile: "r" })());
    expect(error.code).toBe("STS_ERROR");
    const cause = error.cause as Record<string, unknown>;
    expect(cause).toBeInstanceOf(Error);
    expect(cause.$metadata).toMatchObject({ httpStatusCode: 200 });
    expect("$responseBodyText" in cause).toBe(false);
    expect("$response" in cause).toBe(false);
    expectNoSecrets(everything(error), [canary]);
  });
});

describe("a failing credential_process", () => {
  it("is named by its program, not its arguments, with its stderr escaped and cut, in the message and the cause", async () => {
    const program = join(world.home, "get creds");
    const token = "CANARY-token-in-argument";
    await writeFile(program, `#!/bin/sh\nprintf 'denied \\033[31m%0300d\\n' 0 >&2\nexit 3\n`);
    await chmod(program, 0o755);
    await world.config(`[profile r]\nrole_arn = ${role("Admin")}\nsource_profile = src\n[profile src]\ncredential_process = "${program}" --token ${token}\n`);
    const error = await failure(world.provider({ profile: "r" })());
    expect(error.code).toBe("SOURCE_CREDENTIALS_UNAVAILABLE");
    const named = `credential_process "${program}" failed: denied \\u001b[31m0000`;
    expect(error.message).toContain(named);
    expect((error.cause as Error).message).toContain(named);
    expect((error.cause as Error).message).toMatch(/… \(3\d\d characters\)$/);
    expect(error.message.length).toBeLessThan(500);
    expectNoSecrets(everything(error), [token, "--token"]);
    for (const text of everything(error)) expect(text).not.toContain("\u001b");
  });
});

describe("control characters from the files", () => {
  const EXTERNAL_ID = "ext\u001b]0;owned\u0007-id";
  const SERIAL = `${MFA_SERIAL}\u001b[2J`;

  it("are escaped in `explain` text and JSON", async () => {
    await world.config(`[profile r]\nrole_arn = ${role("Admin")}\nsource_profile = base\nexternal_id = ${EXTERNAL_ID}\nmfa_serial = ${SERIAL}\u009b\n`);
    const text = fakeIo(world.env);
    expect(await run(["explain", "--profile", "r"], text.io)).toBe(0);
    expect(text.stdout()).toContain("external_id: ext\\u001b]0;owned\\u0007-id\n");
    expect(text.stdout()).toContain(`mfa_serial: ${MFA_SERIAL}\\u001b[2J\\u009b\n`);
    const json = fakeIo(world.env);
    expect(await run(["explain", "--profile", "r", "--json"], json.io)).toBe(0);
    expect(JSON.parse(json.stdout()).steps[1]).toMatchObject({ externalId: EXTERNAL_ID, mfaSerial: `${SERIAL}\u009b` });
    for (const out of [text.stdout(), json.stdout()]) expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it("are escaped in the MFA prompt", async () => {
    await world.config(`[profile r]\nrole_arn = ${role("Admin")}\nsource_profile = base\nmfa_serial = ${SERIAL}\n`);
    const questions: string[] = [];
    const prompter: Prompter = { isInteractive: () => true, ask: async (question) => (questions.push(question), "123456") };
    await world.provider({ profile: "r" }, { prompter })().catch(() => undefined);
    expect(questions).toEqual([`Enter MFA code for ${MFA_SERIAL}\\u001b[2J: `]);
  });
});
