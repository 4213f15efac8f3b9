// The terminal a person is at, when stdin or stderr is not it: the AWS CLI, botocore, Terraform and `$(...)`
// run a credential process with stdout and stderr piped, yet the process still has a controlling terminal.
// POSIX: /dev/tty. Windows: CONIN$ and CONOUT$ (best effort, untested: no Windows machine runs the tests).
import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";
import type { ReadStream, WriteStream } from "node:tty";

/** The controlling terminal opened for one prompt or one mfa_process; `close()` gives both ends back. */
export interface OpenTerminal {
  input: ReadStream;
  output: WriteStream;
  /** File descriptors a child process can take as its stdin and stderr while the terminal is open. */
  inputFd: number;
  outputFd: number;
  close(): void;
}

/** Opens the controlling terminal, or undefined when the process has none (a daemon, CI, `setsid`). */
export async function openControllingTerminal(): Promise<OpenTerminal | undefined> {
  const [inName, outName] = process.platform === "win32" ? ["CONIN$", "CONOUT$"] : ["/dev/tty", "/dev/tty"];
  // Loaded at the first prompt: node:tty brings net and streams, which a process that never prompts (a
  // deployed Lambda with environment keys) must not pay for at import.
  const { ReadStream, WriteStream } = await import("node:tty");
  let inputFd: number | undefined;
  try {
    inputFd = openSync(inName, "r");
    const outputFd = openSync(outName, "w");
    const input = new ReadStream(inputFd);
    const output = new WriteStream(outputFd);
    let closed = false;
    return {
      input,
      output,
      inputFd,
      outputFd,
      close() {
        if (closed) return;
        closed = true;
        // Each stream owns its descriptor and closes it.
        input.destroy();
        output.destroy();
      },
    };
  } catch {
    if (inputFd !== undefined) closeSync(inputFd);
    return undefined;
  }
}

/** Whether the process has a controlling terminal (opened and closed again at once). */
export function hasControllingTerminal(): boolean {
  const name = process.platform === "win32" ? "CONIN$" : "/dev/tty";
  try {
    closeSync(openSync(name, "r"));
    return true;
  } catch {
    return false;
  }
}

/**
 * Names the terminal behind `fd` (its device number), so prompts take turns per terminal, not per machine.
 * An fd opened from /dev/tty reports /dev/tty's own device number, the same for every terminal, so on Linux
 * the controlling terminal's number comes from /proc/self/stat (tty_nr) instead. Elsewhere (macOS, untested)
 * prompts through /dev/tty share one turn per user.
 */
export function terminalId(fd: number): string {
  try {
    const device = fstatSync(fd).rdev;
    return device === GENERIC_TTY_DEVICE ? (controllingTerminalNumber() ?? String(device)) : String(device);
  } catch {
    return "0";
  }
}

// --- internal ---

/** /dev/tty on Linux: major 5, minor 0. */
const GENERIC_TTY_DEVICE = 5 * 256;

function controllingTerminalNumber(): string | undefined {
  try {
    // Field 7 of /proc/self/stat; the command name (field 2) is in parentheses and may hold spaces.
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const number = fields[4];
    return number && number !== "0" ? number : undefined;
  } catch {
    return undefined;
  }
}
