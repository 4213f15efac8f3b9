// exec and signals, as real processes: Ctrl-C (SIGINT to the whole foreground process group) reaches the
// command exactly once, SIGQUIT is never passed on, SIGTERM and SIGHUP sent to exec alone reach the
// command once, and exec waits for the command and exits with its status (128 + signal when it died of it).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";
import { assertBuilt, CLI, cliEnv, start, waitFor } from "./cli-process.js";

let world: RoleWorld;

beforeAll(async () => {
  assertBuilt();
  world = await startRoleWorld({ roles: [openRole("Admin")] });
  await world.config(`[profile admin]\nrole_arn = ${role("Admin")}\nsource_profile = base\n`);
});
afterAll(() => world?.close());

/**
 * A command that reports every SIGINT, SIGTERM, SIGHUP and SIGQUIT it receives, and on the first of them
 * (or after `lingerMs` without any) waits a little for duplicates, then exits with status 3.
 */
const REPORTER = `
const seen = [];
let ending;
const end = () => { ending ??= setTimeout(() => { console.log("seen " + JSON.stringify(seen)); process.exit(3); }, 400); };
for (const s of ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"]) process.on(s, () => { seen.push(s); end(); });
console.log("ready");
setTimeout(end, Number(process.argv[1]));
setInterval(() => {}, 1000);
`;

/** exec as the leader of its own process group, as a shell's job control makes it. */
function startExec(args: string[], lingerMs = 30_000) {
  return start(process.execPath, [CLI, "exec", "--profile", "admin", ...args, "--", process.execPath, "-e", REPORTER, String(lingerMs)], cliEnv(world), undefined, { detached: true });
}

const seen = (stdout: string): string[] => JSON.parse(/seen (\[.*\])/.exec(stdout)?.[1] ?? "null");

describe.each([[[]], [["--server"]]])("exec %j and signals (built CLI)", (mode) => {
  it("lets SIGINT sent to its process group (Ctrl-C) reach the command exactly once, and exits with the command's status", async () => {
    const run = startExec(mode);
    await waitFor(run.output, "ready");
    process.kill(-run.child.pid!, "SIGINT");
    const finished = await run.finished;
    expect(seen(finished.stdout)).toEqual(["SIGINT"]);
    expect(finished).toMatchObject({ status: 3, signal: null });
  });

  it.each(["SIGTERM", "SIGHUP"] as const)("passes %s sent to exec alone on to the command once, and waits for it", async (signal) => {
    const run = startExec(mode);
    await waitFor(run.output, "ready");
    run.child.kill(signal);
    const finished = await run.finished;
    expect(seen(finished.stdout)).toEqual([signal]);
    expect(finished).toMatchObject({ status: 3, signal: null });
  });

  it("never passes on SIGINT or SIGQUIT sent to exec alone, and outlives them", async () => {
    const run = startExec(mode, 600);
    await waitFor(run.output, "ready");
    run.child.kill("SIGINT");
    run.child.kill("SIGQUIT");
    const finished = await run.finished;
    expect(seen(finished.stdout)).toEqual([]);
    expect(finished).toMatchObject({ status: 3, signal: null });
  });
});

describe("exec's exit status after a forwarded SIGTERM", () => {
  it("is 128 + 15 when the command dies of it", async () => {
    const run = start(process.execPath, [CLI, "exec", "--server", "--profile", "admin", "--", "sh", "-c", "echo ready; exec sleep 30"], cliEnv(world), undefined, { detached: true });
    await waitFor(run.output, "ready");
    run.child.kill("SIGTERM");
    expect(await run.finished).toMatchObject({ status: 143, signal: null });
  });
});
