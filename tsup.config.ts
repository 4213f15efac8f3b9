// Build of the published package: dist/ holds ESM (.js) and CJS (.cjs) with per-format declarations
// (.d.ts for import, .d.cts for require). Every dependency stays external (tsup's default), so
// `await import("@aws-sdk/client-sts")` stays lazy in both formats: ESM keeps the import(), CJS turns it
// into `Promise.resolve().then(() => require(...))` inside the calling function.
//
// Entries are added only when their source file exists, so the build works while they are being written:
//   src/index.ts          -> dist/index.{js,cjs,d.ts,d.cts}       package "."
//   src/testing/index.ts  -> dist/testing.{js,cjs,d.ts,d.cts}     package "./testing"
//   src/cli.ts            -> dist/cli.js (ESM only, +x, shebang)  package "bin"
// When testing/index.ts or cli.ts lands, package.json needs its "exports"/"bin" entry as well: see the
// notes at LIBRARY_ENTRIES and CLI_ENTRY below.
import { existsSync } from "node:fs";
import { defineConfig, type Options } from "tsup";

const present = (entries: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)));

// package.json "exports" for "./testing", once src/testing/index.ts exists (types first in each branch):
//   "./testing": {
//     "import": { "types": "./dist/testing.d.ts", "default": "./dist/testing.js" },
//     "require": { "types": "./dist/testing.d.cts", "default": "./dist/testing.cjs" }
//   },
// and, so that `attw --pack .` still passes its node10 check (TypeScript's legacy
// moduleResolution "node", which ignores "exports"):
//   "typesVersions": { "*": { "testing": ["./dist/testing.d.cts"] } }
const LIBRARY_ENTRIES = present({
  index: "src/index.ts",
  testing: "src/testing/index.ts",
});

// package.json, once src/cli.ts exists (its first line must be `#!/usr/bin/env node`):
//   "bin": { "aws-profile-credentials": "./dist/cli.js" }
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
    splitting: false,
    clean: false,
  });
}

export default defineConfig(configs);
