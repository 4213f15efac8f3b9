// With the default clientConfig, an STS endpoint that accepts the connection but never answers must fail
// the call within a bounded time: the SDK's handler alone waits without limit, and its requestTimeout alone
// only logs unless throwOnRequestTimeout is set. The library's defaults are checked as configuration (no
// test waits the 10 s); that the SDK honours them as plain handler options is shown end to end with a
// short requestTimeout against a stalled emulator, for the hops' client and for whoami's GetCallerIdentity.
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { afterEach, beforeEach, expect, it } from "vitest";
import { StsCallError } from "../../src/errors.js";
import { getCallerIdentity, withTimeouts } from "../../src/runtime/sdk-sts-client.js";
import { BASE, openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";

let world: RoleWorld;
beforeEach(async () => {
  world = await startRoleWorld({ roles: [openRole("Admin")] });
  await world.config(`[profile r]\nrole_arn = ${role("Admin")}\nsource_profile = base\n`);
});
afterEach(() => world.close());

it("gives the STS client bounded connection and request timeouts that throw, unless the user chose a handler", () => {
  const bounded = { connectionTimeout: 3_000, requestTimeout: 10_000, throwOnRequestTimeout: true };
  expect(withTimeouts(undefined)).toEqual(bounded);
  expect(withTimeouts({ requestTimeout: 300 })).toEqual({ ...bounded, requestTimeout: 300 });
  expect(withTimeouts({ throwOnRequestTimeout: false })).toEqual({ ...bounded, throwOnRequestTimeout: false });
  const instance = new NodeHttpHandler({ requestTimeout: 50 });
  expect(withTimeouts(instance)).toBe(instance);
});

it("fails a stalled STS call with a typed, retryable error when the request timeout is given as plain options", async () => {
  world.sts.failNext({ delayMs: 10_000 });
  const error = (await world.provider({ profile: "r", clientConfig: { requestHandler: { requestTimeout: 300 } } })().catch((e: unknown) => e)) as StsCallError;
  expect(error).toBeInstanceOf(StsCallError);
  expect(error.code).toBe("STS_UNAVAILABLE");
  expect(error.retryable).toBe(true);
  expect((error.cause as Error).name).toBe("TimeoutError");
}, 20_000);

it("bounds whoami's GetCallerIdentity client the same way (it used to wait for ever on a stalled endpoint)", async () => {
  world.sts.failNext({ delayMs: 10_000 });
  const credentials = { accessKeyId: BASE.accessKeyId, secretAccessKey: BASE.secretAccessKey };
  const config = { region: "us-east-1", clientConfig: { endpoint: world.sts.endpoint, maxAttempts: 1, requestHandler: { requestTimeout: 300 } } };
  const error = (await getCallerIdentity(credentials, config).catch((e: unknown) => e)) as Error;
  expect(error.name).toBe("TimeoutError");
  expect(world.sts.callsTo("GetCallerIdentity")).toHaveLength(1);
  // Once the endpoint answers, the same client settings give the identity.
  await expect(getCallerIdentity(credentials, config)).resolves.toMatchObject({ Arn: BASE.arn });
}, 20_000);
