// After tsup: the ES module files Node loads, over the CommonJS build (see tsup.config.ts for why).
//
// dist/cli.js, the package's bin: a shebang and a require of dist/cli.cjs.
//
// An ES module entry for each CommonJS library entry, named
// after it (dist/index.cjs -> dist/index.js), exporting exactly what the CommonJS entry exports, and its
// declarations (dist/index.d.cts -> dist/index.d.ts: the same declarations, read as ESM).
//
// The ES module imports a two-line bridge (dist/index.bridge.cjs), not the bundle itself: Node scans
// every CommonJS file an ES module imports for its export names (cjs-module-lexer), which costs about
// 10 ms for a 70 kB bundle, and the bridge's `module.exports = entry` gives that scan nothing to follow.
import { chmod, copyFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const require = createRequire(dist);

for (const entry of ["index", "testing"]) {
  const names = Object.keys(require(`./${entry}.cjs`)).filter((name) => name !== "__esModule").sort();
  if (names.length === 0) throw new Error(`dist/${entry}.cjs exports nothing`);
  const bridge = [
    `// Hands ${entry}.cjs to ${entry}.js without Node scanning ${entry}.cjs for export names (a 70 kB parse).`,
    `const entry = require("./${entry}.cjs");`,
    "module.exports = entry;",
    "",
  ].join("\n");
  await writeFile(`${dist}${entry}.bridge.cjs`, bridge);
  const source = [
    `// ES module entry over the CommonJS build (${entry}.cjs): import and require share one copy of the package.`,
    `import cjs from "./${entry}.bridge.cjs";`,
    `export const {\n${names.map((name) => `  ${name},`).join("\n")}\n} = cjs;`,
    "",
  ].join("\n");
  await writeFile(`${dist}${entry}.js`, source);
  await copyFile(`${dist}${entry}.d.cts`, `${dist}${entry}.d.ts`);
}

// The bin keeps its name (`node dist/cli.js ...` works as documented). createRequire rather than `import`:
// Node would scan the 100 kB CLI bundle for export names before running it.
const cli = [
  "#!/usr/bin/env node",
  "// The aws-profile-credentials command, in cli.cjs (required, not imported: no scan for export names).",
  'import { createRequire } from "node:module";',
  "",
  'createRequire(import.meta.url)("./cli.cjs");',
  "",
].join("\n");
await writeFile(`${dist}cli.js`, cli);
await chmod(`${dist}cli.js`, 0o755);
