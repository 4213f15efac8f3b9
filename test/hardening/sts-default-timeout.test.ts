// With the default clientConfig, an STS endpoint that accepts the connection but never answers fails the
// call within bounded time (the SDK's handler alone would wait without limit; requestTimeout alone only
// logs unless throwOnRequestTimeout is set, which the library does by default).
import { afterEach, beforeEach, expect, it } from "vitest";
import { StsCallError } from "../../src/errors.js";
import { openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";

let world: RoleWorld;
beforeEach(async () => {
  world = await startRoleWorld({ roles: [openRole("Admin")] });
  await world.config(`[profile r]\nrole_arn = ${role("Admin")}\nsource_profile = base\n`);
});
afterEach(() => world.close());

it("fails a stalled STS call with a typed, retryable error within the library's default bound", async () => {
  world.sts.failNext({ delayMs: 60_000 });
  const started = Date.now();
  const error = (await world.provider({ profile: "r" })().catch((e: unknown) => e)) as StsCallError;
  expect(Date.now() - started).toBeLessThan(15_000);
  expect(error).toBeInstanceOf(StsCallError);
  expect(error.code).toBe("STS_UNAVAILABLE");
  expect(error.retryable).toBe(true);
}, 20_000);

it("honours a user's NodeHttpHandler-style requestTimeout given as plain options", async () => {
  world.sts.failNext({ delayMs: 10_000 });
  const started = Date.now();
  const error = (await world.provider({ profile: "r", clientConfig: { requestHandler: { requestTimeout: 300 } } })().catch((e: unknown) => e)) as StsCallError;
  expect(Date.now() - started).toBeLessThan(3_000);
  expect(error.code).toBe("STS_UNAVAILABLE");
}, 20_000);
