// Standard output that cannot be written (a reader that closed the pipe, `| head -c0`; a full disk,
// `> /dev/full`) ends the built CLI with exit 1 and one line on stderr, not Node's unhandled-error stack.
import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, CLI, ROOT, sh } from "./cli-process.js";

const ENV = {
  PATH: process.env.PATH,
  HOME: "/nonexistent",
  AWS_ACCESS_KEY_ID: "AKIDOUTPUT0000000001",
  AWS_SECRET_ACCESS_KEY: "output-canary-secret",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED,
};
const ONE_LINE = /^aws-profile-credentials: OUTPUT_ERROR: could not write to standard output \([^\n]+\)\n$/;

beforeAll(() => assertBuilt());

/** Runs the CLI with stdout on `stdout` (a file descriptor, or a pipe whose reader closes at once). */
function runWithStdout(args: string[], stdout: number | "closed-pipe"): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { env: ENV, cwd: ROOT, stdio: ["ignore", stdout === "closed-pipe" ? "pipe" : stdout, "pipe"] });
  if (stdout === "closed-pipe") child.stdout!.destroy();
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stderr }));
  });
}

describe("an unwritable standard output", () => {
  it.each([["export"], ["credential-process"], ["--help"]])("`%s` into a pipe whose reader has gone: exit 1, one line", async (command) => {
    const run = await runWithStdout([command], "closed-pipe");
    expect(run.stderr).toMatch(ONE_LINE);
    expect(run.stderr).toContain("EPIPE");
    expect(run.status).toBe(1);
  });

  it("`export | head -c0` in a shell: exit 1, one line", async () => {
    const child = spawn("bash", ["-c", `node ${sh(CLI)} export | head -c0; exit "\${PIPESTATUS[0]}"`], { env: ENV, cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const status = await new Promise((resolve) => child.on("close", resolve));
    expect(stderr).toMatch(ONE_LINE);
    expect(status).toBe(1);
  });

  it("`export > /dev/full`: exit 1, one line naming ENOSPC", async () => {
    const full = openSync("/dev/full", "w");
    try {
      const run = await runWithStdout(["export"], full);
      expect(run.stderr).toMatch(ONE_LINE);
      expect(run.stderr).toContain("ENOSPC");
      expect(run.stderr).not.toContain("output-canary-secret");
      expect(run.status).toBe(1);
    } finally {
      closeSync(full);
    }
  });
});
