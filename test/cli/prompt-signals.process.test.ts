// A signal during the MFA prompt (which turns the terminal's echo off) must leave the terminal as it was:
// the built CLI waits at the prompt on a real pseudo-terminal (util-linux `script`), gets SIGINT, SIGTERM
// or SIGHUP, and `stty -g` on that terminal afterwards must equal what it was before. With no other
// handler for the signal, the CLI then still ends by that signal (the shell sees 128 + its number), and
// the cache lock it held while asking is released on the way out. A program with its own handler keeps
// running, with the terminal restored and the prompt cancelled.
import { spawn } from "node:child_process";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { constants } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MFA_SERIAL, openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";
import { assertBuilt, CLI, cliEnv, ROOT, sh, waitFor } from "./cli-process.js";

let world: RoleWorld;
beforeAll(async () => {
  assertBuilt();
  world = await startRoleWorld({ roles: [openRole("Mfa", { mfaRequired: true })] });
  await world.config(`[profile m]\nrole_arn = ${role("Mfa")}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\n`);
});
afterAll(() => world?.close());

/**
 * In a pseudo-terminal: the terminal's settings, then `command` in the background with that terminal as
 * its stdin (a non-interactive shell would give it /dev/null), `signal` to it at the prompt, its exit
 * status, and the settings again, which must equal the first. Returns the transcript.
 */
async function signalAtPrompt(command: string, signal: NodeJS.Signals): Promise<string> {
  const script = ['T=$(tty); echo "BEFORE=$(stty -g)"', `${command} <"$T" & echo "PID=$!"`, 'wait $!; echo "STATUS=$?"', 'echo "AFTER=$(stty -g)"'].join("\n");
  const child = spawn("script", ["-qfec", `sh -c ${sh(script)}`, "/dev/null"], { env: cliEnv(world), cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
  let terminal = "";
  child.stdout.on("data", (chunk: Buffer) => (terminal += chunk.toString("utf8")));
  const closed = new Promise((resolve) => child.on("close", resolve));
  await waitFor(() => terminal, `Enter MFA code for ${MFA_SERIAL}: `);
  process.kill(Number(/PID=(\d+)/.exec(terminal)![1]), signal);
  await closed;
  const before = /BEFORE=(\S+)/.exec(terminal)![1];
  expect(before).toMatch(/^[0-9a-f:]+$/);
  expect(/AFTER=(\S+)/.exec(terminal)![1]).toBe(before);
  return terminal;
}

describe("a signal during the MFA prompt (built CLI on a pseudo-terminal)", () => {
  it.each([["SIGINT"], ["SIGTERM"], ["SIGHUP"]] as const)("%s: the terminal's mode is restored and the CLI ends by the signal", async (signal) => {
    const terminal = await signalAtPrompt(`node ${sh(CLI)} export --profile m`, signal);
    expect(Number(/STATUS=(\d+)/.exec(terminal)![1])).toBe(128 + constants.signals[signal]);
    expect(world.sts.callsTo("AssumeRole")).toEqual([]);
    expect((await readdir(join(world.home, ".aws", "cli", "cache"))).filter((name) => name.endsWith(".lock"))).toEqual([]);
  }, 15_000);

  it("a program that handles SIGTERM itself keeps running: the terminal is restored and the prompt is cancelled", async () => {
    const program = [
      `const { fromProfileWithRoleAssumption } = require(${JSON.stringify(join(ROOT, "dist", "index.cjs"))});`,
      'process.on("SIGTERM", () => console.log("HANDLED"));',
      'fromProfileWithRoleAssumption({ profile: "m" })().catch((e) => console.log(`CODE=${e.code}`));',
    ].join("\n");
    const terminal = await signalAtPrompt(`node -e ${sh(program)}`, "SIGTERM");
    expect(terminal).toContain("HANDLED");
    expect(terminal).toContain("CODE=MFA_CODE_REQUIRED");
    expect(terminal).toContain("STATUS=0");
  }, 15_000);
});
