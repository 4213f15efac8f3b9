// Asks for an MFA code on the terminal, like the AWS CLI's getpass: the prompt goes to stderr and the
// typed code is not echoed. Used only when stdin and stderr are both terminals. Prompts are serialised
// process-wide: two roles never ask at the same time on one terminal. A SIGINT, SIGTERM or SIGHUP while
// echo is off restores the terminal first, then ends the process by that signal unless the program
// handles it.
import type { ReadStream } from "node:tty";

export interface Prompter {
  /** True when a person can answer: stdin and stderr are terminals. */
  isInteractive(): boolean;
  /** Writes `question` to stderr and resolves with the line typed, without echoing it. */
  ask(question: string): Promise<string>;
}

export interface TerminalStreams {
  stdin: NodeJS.ReadStream;
  stderr: NodeJS.WriteStream;
}

/**
 * `streams` defaults to the process's own, read at the first prompt: touching `process.stdin` or
 * `process.stderr` builds the stream objects, which costs milliseconds in every process that never prompts.
 */
export function createTerminalPrompt(streams?: TerminalStreams): Prompter {
  const io = () => streams ?? { stdin: process.stdin, stderr: process.stderr };
  return {
    isInteractive: () => Boolean(io().stdin.isTTY && io().stderr.isTTY),
    ask: (question) => {
      const answer = turn.then(() => readHidden(io(), question));
      turn = answer.catch(() => undefined);
      return answer;
    },
  };
}

/** Thrown when the person at the terminal cancels the prompt (Ctrl-C, Ctrl-D or end of input). */
export class PromptCancelledError extends Error {
  override name = "PromptCancelledError";
}

// --- internal ---

let turn: Promise<unknown> = Promise.resolve();

/** The signals that end a process at a terminal (Ctrl-C from kill, kill's default, the terminal closing). */
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

function readHidden({ stdin, stderr }: TerminalStreams, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const tty = stdin as ReadStream;
    const wasRaw = tty.isRaw;
    let typed = "";
    const finish = (error?: Error) => {
      stdin.off("data", onData);
      stdin.off("end", onEnd);
      for (const signal of SIGNALS) process.off(signal, onSignal);
      if (typeof tty.setRawMode === "function") tty.setRawMode(wasRaw);
      stdin.pause();
      stderr.write("\n");
      if (error) reject(error);
      else resolve(typed.trim());
    };
    const onSignal = (signal: NodeJS.Signals) => {
      // Runs first (prepended) and removes itself, so the listeners after it in this same emission see the
      // process as it would be without a prompt (signal-exit, through proper-lockfile, then releases its
      // locks and re-raises). With no other listener, raise the signal again: our listener alone kept it
      // from ending the process.
      finish(new PromptCancelledError(`MFA prompt interrupted by ${signal}`));
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    const onEnd = () => finish(new PromptCancelledError("input ended before an MFA code was entered"));
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString("utf8")) {
        if (char === "\r" || char === "\n") return finish();
        if (char === "\u0003" || char === "\u0004") return finish(new PromptCancelledError("MFA prompt cancelled"));
        if (char === "\u007f" || char === "\b") typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    // Echo goes off before the question appears, so a code typed at once is never shown.
    for (const signal of SIGNALS) process.prependListener(signal, onSignal);
    if (typeof tty.setRawMode === "function") tty.setRawMode(true);
    stderr.write(question);
    stdin.on("data", onData);
    stdin.on("end", onEnd);
    stdin.resume();
  });
}
