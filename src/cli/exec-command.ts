// `exec -- CMD [ARGS...]`: runs CMD with the credentials in its environment (AWS_PROFILE removed), its
// stdin/stdout/stderr those of this process, SIGINT and SIGTERM passed on, and returns its exit code:
// 128 + the signal number when a signal ended it, 127 when CMD cannot be found, 126 when it cannot be run
// (the shell's conventions).
import type { ChildProcess } from "node:child_process";
import { constants } from "node:os";
import { PROGRAM } from "./cli-error.js";
import type { CliIo, ForwardedSignal } from "./cli-io.js";
import { credentialVariables, type CredentialVariables } from "./credential-variables.js";
import type { Command } from "./parse-args.js";
import { resolveCliCredentials } from "./resolve-cli-credentials.js";

export async function execCommand(command: Extract<Command, { kind: "exec" }>, io: CliIo): Promise<number> {
  const { credentials, region } = await resolveCliCredentials(command, io);
  const env = childEnvironment(io.env, credentialVariables(credentials, region));
  return runChild(command.command, command.args, env, io);
}

/** `env` with the variables set and removed; other variables pass through unchanged. */
export function childEnvironment(env: CliIo["env"], variables: CredentialVariables): NodeJS.ProcessEnv {
  const child: NodeJS.ProcessEnv = { ...env };
  for (const name of variables.unset) delete child[name];
  for (const [name, value] of variables.set) child[name] = value;
  return child;
}

// --- internal ---

const FORWARDED: ForwardedSignal[] = ["SIGINT", "SIGTERM"];

function runChild(file: string, args: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  return new Promise((resolve) => {
    const stops: (() => void)[] = [];
    let settled = false;
    const finish = (code: number) => {
      if (settled) return;
      settled = true;
      for (const stop of stops) stop();
      resolve(code);
    };
    let child: ChildProcess;
    try {
      child = io.spawn(file, args, { env, stdio: "inherit" });
    } catch (error) {
      finish(spawnFailed(file, error, io));
      return;
    }
    for (const signal of FORWARDED) {
      stops.push(io.onSignal(signal, () => child.kill(signal)));
    }
    child.on("error", (error) => {
      // Only a failure to start ends the run; a failed kill() of a running child is not fatal.
      if (child.pid === undefined) finish(spawnFailed(file, error, io));
    });
    child.once("exit", (code, signal) => {
      finish(signal ? 128 + (constants.signals[signal] ?? 0) : (code ?? 1));
    });
  });
}

function spawnFailed(file: string, error: unknown, io: CliIo): number {
  const code = (error as NodeJS.ErrnoException)?.code;
  const notFound = code === "ENOENT";
  io.stderr.write(
    `${PROGRAM}: ${notFound ? "COMMAND_NOT_FOUND" : "COMMAND_NOT_EXECUTABLE"}: cannot run "${file}": ` +
      `${notFound ? "no such command" : ((error as Error)?.message ?? String(error))}\n`,
  );
  return notFound ? 127 : 126;
}
