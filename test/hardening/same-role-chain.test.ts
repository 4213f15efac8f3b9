// A chain that assumes the same role twice with the same parameters (so the same AWS CLI cache key) must
// not wait on its own per-key lock: the inner hop fetches directly while the outer hop holds the lock.
import { afterEach, beforeEach, expect, it } from "vitest";
import { openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";

let world: RoleWorld;
beforeEach(async () => {
  world = await startRoleWorld({ roles: [openRole("Admin"), openRole("Other")] });
});
afterEach(() => world.close());

async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no outcome within ${ms} ms: the provider hangs`)), ms);
  });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

it("resolves a chain that assumes the same role on two hops (Admin -> Admin) instead of hanging", async () => {
  await world.config(
    `[profile r]\nrole_arn = ${role("Admin")}\nsource_profile = mid\n[profile mid]\nrole_arn = ${role("Admin")}\nsource_profile = base\n`,
  );
  const credentials = await within(3_000, world.provider({ profile: "r" })());
  expect(world.sts.callsTo("AssumeRole")).toHaveLength(2);
  expect(credentials.accessKeyId).toBe(world.sts.callsTo("AssumeRole")[1]!.issuedAccessKeyId);
});

it("resolves Admin -> Other -> Admin (a role reached twice through another role)", async () => {
  await world.config(
    `[profile r]\nrole_arn = ${role("Admin")}\nsource_profile = o\n[profile o]\nrole_arn = ${role("Other")}\nsource_profile = a\n` +
      `[profile a]\nrole_arn = ${role("Admin")}\nsource_profile = base\n`,
  );
  await within(3_000, world.provider({ profile: "r" })());
  expect(world.sts.callsTo("AssumeRole")).toHaveLength(3);
});
