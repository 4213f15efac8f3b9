// Bundles a child-process script with esbuild into one CommonJS file that plain `node` runs, so tests can
// spawn workers written in TypeScript against src/ without a build step.
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export async function bundleWorker(entry: URL, outfile: string): Promise<string> {
  await build({ entryPoints: [fileURLToPath(entry)], outfile, bundle: true, platform: "node", format: "cjs", target: "node20", logLevel: "silent" });
  return outfile;
}
