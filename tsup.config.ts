// Build of the published package. All code is compiled once, as CommonJS:
//   src/index.ts          -> dist/index.cjs   + dist/index.d.cts     package "."        (require)
//   src/testing/index.ts  -> dist/testing.cjs + dist/testing.d.cts   package "./testing" (require)
//   src/cli.ts            -> dist/cli.cjs, run by dist/cli.js          package "bin"
// scripts/esm-entries.mjs then writes dist/index.js and dist/testing.js, ES modules that re-export the
// CommonJS build, with dist/*.d.ts beside them (package "import" conditions). Bundlers get dist/esm/
// instead (the "module" condition), an ES module build they can bundle into ESM output.
//
// Why not a second, ESM copy of the code for Node: every AWS SDK package Node loads is CommonJS, and an
// ES module that imports CommonJS pays Node's ESM-to-CJS translation for each import (about 15 ms more to
// the first credentials of a cold role, npm run bench #4). Through the wrapper, `import` costs what
// `require` costs, and a program that both imports and requires the package gets one copy of it: one MFA
// prompt queue, one set of error classes for `instanceof`.
import { defineConfig, type Options } from "tsup";

const LIBRARY = { index: "src/index.ts", testing: "src/testing/index.ts" };

const common = {
  target: "node20",
  platform: "node",
  sourcemap: false,
  // Keep the published code readable and stack traces meaningful.
  minify: false,
  shims: false,
  // Every dependency stays external (tsup's default).
} satisfies Options;

export default defineConfig([
  {
    ...common,
    entry: { ...LIBRARY, cli: "src/cli.ts" },
    format: ["cjs"],
    outDir: "dist",
    dts: { entry: LIBRARY },
    // One self-contained file per entry, written by esbuild. Code behind `await import(...)` (the profile
    // resolver, the cache, STS) is compiled with the entry but runs only when first needed. (tsup's CJS
    // code splitting would rewrite every `?.` and `??` into helper calls, the credential hot path
    // included, or with rollup keep `import()`, which sends each lazy load through Node's ESM loader.)
    splitting: false,
    esbuildOptions(options) {
      // `import("pkg")` becomes `Promise.resolve().then(() => require("pkg"))`: still lazy, without a trip
      // through Node's ESM loader for a package that is CommonJS anyway.
      options.supported = { ...options.supported, "dynamic-import": false };
    },
    // Both builds run at once: leave dist/esm to the one below.
    clean: ["!esm/**"],
  },
  {
    ...common,
    // For bundlers only (package.json "module" condition and field, which Node ignores): an ES module build
    // that esbuild, webpack and rollup bundle into ESM output without `require` shims.
    entry: LIBRARY,
    format: ["esm"],
    outDir: "dist/esm",
    dts: false,
    splitting: true,
    clean: true,
  },
]);
