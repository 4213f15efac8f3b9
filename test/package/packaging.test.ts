// The published package as a consumer gets it: `npm pack` of the built dist/, installed into a fresh
// folder next to typescript and @types/node, then required, imported and type-checked from there.
//
// Needs a build first (`npm test` runs `npm run build` before vitest). npm runs with the real home folder
// (its cache and .npmrc) and --prefer-offline, so the install is served from the npm cache when it can.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdir, realpath, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ROOT, runChecked } from "../support/run-node.js";
import { removeTempDirs, tempDir } from "../support/sandbox-home.js";

const DIST = join(ROOT, "dist");
const PKG = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  name: string;
  exports: Record<string, unknown>;
  bin?: string | Record<string, string>;
};
const NAME = PKG.name;
const INSTALL_TIMEOUT_MS = 180_000;

/** Files a tarball may hold besides dist/**. */
const TOP_LEVEL_FILES = new Set(["package.json", "README.md", "CHANGELOG.md", "LICENSE"]);

/** The tarball's files, as `npm pack --dry-run` lists them; a new or lost file must change this list. */
const PINNED_FILES = [
  "CHANGELOG.md",
  "LICENSE",
  "README.md",
  "dist/cli.cjs",
  "dist/cli.js",
  "dist/esm/<chunk>-<hash>.js",
  "dist/esm/index.js",
  "dist/esm/testing.js",
  "dist/index.bridge.cjs",
  "dist/index.cjs",
  "dist/index.d.cts",
  "dist/index.d.ts",
  "dist/index.js",
  "dist/testing.bridge.cjs",
  "dist/testing.cjs",
  "dist/testing.d.cts",
  "dist/testing.d.ts",
  "dist/testing.js",
  "package.json",
];

/** The package's import specifiers: "aws-profile-credentials" and one per further "exports" subpath. */
const SPECIFIERS = Object.keys(PKG.exports)
  .filter((key) => key !== "./package.json")
  .map((key) => (key === "." ? NAME : `${NAME}/${key.slice(2)}`))
  .sort((a, b) => Number(b === NAME) - Number(a === NAME));

const HAS_TESTING = SPECIFIERS.includes(`${NAME}/testing`);

interface PackResult {
  filename: string;
  files: { path: string; mode: number; size: number }[];
}

let work = "";
let consumer = "";
let pack: PackResult;

