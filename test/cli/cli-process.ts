// Runs the built CLI (dist/cli.js) and shells as real child processes through test/support/run-node.ts
// (always asynchronously: the STS emulator answers from the test process).
import { join } from "node:path";
import type { RoleWorld } from "../support/role-world.js";
import { assertBuilt as assertFilesBuilt, ROOT, startProcess, type Finished, type Started } from "../support/run-node.js";

export { ROOT, waitFor, type Finished } from "../support/run-node.js";
export const CLI = join(ROOT, "dist", "cli.js");

export function assertBuilt(): void {
  assertFilesBuilt(CLI);
}

/** The environment a user's shell would give the CLI, pointed at the emulator and the world's HOME. */
export function cliEnv(world: RoleWorld, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return world.childEnv(extra);
}

/**
 * Starts `file args` in the repository folder; `finished` resolves once it has exited and its pipes closed.
 * Detached by default (a new session, `setsid`): the child has no controlling terminal, so a test run from a
 * terminal never shows it an MFA prompt on /dev/tty; it also leads a new process group (a shell job), so a
 * test can signal the group.
 */
export function start(
  file: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  stdin?: string,
  options: { detached?: boolean } = {},
): Started & { output: () => string } {
  const started = startProcess(file, args, { env, cwd: ROOT, stdin: "pipe", detached: options.detached ?? true, ...(stdin !== undefined ? { input: stdin } : {}) });
  return { ...started, output: started.stdout };
}

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv, stdin = ""): Promise<Finished> {
  return start(process.execPath, [CLI, ...args], env, stdin).finished;
}

export function runShell(script: string, env: NodeJS.ProcessEnv, shell = "sh"): Promise<Finished> {
  return start(shell, ["-c", script], env, "").finished;
}

/** Quotes a path for sh. */
export function sh(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
