// Worker scripts of the process tests are TypeScript, which Node 20 cannot run: each is bundled with
// esbuild, once per test file, into one CommonJS file that node runs with nothing beside it.
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** Bundles the worker at `entry` (a URL relative to the test's import.meta.url) to `<outDir>/<name>.cjs`. */
export async function bundleWorker(entry: URL, outDir: string): Promise<string> {
  const source = fileURLToPath(entry);
  const outfile = join(outDir, `${basename(source).replace(/\.ts$/, "")}.cjs`);
  await build({ entryPoints: [source], outfile, bundle: true, platform: "node", format: "cjs", target: "node20", logLevel: "silent" });
  return outfile;
}
