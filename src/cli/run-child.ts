// Runs exec's command with this process's stdio and returns its exit status: its code, 128 + the signal
// number when a signal ended it, 127 when CMD cannot be found, 126 when it cannot be run (the shell's
// conventions). Signals follow the terminal, since Node cannot tell who sent one: SIGINT and SIGQUIT are
// never passed on (the terminal sends them to the whole foreground group, the command included; passing
// them on made Ctrl-C arrive twice), SIGTERM and SIGHUP are passed on once each time they arrive, and
// this process waits for the command rather than leaving it orphaned with live credentials.
import type { ChildProcess } from "node:child_process";
import { constants } from "node:os";
import { PROGRAM } from "./cli-error.js";
import type { CliIo, HandledSignal } from "./cli-io.js";

export function runChild(file: string, args: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
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
    // Handled (not ignored) so that this process outlives the command whatever arrives.
    for (const signal of GROUP_SIGNALS) stops.push(io.onSignal(signal, () => undefined));
    for (const signal of FORWARDED) stops.push(io.onSignal(signal, () => child.kill(signal)));
    child.on("error", (error) => {
      // Only a failure to start ends the run; a failed kill() of a running child is not fatal.
      if (child.pid === undefined) finish(spawnFailed(file, error, io));
    });
    child.once("exit", (code, signal) => {
      finish(signal ? 128 + (constants.signals[signal] ?? 0) : (code ?? 1));
    });
  });
}

// --- internal ---

const GROUP_SIGNALS: HandledSignal[] = ["SIGINT", "SIGQUIT"];
const FORWARDED: HandledSignal[] = ["SIGTERM", "SIGHUP"];

function spawnFailed(file: string, error: unknown, io: CliIo): number {
  const code = (error as NodeJS.ErrnoException)?.code;
  const notFound = code === "ENOENT";
  io.stderr.write(
    `${PROGRAM}: ${notFound ? "COMMAND_NOT_FOUND" : "COMMAND_NOT_EXECUTABLE"}: cannot run "${file}": ` +
      `${notFound ? "no such command" : ((error as Error)?.message ?? String(error))}\n`,
  );
  return notFound ? 127 : 126;
}
