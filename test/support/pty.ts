// Runs a shell command on a real pseudo-terminal that is its controlling terminal (test/fixtures/tty/
// pty-driver.py, python3's pty module): what a person at a terminal window would see, what they type, the
// signals they send, and the terminal settings (`stty -a`) left behind.
import { spawn } from "node:child_process";
import { join } from "node:path";

const DRIVER = join(__dirname, "..", "fixtures", "tty", "pty-driver.py");

export interface PtyRun {
  /** Everything written to the terminal so far. */
  output(): string;
  /** Types `text` and Enter. */
  type(text: string): void;
  kill(signal: "SIGINT" | "SIGTERM" | "SIGHUP"): void;
  /** Resolves once the terminal shows `text` `count` times. */
  waitFor(text: string, count?: number, timeoutMs?: number): Promise<void>;
  /** `stty -a` of the terminal now. */
  stty(): Promise<string>;
  /** The command's exit status (minus the signal that ended it) and the terminal settings it left. */
  exited: Promise<{ status: number; stty: string; output: string }>;
}

export function runOnPty(command: string, env: NodeJS.ProcessEnv): PtyRun {
  const child = spawn("python3", [DRIVER, "sh", "-c", command], { env, stdio: ["pipe", "pipe", "inherit"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const count = (text: string) => output.split(text).length - 1;
  const settings = () => [...output.matchAll(/@@STTY (.*?)@@/g)].map((m) => m[1]!);
  const until = async (done: () => boolean, what: string, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) {
        // Hang the terminal up (pty-driver.py), so a prompt left waiting does not outlive the test.
        child.stdin.end();
        throw new Error(`timed out waiting for ${what}; terminal: ${JSON.stringify(output)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const waitFor = (text: string, times = 1, timeoutMs?: number) => until(() => count(text) >= times, `${JSON.stringify(text)} x${times}`, timeoutMs);
  const exited = new Promise<{ status: number; stty: string; output: string }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", () => {
      const status = /@@EXIT (-?\d+)@@/.exec(output);
      const stty = [...output.matchAll(/@@STTY (.*?)@@/g)].pop();
      if (!status || !stty) reject(new Error(`the pty driver ended early; terminal: ${JSON.stringify(output)}`));
      else resolve({ status: Number(status[1]), stty: stty[1]!, output: output.slice(0, status.index) });
    });
  });
  return {
    output: () => output,
    type: (text) => child.stdin.write(`type ${text}\n`),
    kill: (signal) => child.stdin.write(`kill ${signal}\n`),
    waitFor,
    async stty() {
      const before = settings().length;
      child.stdin.write("stty\n");
      await until(() => settings().length > before, "stty -a");
      return settings()[before]!;
    },
    exited,
  };
}

/** Whether `stty -a` output shows echo on (`echo`, not `-echo`). */
export function echoOn(stty: string): boolean {
  return /(^|\s)echo(\s|$)/.test(stty);
}
