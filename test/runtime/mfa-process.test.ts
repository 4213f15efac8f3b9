// runMfaProcess: a real shell command whose standard output is the code, with a bounded wait; failures
// say what happened without quoting the output.
import { describe, expect, it } from "vitest";
import { MFA_PROCESS_TIMEOUT_MS, MfaProcessError, runMfaProcess } from "../../src/runtime/mfa-process.js";

const env = { PATH: process.env.PATH };
const run = (command: string, timeoutMs?: number) =>
  runMfaProcess(command, { stdio: ["ignore", "ignore"], env, ...(timeoutMs !== undefined ? { timeoutMs } : {}) });

describe(runMfaProcess.name, () => {
  it("returns the trimmed standard output of a command run through the shell", async () => {
    expect(await run(`printf '  %s\\n' "$((123000 + 456))"`)).toBe("123456");
  });

  it("waits 60 seconds by default and ends a command that takes longer than its bound", async () => {
    expect(MFA_PROCESS_TIMEOUT_MS).toBe(60_000);
    const started = Date.now();
    const error = await run("sleep 30; echo 123456", 300).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MfaProcessError);
    expect((error as Error).message).toBe("did not finish within 0.3 seconds");
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it.each([
    ["exit 3", "exited with status 3"],
    ["true", "printed no code"],
    ["kill -TERM $$", "was ended by SIGTERM"],
    ["head -c 2000 /dev/zero | tr '\\0' 1", "printed more than 1024 bytes, not a code"],
  ])("fails for `%s`: %s", async (command, reason) => {
    const error = await run(command).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MfaProcessError);
    expect((error as Error).message).toBe(reason);
  });
});
