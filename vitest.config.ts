import { homedir } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    // One child process per test file: each file gets its own process.env, HOME and module graph.
    pool: "forks",
    testTimeout: 10_000,
    hookTimeout: 15_000,
    // Runs in each test process before each test file: strips the machine's AWS_* variables, sets
    // AWS_EC2_METADATA_DISABLED=true, points HOME at a fresh temp folder and blocks non-loopback sockets.
    setupFiles: ["test/support/isolate-env.ts"],
    env: { AWS_EC2_METADATA_DISABLED: "true" },
    // vi.stubEnv() changes are undone after each test.
    unstubEnvs: true,
    // Unhandled errors and rejections fail the run (vitest's default). Never set
    // dangerouslyIgnoreUnhandledErrors or an onUnhandledError that swallows them
    // (test/hardening/unhandled-rejections.test.ts checks this config does fail such a run).
    // The real home folder, read here in the main process before isolate-env.ts replaces HOME: the
    // packaging test runs npm with it, so that npm finds its usual cache and .npmrc.
    provide: { realHome: homedir() },
  },
});

declare module "vitest" {
  export interface ProvidedContext {
    realHome: string;
  }
}
