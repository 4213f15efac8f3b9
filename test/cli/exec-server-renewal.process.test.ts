// exec --server across several short sessions, in real time (the one test of the suite that waits about
// a minute: real processes must race real expirations). The emulator issues 20-second sessions; a Node
// child on the SDK's default chain calls STS every second for three lifetimes and more. Every call must
// succeed, signed by a session the emulator still honours, and the sessions must change underneath it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoleWorld } from "../support/role-world.js";
import { startServerWorld } from "./server-world.js";
import { assertBuilt, cliEnv, runCli } from "./cli-process.js";

const SESSION_SECONDS = 20;
const CALLS = 3 * SESSION_SECONDS + 4;

let world: RoleWorld;

beforeAll(async () => {
  assertBuilt();
  world = await startServerWorld({ sessionDurationSeconds: SESSION_SECONDS });
});
afterAll(() => world?.close());

/** One client for the whole run, as a long job has: the SDK decides by itself when to ask the endpoint again. */
const CALL_EVERY_SECOND = `
const { STSClient, GetCallerIdentityCommand } = require("@aws-sdk/client-sts");
const client = new STSClient({});
let done = 0;
const failures = [];
const timer = setInterval(() => {
  client.send(new GetCallerIdentityCommand({})).catch((e) => failures.push(e.name + ": " + e.message)).finally(() => {
    done += 1;
    if (done === ${CALLS}) { clearInterval(timer); console.log(JSON.stringify({ done, failures })); }
  });
}, 1000);
`;

describe("exec --server with 20-second sessions (built CLI, real time)", () => {
  it(`keeps a child calling STS every second supplied across ${CALLS} seconds: several sessions, no error, never an expired one`, async () => {
    const run = await runCli(["exec", "--server", "--profile", "admin", "--", process.execPath, "-e", CALL_EVERY_SECOND], cliEnv(world));
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ done: CALLS, failures: [] });

    const calls = world.sts.callsTo("GetCallerIdentity");
    expect(calls).toHaveLength(CALLS);
    // The emulator answers ExpiredToken for a session past its expiration: every call was accepted.
    expect(calls.every((call) => call.outcome === "ok")).toBe(true);
    const sessions = new Set(calls.map((call) => call.signedBy));
    expect(sessions.size).toBeGreaterThanOrEqual(3);
    const issued = new Set(world.sts.callsTo("AssumeRole").map((call) => call.issuedAccessKeyId));
    for (const key of sessions) expect(issued.has(key)).toBe(true);
  }, 120_000);
});
