// Web identity profiles (docs/semantics.md §11, behaviours 37 and 38): unsigned AssumeRoleWithWebIdentity with the
// token file read at every fetch.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { REDACTED } from "../../src/testing/index.js";
import { openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";

let world: RoleWorld;
let tokenFile: string;

beforeEach(async () => {
  world = await startRoleWorld({
    roles: [
      { arn: role("Web"), webIdentity: { acceptedTokens: ["token-one", "token-two"], provider: "oidc.example" } },
      openRole("Admin"),
    ],
  });
  tokenFile = join(world.home, "token");
  await writeFile(tokenFile, "token-one");
});
afterEach(() => world.close());

describe("web identity", () => {
  it("makes one unsigned AssumeRoleWithWebIdentity with the token and the session name (behaviour 37)", async () => {
    await world.config(`[profile w]\nrole_arn = ${role("Web")}\nweb_identity_token_file = ${tokenFile}\nrole_session_name = web-session\n`);
    const credentials = await world.provider({ profile: "w" })();
    const [call, ...more] = world.sts.calls;
    expect(more).toHaveLength(0);
    expect(call).toMatchObject({ action: "AssumeRoleWithWebIdentity", signedBy: undefined, outcome: "ok" });
    expect(call!.params).toMatchObject({ RoleArn: role("Web"), RoleSessionName: "web-session", WebIdentityToken: REDACTED });
    expect(credentials.accessKeyId).toBe(call!.issuedAccessKeyId);
  });

  it("re-reads the token file at every fetch", async () => {
    await world.config(`[profile w]\nrole_arn = ${role("Web")}\nweb_identity_token_file = ${tokenFile}\n`);
    const provider = world.provider({ profile: "w" });
    await provider();
    await writeFile(tokenFile, "token-three");
    const error = await provider({ forceRefresh: true } as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "STS_ACCESS_DENIED", stsCode: "InvalidIdentityToken" });
    await writeFile(tokenFile, "token-two");
    await provider({ forceRefresh: true } as never);
    expect(world.sts.calls.map((c) => c.outcome)).toEqual(["ok", "InvalidIdentityToken", "ok"]);
  });

  it("uses web identity and ignores source_profile when both are set (behaviour 38)", async () => {
    await world.config(`[profile w]\nrole_arn = ${role("Web")}\nweb_identity_token_file = ${tokenFile}\nsource_profile = base\n`);
    await world.provider({ profile: "w" })();
    expect(world.sts.calls.map((c) => c.action)).toEqual(["AssumeRoleWithWebIdentity"]);
  });

  it("chains a role after a web identity source, signed by the web identity session", async () => {
    await world.config(
      `[profile w]\nrole_arn = ${role("Web")}\nweb_identity_token_file = ${tokenFile}\n[profile admin]\nrole_arn = ${role("Admin")}\nsource_profile = w\n`,
    );
    await world.provider({ profile: "admin" })();
    const [web, assume] = world.sts.calls;
    expect([web!.action, assume!.action]).toEqual(["AssumeRoleWithWebIdentity", "AssumeRole"]);
    expect(assume!.signedBy).toBe(web!.issuedAccessKeyId);
  });

  it("fails with WEB_IDENTITY_TOKEN_UNREADABLE naming the file when the token file is missing", async () => {
    const missing = join(world.home, "nope");
    await world.config(`[profile w]\nrole_arn = ${role("Web")}\nweb_identity_token_file = ${missing}\n`);
    const error = await world.provider({ profile: "w" })().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "WEB_IDENTITY_TOKEN_UNREADABLE", profile: "w", key: "web_identity_token_file", tryNextLink: false });
    expect((error as Error).message).toContain(missing);
    expect(world.sts.calls).toHaveLength(0);
  });
});
