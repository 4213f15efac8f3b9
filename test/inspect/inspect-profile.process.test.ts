// inspectProfile() from the built package in a real process: it answers from the profile files and the
// disk cache alone, without loading any STS client code.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";

const fixture = join(__dirname, "..", "fixtures", "cli", "inspect.cjs");
let home: string;

beforeAll(async () => {
  if (!existsSync(join(__dirname, "..", "..", "dist", "index.cjs"))) throw new Error("dist/ is missing: run `npm run build` (npm test does)");
  home = await mkdtemp(join(tmpdir(), "apc-inspect-process-"));
  await mkdir(join(home, ".aws"));
  await writeFile(join(home, ".aws", "config"), "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = base\n");
  await writeFile(join(home, ".aws", "credentials"), "[base]\naws_access_key_id = AKIDBASE0000000000001\naws_secret_access_key = CANARY-process-secret\n");
});
afterAll(() => rm(home, { recursive: true, force: true }));

it("inspects a role profile without loading STS code", async () => {
  const child = spawn(process.execPath, [fixture], { env: { PATH: process.env.PATH, HOME: home, TEST_PROFILE: "admin" }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  const status = await new Promise((resolve) => child.on("close", resolve));
  expect(stderr).toBe("");
  expect(status).toBe(0);
  const { inspection, stsLoaded } = JSON.parse(stdout);
  expect(stsLoaded).toBe(false);
  expect(inspection).toMatchObject({ resolution: "plan", steps: [{ kind: "staticKeys" }, { kind: "assumeRole", cache: { state: "none" } }] });
  expect(stdout).not.toContain("CANARY-process-secret");
});