/** npm and node as a developer's shell runs them: the real HOME, none of the npm_* script variables. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== "INIT_CWD") env[key] = value;
  }
  env.HOME = inject("realHome");
  env.USERPROFILE = inject("realHome");
  return env;
}

async function exec(file: string, args: string[], cwd: string, timeout = 60_000): Promise<string> {
  return (await runChecked(file, args, { cwd, env: childEnv(), timeoutMs: timeout })).stdout;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => statSync(join(dir, file)).isFile())
    .map((file) => relative(ROOT, join(dir, file)).split("\\").join("/"));
}

beforeAll(async () => {
  for (const file of ["index.js", "index.cjs", "index.d.ts", "index.d.cts"]) {
    if (!existsSync(join(DIST, file))) {
      throw new Error(`dist/${file} is missing: run \`npm run build\` before this test (\`npm test\` does)`);
    }
  }
  work = await realpath(await tempDir("apc-packaging-"));
  consumer = join(work, "consumer");
  await mkdir(consumer);

  const packed = JSON.parse(
    await exec("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], ROOT),
  ) as PackResult[];
  expect(packed).toHaveLength(1);
  pack = packed[0]!;

  await writeFile(
    join(consumer, "package.json"),
    `${JSON.stringify({ name: "apc-consumer", version: "0.0.0", private: true }, null, 2)}\n`,
  );
  await exec(
    "npm",
    [
      "install",
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
      join(work, pack.filename),
      "typescript@~5.9",
      "@types/node@^20",
    ],
    consumer,
    INSTALL_TIMEOUT_MS,
  );
}, INSTALL_TIMEOUT_MS + 30_000);

afterAll(removeTempDirs);

describe("the packed tarball", () => {
  it("holds only dist/**, package.json, README.md, CHANGELOG.md and LICENSE", () => {
    const paths = pack.files.map((file) => file.path).sort();
    const unexpected = paths.filter((path) => !path.startsWith("dist/") && !TOP_LEVEL_FILES.has(path));
    expect(unexpected).toEqual([]);
    expect(paths).toContain("package.json");
    expect(paths).toContain("LICENSE");
    expect(paths.filter((path) => path.endsWith(".map"))).toEqual([]);
    // Everything the build wrote is published.
    expect(paths.filter((path) => path.startsWith("dist/"))).toEqual(listFiles(DIST).sort());
  });

  it("has exactly the pinned file list (npm pack --dry-run), CHANGELOG.md included", async () => {
    const dryRun = JSON.parse(await exec("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], ROOT)) as PackResult[];
    // Lazy chunks of the bundler build are named by content hash; they are pinned by shape only.
    const paths = dryRun[0]!.files.map((file) => file.path.replace(/^dist\/esm\/[\w-]+-[A-Z0-9]{8}\.js$/, "dist/esm/<chunk>-<hash>.js"));
    expect([...new Set(paths)].sort()).toEqual(PINNED_FILES);
    expect(dryRun[0]!.files.map((file) => file.path).sort()).toEqual(pack.files.map((file) => file.path).sort());
  });

  it("holds every file that package.json's exports, main, module, types, typesVersions and bin name", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Record<string, unknown>;
    const targets = new Set<string>();
    const collect = (value: unknown): void => {
      if (typeof value === "string") targets.add(value.replace(/^\.\//, ""));
      else if (value && typeof value === "object") Object.values(value).forEach(collect);
    };
    collect(pkg.exports);
    collect([pkg.main, pkg.module, pkg.types, pkg.typesVersions]);
    const paths = new Set(pack.files.map((file) => file.path));
    expect([...targets].filter((target) => !paths.has(target))).toEqual([]);

    const bins = typeof PKG.bin === "string" ? [PKG.bin] : Object.values(PKG.bin ?? {});
    for (const bin of bins) {
      const file = pack.files.find((entry) => entry.path === bin.replace(/^\.\//, ""));
      expect(file, `bin ${bin} is in the tarball`).toBeDefined();
      expect(file!.mode & 0o111, `bin ${bin} is executable`).not.toBe(0);
      expect(readFileSync(join(ROOT, bin), "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    }
  });
});

describe("an installed copy", () => {
  // Prints, as JSON, what each specifier exports and whether @aws-sdk/client-sts got loaded on the way.
  // The main entry loads first, so that clientSts tells what loading it alone pulled in.
  const probe = (load: string) => `
    const loaded = {};
    let clientSts;
    for (const specifier of ${JSON.stringify(SPECIFIERS)}) {
      const mod = ${load};
      loaded[specifier] = Object.fromEntries(Object.entries(mod).map(([k, v]) => [k, typeof v]));
      clientSts ??= Object.keys(require.cache).filter((file) => file.includes("/@aws-sdk/client-sts/"));
    }
    console.log(JSON.stringify({ loaded, clientSts }));
  `;

  /** The probe's report: every entry point loaded and has its main export, and no STS client code was loaded. */
  const expectProbeReport = (out: string) => {
    const { loaded, clientSts } = JSON.parse(out) as {
      loaded: Record<string, Record<string, string>>;
      clientSts: string[];
    };
    expect(Object.keys(loaded)).toEqual(SPECIFIERS);
    expect(loaded[NAME]?.fromProfileWithRoleAssumption).toBe("function");
    if (HAS_TESTING) {
      expect(loaded[`${NAME}/testing`]?.startLocalSts).toBe("function");
      expect(loaded[`${NAME}/testing`]?.createSandbox).toBe("function");
    }
    expect(clientSts, "@aws-sdk/client-sts is loaded only when an STS call is made").toEqual([]);
  };

  it("loads with require() from CommonJS", async () => {
    const out = await exec("node", ["-e", probe("require(specifier)")], consumer);
    expectProbeReport(out);
    expect(
      (await exec("node", ["-p", `require.resolve(${JSON.stringify(NAME)})`], consumer)).trim(),
    ).toBe(join(consumer, "node_modules", NAME, "dist", "index.cjs"));
  });

  it("loads with import from an ES module", async () => {
    await writeFile(
      join(consumer, "probe.mjs"),
      `import { createRequire } from "node:module";\nconst require = createRequire(import.meta.url);\n` +
        probe("await import(specifier)"),
    );
    const out = await exec("node", ["probe.mjs"], consumer);
    expectProbeReport(out);
    expect(
      (
        await exec(
          "node",
          ["--input-type=module", "-e", `console.log(import.meta.resolve(${JSON.stringify(NAME)}))`],
          consumer,
        )
      ).trim(),
    ).toBe(`file://${join(consumer, "node_modules", NAME, "dist", "index.js")}`);
  });

  it("bundles with esbuild into one ES module that runs with nothing beside it (the Lambda shape)", async () => {
    const { build } = await import("esbuild");
    await writeFile(
      join(consumer, "handler.mjs"),
      `import { fromProfileWithRoleAssumption } from ${JSON.stringify(NAME)};\n` +
        `const credentials = await fromProfileWithRoleAssumption()();\n` +
        `console.log(JSON.stringify({ accessKeyId: credentials.accessKeyId }));\n`,
    );
    const outdir = await tempDir("bundle-", work);
    await build({ entryPoints: [join(consumer, "handler.mjs")], bundle: true, platform: "node", format: "esm", target: "node20", outfile: join(outdir, "handler.mjs"), logLevel: "error" });
    const { stdout } = await runChecked(process.execPath, [join(outdir, "handler.mjs")], {
      cwd: outdir,
      env: { PATH: process.env.PATH, HOME: outdir, AWS_ACCESS_KEY_ID: "AKIABUNDLED000000001", AWS_SECRET_ACCESS_KEY: "bundled-secret" },
    });
    expect(JSON.parse(stdout)).toEqual({ accessKeyId: "AKIABUNDLED000000001" });
  });

  it("gives import and require one copy of the package: the same exports, the same error classes", async () => {
    await writeFile(
      join(consumer, "identity.mjs"),
      `import { createRequire } from "node:module";\n` +
        `const require = createRequire(import.meta.url);\n` +
        `const specifiers = ${JSON.stringify(SPECIFIERS)};\n` +
        `const result = {};\n` +
        `for (const specifier of specifiers) {\n` +
        `  const esm = await import(specifier);\n` +
        `  const cjs = require(specifier);\n` +
        `  result[specifier] = { names: Object.keys(esm).sort(), cjsNames: Object.keys(cjs).sort(), same: Object.keys(cjs).every((k) => esm[k] === cjs[k]) };\n` +
        `}\n` +
        `const { ProfileConfigError } = require(${JSON.stringify(NAME)});\n` +
        `const esmMain = await import(${JSON.stringify(NAME)});\n` +
        `const error = new esmMain.ProfileConfigError("m", { code: "PROFILE_NOT_FOUND", profile: "p", chain: ["p"] });\n` +
        `result.instanceofAcross = error instanceof ProfileConfigError && esmMain.isProfileCredentialsError(error);\n` +
        `console.log(JSON.stringify(result));\n`,
    );
    const result = JSON.parse(await exec("node", ["identity.mjs"], consumer)) as Record<string, { names: string[]; cjsNames: string[]; same: boolean }> & { instanceofAcross: boolean };
    for (const specifier of SPECIFIERS) {
      expect(result[specifier]?.names, specifier).toEqual(result[specifier]?.cjsNames);
      expect(result[specifier]?.names.length, specifier).toBeGreaterThan(0);
      expect(result[specifier]?.same, `${specifier}: import and require give the same objects`).toBe(true);
    }
    expect(result.instanceofAcross).toBe(true);
  });

  it("links each bin into node_modules/.bin", () => {
    const bins = typeof PKG.bin === "string" ? { [NAME]: PKG.bin } : (PKG.bin ?? {});
    for (const name of Object.keys(bins)) {
      const link = join(consumer, "node_modules", ".bin", name);
      expect(existsSync(link), `node_modules/.bin/${name}`).toBe(true);
      expect(statSync(link).mode & 0o111, `node_modules/.bin/${name} is executable`).not.toBe(0);
    }
  });

  // The same consumer source, compiled as ESM (.mts -> dist/index.d.ts) and as CJS (.cts -> dist/index.d.cts).
  const consumerSource = `
import { fromProfileWithRoleAssumption } from "${NAME}";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";

const provider = fromProfileWithRoleAssumption({ profile: "x" });
const asSdkProvider: AwsCredentialIdentityProvider = provider;
const identity: Promise<AwsCredentialIdentity> = asSdkProvider();
const noOptions: AwsCredentialIdentityProvider = fromProfileWithRoleAssumption();
// The declarations are real types, not any:
// @ts-expect-error a profile name is a string
fromProfileWithRoleAssumption({ profile: 42 });

export { identity, noOptions };
${
  HAS_TESTING
    ? `
