// Runs the built CLI (dist/cli.js) and shells as real child processes, always asynchronously: the STS
// emulator answers from the test process, so a synchronous spawn would deadlock.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { RoleWorld } from "../support/role-world.js";

export const ROOT = join(__dirname, "..", "..");
export const CLI = join(ROOT, "dist", "cli.js");

export interface Finished {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function assertBuilt(): void {
  if (!existsSync(CLI)) throw new Error("dist/cli.js is missing: run `npm run build` (npm test builds first)");
}

/** The environment a user's shell would give the CLI, pointed at the emulator and the world's HOME. */
export function cliEnv(world: RoleWorld, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: world.home,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_ENDPOINT_URL_STS: world.sts.endpoint,
    // Set by test/support/isolate-env.ts: keeps the SDK's Node 20 notice off stderr.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED,
    ...extra,
  };
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
): { child: ChildProcess; finished: Promise<Finished>; output: () => string } {
  const child = spawn(file, args, { env, cwd: ROOT, stdio: ["pipe", "pipe", "pipe"], detached: options.detached ?? true });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  if (stdin !== undefined) child.stdin!.end(stdin);
  const finished = new Promise<Finished>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
  return { child, finished, output: () => stdout };
}

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv, stdin = ""): Promise<Finished> {
  return start(process.execPath, [CLI, ...args], env, stdin).finished;
}

export function runShell(script: string, env: NodeJS.ProcessEnv, shell = "sh"): Promise<Finished> {
  return start(shell, ["-c", script], env, "").finished;
}

/** Resolves once `read()` contains `text` (polling the captured output as it grows). */
export async function waitFor(read: () => string, text: string, timeoutMs = 8000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!read().includes(text)) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${JSON.stringify(text)}; got ${JSON.stringify(read())}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Quotes a path for sh. */
export function sh(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
