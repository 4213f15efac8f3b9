// Runs a profile's mfa_process: a command, through the platform shell, whose standard output is the MFA
// code (e.g. `ykman oath accounts code --single "AWS"`). Its stdin and stderr are on the terminal when
// there is one, so "touch your key" is seen; the wait is bounded. Errors never quote the output (the code).
import { spawn } from "node:child_process";
import type { Env } from "./env.js";
import type { CommandStdio } from "./terminal-prompt.js";

/** How long an mfa_process may take (a person touching a key included). */
export const MFA_PROCESS_TIMEOUT_MS = 60_000;

/** Why an mfa_process gave no code; `reason` never contains its output. */
export class MfaProcessError extends Error {
  override name = "MfaProcessError";
}

export interface MfaProcessOptions {
  stdio: CommandStdio;
  env: Env;
  /** @default MFA_PROCESS_TIMEOUT_MS */
  timeoutMs?: number;
}

/** The command's trimmed standard output. */
export function runMfaProcess(command: string, { stdio, env, timeoutMs = MFA_PROCESS_TIMEOUT_MS }: MfaProcessOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(command, { shell: true, stdio: [stdio[0], "pipe", stdio[1]], env: env as NodeJS.ProcessEnv, windowsHide: true });
    } catch (error) {
      reject(new MfaProcessError(`could not be started (${(error as NodeJS.ErrnoException)?.code ?? "error"})`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (error: Error | undefined, code?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(code as string);
    };
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      settle(new MfaProcessError(`did not finish within ${timeoutMs / 1000} seconds`));
    }, timeoutMs);
    child.stdout!.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_OUTPUT) chunks.push(chunk);
    });
    child.on("error", (error: NodeJS.ErrnoException) => settle(new MfaProcessError(`could not be started (${error.code ?? "error"})`)));
    child.on("close", (status, signal) => {
      if (signal) return settle(new MfaProcessError(`was ended by ${signal}`));
      if (status !== 0) return settle(new MfaProcessError(`exited with status ${status}`));
      if (size > MAX_OUTPUT) return settle(new MfaProcessError(`printed more than ${MAX_OUTPUT} bytes, not a code`));
      const code = Buffer.concat(chunks).toString("utf8").trim();
      if (code === "") return settle(new MfaProcessError("printed no code"));
      settle(undefined, code);
    });
  });
}

// --- internal ---

const MAX_OUTPUT = 1024;
