// The library's internals the bench needs are not part of the package's exports: the factory
// createProvider(options, deps), the default Deps and the refresh windows. The bench builds them from src
// with tsup (dependencies stay external) into node_modules/.cache, where the output still resolves the
// project's node_modules. The entry points below are the only place the bench names a src/ path.
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
      refreshPolicy: join(root, "src", "refresh", "refresh-policy.ts"),
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
  const load = (name) => import(pathToFileURL(join(outDir, `${name}.mjs`)).href);
  const { createProvider } = await load("provider");
  const { defaultDeps } = await load("deps");
  const { DEFAULT_REFRESH_WINDOWS } = await load("refreshPolicy");
  return { createProvider, defaultDeps, DEFAULT_REFRESH_WINDOWS };
}
