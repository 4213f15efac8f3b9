// Build of the published package: dist/ holds ESM (.js) and CJS (.cjs) with per-format declarations
// (.d.ts for import, .d.cts for require). Every dependency stays external (tsup's default), so
// `await import("@aws-sdk/client-sts")` stays lazy in both formats: ESM keeps the import(), CJS turns it
// into `Promise.resolve().then(() => require(...))` inside the calling function. Anything imported from
// src that is NOT in "dependencies"/"peerDependencies" (e.g. a devDependency) is bundled into dist.
//
// Entries are added only when their source file exists, so the build works while they are being written:
//   src/index.ts          -> dist/index.{js,cjs,d.ts,d.cts}       package "."
//   src/testing/index.ts  -> dist/testing.{js,cjs,d.ts,d.cts}     package "./testing" (+ "typesVersions")
//   src/cli.ts            -> dist/cli.js (ESM only, +x, shebang)  package "bin": not in package.json yet,
//                                                                 see CLI_ENTRY below
import { existsSync } from "node:fs";
import { defineConfig, type Options } from "tsup";

const present = (entries: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)));

// "./testing" is in package.json "exports" (import/require, types first), with
//   "typesVersions": { "*": { "testing": ["./dist/testing.d.cts"] } }
// so that TypeScript's legacy moduleResolution "node" (node10, which ignores "exports") finds its types
// too: `attw --pack .` checks node10, node16 and bundler.
const LIBRARY_ENTRIES = present({
  index: "src/index.ts",
  testing: "src/testing/index.ts",
});

// TODO(cli): once src/cli.ts exists (first line `#!/usr/bin/env node`; tsup keeps it and makes the file
// executable), add to package.json:
//   "bin": { "aws-profile-credentials": "./dist/cli.js" }
// test/package/packaging.test.ts then checks the tarball's bin is executable and linked into .bin.
const CLI_ENTRY = present({ cli: "src/cli.ts" });

const common = {
  outDir: "dist",
  target: "node20",
  platform: "node",
  sourcemap: false,
  // Keep the published code readable and stack traces meaningful.
  minify: false,
  shims: false,
} satisfies Options;

const configs: Options[] = [
  {
    ...common,
    entry: LIBRARY_ENTRIES,
    format: ["esm", "cjs"],
    dts: true,
    // Shared chunks in both formats, so that index and testing share one copy of each module (one
    // error class identity per format) instead of the CJS build inlining a copy into each entry.
    splitting: true,
    // The CLI config below writes into the same folder concurrently: never remove its output then.
    clean: Object.keys(CLI_ENTRY).length > 0 ? ["!cli.js"] : true,
  },
];

if (Object.keys(CLI_ENTRY).length > 0) {
  configs.push({
    ...common,
    entry: CLI_ENTRY,
    format: ["esm"],
    dts: false,
    // Split so that STS code is loaded only when a command needs it (not for --help or explain).
    splitting: true,
    clean: false,
  });
}

export default defineConfig(configs);
