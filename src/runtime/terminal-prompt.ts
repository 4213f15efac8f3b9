// Asks for an MFA code on the terminal, like the AWS CLI's getpass: no echo, the terminal put back on
// every way out (answer, error, SIGINT, SIGTERM, SIGHUP, exit). On stdin and stderr when both are
// terminals, else on the controlling terminal (/dev/tty; the AWS CLI runs a credential process with its
// output piped). Prompts take turns: in the process, and across processes per terminal (prompt-turn.ts).
import type { ReadStream } from "node:tty";
import { hasControllingTerminal, openControllingTerminal, terminalId, type OpenTerminal } from "./controlling-terminal.js";
import type { FileSystem } from "./fs.js";
import { takePromptTurn } from "./prompt-turn.js";
import { restoreOnSignal } from "./restore-on-signal.js";

export interface Prompter {
  /** True when a person can answer: stdin and stderr are terminals, or the process has a controlling one. */
  isInteractive(): boolean;
  /** Writes `question` to the terminal and resolves with the line typed, without echoing it. */
  ask(question: string): Promise<string>;
  /**
   * Runs `fn` with the stdin and stderr a command that may talk to the person (mfa_process) should get:
   * the terminal's when there is one. Absent: such a command gets no terminal.
   */
  withTerminal?<T>(fn: (stdio: CommandStdio) => Promise<T>): Promise<T>;
}

/** A child's stdin and stderr: inherited, a terminal's descriptors, or none. */
export type CommandStdio = [stdin: "inherit" | "ignore" | number, stderr: "inherit" | "ignore" | number];

export interface TerminalStreams {
  stdin: NodeJS.ReadStream;
  stderr: NodeJS.WriteStream;
  /** Fall back to the process's controlling terminal when these are not both terminals (the real process). */
  controlling?: boolean;
}

/** For turns across processes; without it, prompts take turns within the process only. */
export interface PromptSystem {
  fs: FileSystem;
  pid: number;
  uid: number | undefined;
}

/**
 * `streams` defaults to the process's own, read at the first prompt (touching `process.stdin` builds the
 * stream, which costs milliseconds in every process that never prompts), with the controlling-terminal
 * fallback.
 */
export function createTerminalPrompt(streams?: TerminalStreams, system?: PromptSystem): Prompter {
  const io = (): TerminalStreams => streams ?? { stdin: process.stdin, stderr: process.stderr, controlling: true };
  const own = () => Boolean(io().stdin.isTTY && io().stderr.isTTY);
  return {
    isInteractive: () => own() || (io().controlling === true && hasControllingTerminal()),
    ask: (question) => inTurn(() => withPromptTerminal(io(), own(), system, (input, output) => readHidden(input, output, question))),
    withTerminal: async (fn) => {
      if (own()) return fn(["inherit", "inherit"]);
      const terminal = io().controlling ? await openControllingTerminal() : undefined;
      if (!terminal) return fn(["ignore", "inherit"]);
      return fn([terminal.inputFd, terminal.outputFd]).finally(() => terminal.close());
    },
  };
}

/** Thrown when the person at the terminal cancels the prompt (Ctrl-C, Ctrl-D, end of input or a signal). */
export class PromptCancelledError extends Error {
  override name = "PromptCancelledError";
}

// --- internal ---

let turn: Promise<unknown> = Promise.resolve();

function inTurn<T>(ask: () => Promise<T>): Promise<T> {
  const answer = turn.then(ask);
  turn = answer.catch(() => undefined);
  return answer;
}

async function withPromptTerminal<T>(
  io: TerminalStreams,
  own: boolean,
  system: PromptSystem | undefined,
  fn: (input: NodeJS.ReadStream, output: NodeJS.WriteStream) => Promise<T>,
): Promise<T> {
  let opened: OpenTerminal | undefined;
  if (!own) {
    opened = io.controlling ? await openControllingTerminal() : undefined;
    if (!opened) throw new PromptCancelledError("there is no terminal to ask on");
  }
  const input = (opened?.input ?? io.stdin) as NodeJS.ReadStream;
  const output = (opened?.output ?? io.stderr) as NodeJS.WriteStream;
  const fd = opened ? opened.inputFd : ((io.stdin as { fd?: number }).fd ?? 0);
  const release = system ? await takePromptTurn(terminalId(fd), system) : async () => undefined;
  try {
    return await fn(input, output);
  } finally {
    opened?.close();
    await release();
  }
}

function readHidden(stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const tty = stdin as ReadStream;
    const wasRaw = tty.isRaw;
    let typed = "";
    let restored = false;
    const restore = () => {
      if (restored) return;
      restored = true;
      if (typeof tty.setRawMode === "function") tty.setRawMode(wasRaw);
    };
    const finish = (error?: Error) => {
      removeSignalHandlers();
      stdin.off("data", onData);
      stdin.off("end", onEnd);
      restore();
      stdin.pause();
      stderr.write("\n");
      if (error) reject(error);
      else resolve(typed.trim());
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
    // Restored synchronously in the handler: the signal may end the process right after it.
    const removeSignalHandlers = restoreOnSignal(restore, (signal) => finish(new PromptCancelledError(`MFA prompt interrupted by ${signal}`)));
    // Echo goes off before the question appears, so a code typed at once is never shown.
    if (typeof tty.setRawMode === "function") tty.setRawMode(true);
    stderr.write(question);
    stdin.on("data", onData);
    stdin.on("end", onEnd);
    stdin.resume();
  });
}
