// inspectProfile() from the built package in a real process: it answers from the profile files and the
// disk cache alone, without loading any STS client code.
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { assertBuilt, runNode } from "../support/run-node.js";
import { childEnv, sandboxHome, type SandboxHome } from "../support/sandbox-home.js";

const fixture = join(__dirname, "..", "fixtures", "cli", "inspect.cjs");
let sandbox: SandboxHome;

beforeAll(async () => {
  assertBuilt();
  sandbox = await sandboxHome({
    prefix: "apc-inspect-process-",
    config: "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = base\n",
    credentials: "[base]\naws_access_key_id = AKIDBASE0000000000001\naws_secret_access_key = CANARY-process-secret\n",
  });
});
afterAll(() => sandbox.remove());

it("inspects a role profile without loading STS code", async () => {
  const { status, stdout, stderr } = await runNode([fixture], childEnv({ HOME: sandbox.home, TEST_PROFILE: "admin" }));
  expect(stderr).toBe("");
  expect(status).toBe(0);
  const { inspection, stsLoaded } = JSON.parse(stdout);
  expect(stsLoaded).toBe(false);
  expect(inspection).toMatchObject({ resolution: "plan", steps: [{ kind: "staticKeys" }, { kind: "assumeRole", cache: { state: "none" } }] });
  expect(stdout).not.toContain("CANARY-process-secret");
});
