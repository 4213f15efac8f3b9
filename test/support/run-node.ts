// The one child-process runner of the tests: node scripts, the built CLI, shells, vitest itself and
// programs on a pseudo-terminal, with their output captured and an optional kill timeout. Always
// asynchronous: tests that start the STS emulator in their own process must never spawn synchronously,
// as the emulator could not answer and both would wait forever (succeeds() is for probes only).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface Finished {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved in the order they arrived. */
  output: string;
  /** True when timeoutMs ran out and the process was killed with SIGKILL. */
  timedOut: boolean;
}

export interface RunOptions {
  /** The child's whole environment; the test process's own when absent. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Written to stdin, which is then closed. */
  input?: string;
  /** "pipe" keeps stdin open for child.stdin.write(); "ignore" (the default) gives the child none. */
  stdin?: "pipe" | "ignore";
  /** Kills the process with SIGKILL after this long; `finished` then says timedOut. */
  timeoutMs?: number;
  /**
   * Detached (the default; setsid): a new session without a controlling terminal, so a test run from a
   * terminal never shows the child an MFA prompt on /dev/tty; it also leads a new process group (a shell
   * job), so a test can signal the whole group. false keeps it in the test's session.
   */
  detached?: boolean;
}

export interface Started {
  child: ChildProcess;
  /** The output so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves once the process has exited and its pipes closed; rejects when it could not be started. */
  finished: Promise<Finished>;
}

/** Starts `file args`; the output is captured as it comes. stopStarted() kills what is still running. */
export function startProcess(file: string, args: readonly string[], options: RunOptions = {}): Started {
  const stdin = options.input !== undefined ? "pipe" : (options.stdin ?? "ignore");
  const child = spawn(file, args, { env: options.env ?? process.env, cwd: options.cwd, stdio: [stdin, "pipe", "pipe"], detached: options.detached ?? true });
  started.add(child);
  let stdout = "";
  let stderr = "";
  let output = "";
  let timedOut = false;
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => ((stdout += chunk), (output += chunk)));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => ((stderr += chunk), (output += chunk)));
  if (options.input !== undefined) child.stdin!.end(options.input);
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          child.kill("SIGKILL");
        }, options.timeoutMs);
  const finished = new Promise<Finished>((resolve, reject) => {
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      started.delete(child);
      resolve({ status, signal, stdout, stderr, output, timedOut });
    });
  });
  return { child, stdout: () => stdout, stderr: () => stderr, finished };
}

export function runProcess(file: string, args: readonly string[], options: RunOptions = {}): Promise<Finished> {
  return startProcess(file, args, options).finished;
}

/** Runs this node binary with `args`. */
export function runNode(args: readonly string[], env: NodeJS.ProcessEnv, options: Omit<RunOptions, "env"> = {}): Promise<Finished> {
  return runProcess(process.execPath, args, { ...options, env });
}

/** Like runProcess, but rejects, naming the command and showing its output, unless it exits with 0. */
export async function runChecked(file: string, args: readonly string[], options: RunOptions = {}): Promise<Finished> {
  const run = await runProcess(file, args, options);
  if (run.status !== 0) {
    const how = run.timedOut ? `timed out after ${options.timeoutMs} ms` : `exited with ${run.status ?? run.signal}`;
    throw new Error(`${file} ${args.join(" ")} ${how} in ${options.cwd ?? process.cwd()}\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`);
  }
  return run;
}

/**
 * Runs a shell command line on a pseudo-terminal (util-linux `script`), so the child sees a TTY; what it
 * writes to the terminal arrives on stdout, and child.stdin.write() types on it.
 */
export function startOnTerminal(command: string, env: NodeJS.ProcessEnv): Started {
  return startProcess("script", ["-qfec", command, "/dev/null"], { env, stdin: "pipe" });
}

/** Whether `file args` runs and exits with 0: for probing installed programs, never for the code under test. */
export function succeeds(file: string, args: readonly string[]): boolean {
  return spawnSync(file, args, { stdio: "ignore" }).status === 0;
}

/** Resolves once `read()` contains `text` (polling the captured output as it grows). */
export async function waitFor(read: () => string, text: string, timeoutMs = 8000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!read().includes(text)) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${JSON.stringify(text)}; got ${JSON.stringify(read())}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Kills (SIGKILL) every process started here that is still running: for afterAll. */
export function stopStarted(): void {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

/** Fails fast with the fix when the build output a process test runs is missing. */
export function assertBuilt(...files: string[]): void {
  for (const file of files.length > 0 ? files : [join(ROOT, "dist", "index.cjs")]) {
    if (!existsSync(file)) throw new Error(`${relative(ROOT, file)} is missing: run \`npm run build\` (npm test builds first)`);
  }
}

// --- internal ---

const started = new Set<ChildProcess>();
