// No secret reaches the logger the user gives the STS client (clientConfig.logger): the SDK logs each
// command's input, output and error, and by itself masks only SecretAccessKey, not the MFA TokenCode nor
// the issued SessionToken. A logger capturing every level, with objects inspected to their hidden members,
// sees a 2-hop chain whose outer role needs MFA (a rejected code first, then a good one), a web identity
// role, and whoami's GetCallerIdentity; none of the canary secrets may show.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { inspect } from "node:util";
import type { Logger } from "@smithy/types";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createMemoryCache } from "../../src/cache/memory-cache.js";
import type { SessionCache } from "../../src/cache/session-cache.js";
import { getCallerIdentity } from "../../src/runtime/sdk-sts-client.js";
import type { StsSession } from "../../src/runtime/sts.js";
import { expectNoSecrets } from "../support/no-secrets.js";
import { BASE, MFA_SERIAL, openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";

const GOOD_CODE = "836104";
const BAD_CODE = "927415";
const WEB_TOKEN = "web-identity-canary-token-0001";

let world: RoleWorld;
beforeEach(async () => {
  world = await startRoleWorld({
    roles: [openRole("Admin"), openRole("Mfa", { mfaRequired: true }), { arn: role("Web"), webIdentity: { acceptedTokens: [WEB_TOKEN], provider: "oidc.example" } }],
  });
  world.sts.addMfaCodes(MFA_SERIAL, [GOOD_CODE]);
  await writeFile(join(world.home, "token"), WEB_TOKEN);
  await world.config(
    `[profile admin]\nrole_arn = ${role("Admin")}\nsource_profile = base\n` +
      `[profile mfa]\nrole_arn = ${role("Mfa")}\nsource_profile = admin\nmfa_serial = ${MFA_SERIAL}\n` +
      `[profile web]\nrole_arn = ${role("Web")}\nweb_identity_token_file = ${join(world.home, "token")}\n`,
  );
});
afterEach(() => world.close());

/** Every line any level received, objects shown with their non-enumerable members too. */
function everyLevel() {
  const lines: string[] = [];
  const record = (level: string) => (...content: unknown[]) => {
    lines.push(`${level} ${content.map((part) => (typeof part === "string" ? part : inspect(part, { showHidden: true, depth: 20 }))).join(" ")}`);
  };
  const logger: Logger = { trace: record("trace"), debug: record("debug"), info: record("info"), warn: record("warn"), error: record("error") };
  return { logger, lines };
}

/** A memory cache that also keeps every session written, so the test knows the inner hop's issued secrets. */
function recordingCache(): { cache: SessionCache; sessions: StsSession[] } {
  const inner = createMemoryCache();
  const sessions: StsSession[] = [];
  return {
    sessions,
    cache: { read: inner.read, withLock: inner.withLock, write: async (key, session) => (sessions.push(session), inner.write(key, session)) },
  };
}

it("keeps MFA codes, session tokens, secret keys and web identity tokens from clientConfig.logger at every level", async () => {
  const log = everyLevel();
  const { cache, sessions } = recordingCache();
  const codes = [BAD_CODE, GOOD_CODE];
  const options = { clientConfig: { logger: log.logger } };
  const mfa = world.provider({ ...options, profile: "mfa", mfaCodeProvider: async () => codes.shift()! }, { cache });
  await expect(mfa()).rejects.toMatchObject({ code: "MFA_CODE_INVALID" });
  const outer = await mfa();
  const web = await world.provider({ ...options, profile: "web" })();
  const identity = await getCallerIdentity(outer, { region: "us-east-1", clientConfig: { endpoint: world.sts.endpoint, logger: log.logger } });
  expect(identity.Arn).toContain(":assumed-role/Mfa/");

  // The logger did get the SDK's lines (input, output and error of each command), just without secrets.
  const text = log.lines.join("\n");
  expect(text).toContain("AssumeRoleCommand");
  expect(text).toContain("AssumeRoleWithWebIdentityCommand");
  expect(text).toContain("GetCallerIdentityCommand");
  expect(log.lines.some((line) => line.startsWith("error ") && line.includes("AccessDenied"))).toBe(true);
  expect(text).toContain(MFA_SERIAL);
  const issued = [...sessions.map((s) => s.credentials), outer, web];
  expect(issued.length).toBeGreaterThanOrEqual(4);
  expectNoSecrets(log.lines, [
    BASE.secretAccessKey,
    GOOD_CODE,
    BAD_CODE,
    WEB_TOKEN,
    ...issued.flatMap((c) => [c.secretAccessKey, c.sessionToken]),
  ]);
});
