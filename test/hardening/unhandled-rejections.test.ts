// Hardening, area 6: "no unhandled promise rejection in any test". This project's own vitest.config.ts
// must fail a run in which a test passes its assertions but leaves a rejection unhandled: the check runs
// vitest with that config on a one-test folder, and on a twin that handles its rejection (which passes).
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { ROOT, runNode } from "../support/run-node.js";
import { removeTempDirs, tempDir } from "../support/sandbox-home.js";

const VITEST = join(ROOT, "node_modules", "vitest", "vitest.mjs");
afterAll(removeTempDirs);

async function runVitestOn(body: string): Promise<{ code: number | null; output: string }> {
  const folder = await tempDir("apc-unhandled-");
  await mkdir(join(folder, "test"));
  await writeFile(join(folder, "test", "one.test.ts"), `import { expect, it } from "vitest";\nit("one", async () => {\n${body}\n  expect(1).toBe(1);\n});\n`);
  // The child is a fresh vitest run, not a worker of this one.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("VITEST") && name !== "NODE_OPTIONS"));
  const { status: code, output } = await runNode([VITEST, "run", "--config", join(ROOT, "vitest.config.ts"), "--dir", folder], { ...env, NO_COLOR: "1" }, { cwd: ROOT });
  return { code, output };
}

it("fails the run when a passing test leaves a promise rejection unhandled", async () => {
  const run = await runVitestOn(`  void Promise.reject(new Error("left unhandled"));\n  await new Promise((r) => setTimeout(r, 10));`);
  expect(run.output).toContain("1 passed");
  expect(run.output).toContain("Unhandled Rejection");
  expect(run.output).toContain("left unhandled");
  expect(run.code).toBe(1);
}, 30_000);

it("passes the same test when it handles the rejection", async () => {
  const run = await runVitestOn(`  await Promise.reject(new Error("handled")).catch(() => undefined);\n  await new Promise((r) => setTimeout(r, 10));`);
  expect(run.output).not.toContain("Unhandled");
  expect(run.code).toBe(0);
}, 30_000);
