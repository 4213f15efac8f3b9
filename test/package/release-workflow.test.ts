// The release workflow (.github/workflows/release.yml) and its gate (scripts/check-release.mjs): on a
// version tag it checks package.json, then npm ci, npm test and npm publish --provenance with an OIDC
// token; the gate fails with a clear message while `repository` is missing or the tag is not the version.
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runNode } from "../support/run-node.js";
import { removeTempDirs, tempDir } from "../support/sandbox-home.js";

const WORKFLOW = readFileSync(join(ROOT, ".github", "workflows", "release.yml"), "utf8");
const CHECK = join(ROOT, "scripts", "check-release.mjs");

async function check(tag: string, packageJson?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const { status, stdout, stderr } = await runNode([CHECK, tag, ...(packageJson ? [packageJson] : [])], process.env);
  return { code: Number(status), stdout, stderr };
}

let dir = "";
beforeAll(async () => {
  dir = await tempDir("apc-release-");
});
afterAll(removeTempDirs);

const writePackage = async (fields: Record<string, unknown>) => {
  const path = join(dir, `package-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(path, JSON.stringify({ name: "aws-profile-credentials", version: "1.2.3", ...fields }));
  return path;
};

describe("release workflow", () => {
  it("runs on version tags only, with id-token: write", () => {
    expect(WORKFLOW).toMatch(/^on:\n  push:\n    tags: \["v\*\.\*\.\*"\]\n/m);
    expect(WORKFLOW).not.toMatch(/^\s*(pull_request|branches):/m);
    expect(WORKFLOW).toMatch(/^permissions:\n  contents: read\n(  #.*\n)*  id-token: write\n/m);
  });

  it("checks package.json, then runs npm ci, npm test and npm publish --provenance, in that order", () => {
    const runs = [...WORKFLOW.matchAll(/^\s+(?:- )?run: (.+)$/gm)].map((m) => m[1]);
    expect(runs).toEqual([
      'node scripts/check-release.mjs "$GITHUB_REF_NAME"',
      "npm ci --no-audit --no-fund",
      "npm test",
      "npm publish --provenance --access public",
    ]);
    expect(WORKFLOW).toContain("NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}");
  });
});

describe("scripts/check-release.mjs", () => {
  it("fails with a clear message while package.json has no repository (as this one does until it is on GitHub)", async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string; repository?: unknown };
    const result = await check(`v${pkg.version}`);
    if (pkg.repository === undefined) {
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('release check failed: package.json has no "repository". npm publish --provenance refuses to publish without it');
      expect(result.stderr).toContain('"repository": { "type": "git", "url": "git+https://github.com/OWNER/aws-profile-credentials.git" }');
    } else {
      expect(result).toMatchObject({ code: 0 });
    }
    const missing = await check("v1.2.3", await writePackage({}));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^release check failed: package.json has no "repository"/);
  });

  it("passes with a repository and the tag of the version, as a string or an object", async () => {
    for (const repository of ["github:owner/aws-profile-credentials", { type: "git", url: "git+https://github.com/owner/aws-profile-credentials.git" }]) {
      const result = await check("v1.2.3", await writePackage({ repository }));
      expect(result).toMatchObject({ code: 0, stderr: "" });
      expect(result.stdout).toMatch(/^release check passed: aws-profile-credentials@1\.2\.3 from /);
    }
  });

  it("fails when the tag is not the version in package.json", async () => {
    const result = await check("v1.2.4", await writePackage({ repository: "github:owner/aws-profile-credentials" }));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('release check failed: the tag "v1.2.4" does not match package.json\'s version 1.2.3: tag the release v1.2.3\n');
  });
});
