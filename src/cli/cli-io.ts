// What the CLI takes from the outside world, in one object: cli.ts builds it from `process`, tests build
// their own. Nothing under src/cli/ touches process, its streams or its signals directly.
import type { ChildProcess } from "node:child_process";
import type { Deps } from "../runtime/deps.js";
import type { Env } from "../runtime/env.js";
import type { Credentials } from "../runtime/credentials.js";
import type { TerminalStreams } from "../runtime/terminal-prompt.js";

export interface TextWriter {
  write(text: string): unknown;
}

/** The signals exec and serve act on. */
export type HandledSignal = "SIGINT" | "SIGTERM" | "SIGHUP" | "SIGQUIT";

export interface CallerIdentity {
  Account?: string;
  Arn?: string;
  UserId?: string;
}

export interface CliIo {
  /** The environment the CLI was started with (run() works on a copy). */
  env: Env;
  /** Only the requested output: exports, JSON, the plan, the identity. */
  stdout: TextWriter;
  /** Diagnostics, warnings and errors. */
  stderr: TextWriter;
  /** The terminal the MFA prompt uses (read lazily: stdin is touched only when a code is needed). */
  terminal: TerminalStreams;
  /** Starts exec's child process. */
  spawn: (command: string, args: readonly string[], options: { env: NodeJS.ProcessEnv; stdio: "inherit" }) => ChildProcess;
  /** Calls `handler` whenever this process receives `signal`, until the returned function is called. */
  onSignal(signal: HandledSignal, handler: () => void): () => void;
  /** The real path of the running CLI script, to recognise credential_process lines that run it. */
  selfScript?: string;
  /** Sets a variable in the environment this process passes on to every process it starts. */
  setInheritedEnv(name: string, value: string): void;
  /** Replaces parts of the library's Deps (tests). */
  deps?: Partial<Deps>;
  /** Replaces whoami's STS GetCallerIdentity call (tests). */
  getCallerIdentity?: (credentials: Credentials, region: string) => Promise<CallerIdentity>;
}
