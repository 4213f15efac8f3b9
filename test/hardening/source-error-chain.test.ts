// SOURCE_CREDENTIALS_UNAVAILABLE messages name the profile chain, as every other error does.
import { afterAll, beforeAll, expect, it } from "vitest";
import { isProfileCredentialsError, type ProfileCredentialsError } from "../../src/errors.js";
import { openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";

let world: RoleWorld;
beforeAll(async () => {
  world = await startRoleWorld({ roles: [openRole("Admin")] });
});
afterAll(() => world.close());

it.each([
  ["credential_process printing no JSON", `[profile p]\ncredential_process = ${process.execPath} -e "console.log('nope')"\n`],
  ["credential_process exiting 3", `[profile p]\ncredential_process = ${process.execPath} -e "process.exit(3)"\n`],
  ["an SSO source with a missing sso-session", `[profile p]\nsso_session = gone\nsso_account_id = 111111111111\nsso_role_name = Dev\n`],
])("names the chain r -> p in the message for %s", async (_name, source) => {
  await world.config(`[profile r]\nrole_arn = ${role("Admin")}\nsource_profile = p\n${source}`);
  const error = (await world.provider({ profile: "r" })().catch((e: unknown) => e)) as ProfileCredentialsError;
  expect(isProfileCredentialsError(error)).toBe(true);
  expect(error.code).toBe("SOURCE_CREDENTIALS_UNAVAILABLE");
  expect(error.chain).toEqual(["r", "p"]);
  expect(error.message).toContain("r -> p");
});

it("names the chain for credential_source = EcsContainer on a source hop", async () => {
  await world.config(`[profile r]\nrole_arn = ${role("Admin")}\nsource_profile = c\n[profile c]\ncredential_source = EcsContainer\n`);
  const error = (await world.provider({ profile: "r" })().catch((e: unknown) => e)) as ProfileCredentialsError;
  expect(error.code).toBe("SOURCE_CREDENTIALS_UNAVAILABLE");
  expect(error.message).toContain("r -> c");
});
