// The world of the credential server's CLI tests: an Admin role behind profile "admin" (region eu-west-1),
// and the trap the server must get past: a [default] profile holding another user's keys.
import { CREDENTIALS_FILE, ENV_USER, openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";

export const ADMIN_ARN = /^arn:aws:sts::123456789012:assumed-role\/Admin\//;

export async function startServerWorld(setup: Parameters<typeof startRoleWorld>[1] = {}): Promise<RoleWorld> {
  const world = await startRoleWorld({ roles: [openRole("Admin")] }, setup);
  await world.config(`[profile admin]\nrole_arn = ${role("Admin")}\nsource_profile = base\nregion = eu-west-1\n`);
  await world.credentials(`${CREDENTIALS_FILE}[default]\naws_access_key_id = ${ENV_USER.accessKeyId}\naws_secret_access_key = ${ENV_USER.secretAccessKey}\n`);
  return world;
}
