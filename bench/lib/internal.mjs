// The library's internal factory createProvider(options, deps) is not part of the package's exports, so
// the bench builds it from src with tsup (dependencies stay external) into node_modules/.cache, where the
// output still resolves the project's node_modules. Used by the simulated 24 hours (#8) only.
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "tsup";

const root = fileURLToPath(new URL("../..", import.meta.url));

export async function loadInternal() {
  const outDir = join(root, "node_modules", ".cache", "aws-profile-credentials-bench");
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await build({
    config: false,
    silent: true,
    entry: {
      provider: join(root, "src", "from-profile-with-role-assumption.ts"),
      deps: join(root, "src", "runtime", "deps.ts"),
    },
    outDir,
    format: ["esm"],
    outExtension: () => ({ js: ".mjs" }),
    platform: "node",
    target: "node20",
    splitting: true,
    dts: false,
    clean: false,
    sourcemap: false,
  });
  const { createProvider } = await import(pathToFileURL(join(outDir, "provider.mjs")).href);
  const { defaultDeps } = await import(pathToFileURL(join(outDir, "deps.mjs")).href);
  return { createProvider, defaultDeps };
}