import { createSandbox, startLocalSts, type LocalSts, type Sandbox } from "${NAME}/testing";
export const start: (...args: Parameters<typeof startLocalSts>) => Promise<LocalSts> = startLocalSts;
export async function sandboxed(): Promise<void> {
  await using sandbox: Sandbox = await createSandbox({ profiles: { p: { role_arn: "arn:aws:iam::111111111111:role/R" } } });
  sandbox.sts.callsTo("AssumeRole");
  // @ts-expect-error a misspelt action does not compile for a consumer either
  sandbox.sts.callsTo("assumeRole");
}
`
    : ""
}`;

  for (const moduleKind of ["node16", "nodenext"] as const) {
    it(`type-checks from .mts and .cts consumers with module ${moduleKind}`, async () => {
      const dir = join(consumer, `ts-${moduleKind}`);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, "consumer.mts"), consumerSource);
      await writeFile(join(dir, "consumer.cts"), consumerSource);
      await writeFile(
        join(dir, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            module: moduleKind,
            moduleResolution: moduleKind,
            target: "ES2022",
            strict: true,
            noEmit: true,
            types: ["node"],
            skipLibCheck: false,
          },
          files: ["consumer.mts", "consumer.cts"],
        }),
      );
      const tsc = join(consumer, "node_modules", "typescript", "bin", "tsc");
      const files = (await exec("node", [tsc, "-p", dir, "--listFiles"], dir, 120_000)).split("\n");
      const dist = join(consumer, "node_modules", NAME, "dist");
      expect(files, "the .mts consumer reads the ESM declarations").toContain(join(dist, "index.d.ts"));
      expect(files, "the .cts consumer reads the CJS declarations").toContain(join(dist, "index.d.cts"));
      if (HAS_TESTING) {
        expect(files).toContain(join(dist, "testing.d.ts"));
        expect(files).toContain(join(dist, "testing.d.cts"));
      }
    }, 60_000);
  }
});
