// Vitest setup file (vitest.config.ts "setupFiles"): runs in the test process before each test file.
//
// Tests must never read the machine's AWS configuration nor reach the internet, so before each file:
// - every AWS_* variable inherited from the machine is removed (profiles, keys, regions, config paths,
//   CA bundles...), then AWS_EC2_METADATA_DISABLED=true is set so no SDK code probes the IMDS (and the
//   SDK's Node 20 support warning is turned off);
// - HOME (and USERPROFILE) point at a fresh, empty temp folder, removed after the file, so no real
//   ~/.aws/config, ~/.aws/credentials or ~/.aws/cli/cache is read or written;
// - sockets may only connect to loopback addresses or Unix sockets: any other connection fails at once
//   with a clear error (code ETESTNETWORK) instead of going out to AWS.
//
// A test that needs AWS_* variables sets them itself (vi.stubEnv is undone after each test).
import { mkdtempSync, rmSync } from "node:fs";
import { isIP, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

for (const key of Object.keys(process.env)) {
  if (key.startsWith("AWS_")) delete process.env[key];
}
process.env.AWS_EC2_METADATA_DISABLED = "true";
// The SDK's one-time NodeVersionSupportWarning on Node 20 (its releases after early 2027 need Node 22)
// would print in every test process; it says nothing about this library's behaviour.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const home = mkdtempSync(join(tmpdir(), "apc-test-home-"));
process.env.HOME = home;
process.env.USERPROFILE = home;
delete process.env.HOMEDRIVE;
delete process.env.HOMEPATH;

const removeHome = () => rmSync(home, { recursive: true, force: true });
afterAll(removeHome);
// Also when the file's hooks never run (a file that fails to load, a process that exits early).
process.once("exit", removeHome);

function isLoopback(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  switch (isIP(h)) {
    case 4:
      return h.startsWith("127.") || h === "0.0.0.0";
    case 6:
      return h === "::1" || h === "::" || h.startsWith("::ffff:127.");
    default:
      return false;
  }
}

type ConnectOptions = { host?: string; path?: string };

/** The connection target of a Socket#connect call, in any of its argument forms. */
function target(args: unknown[]): ConnectOptions {
  // net.connect()/tls.connect() pass their normalized [options, callback] pair as one array argument.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === "object" && first !== null) return first as ConnectOptions;
  if (typeof first === "string" && !/^\d+$/.test(first)) return { path: first };
  return { host: typeof args[1] === "string" ? args[1] : undefined };
}

const originalConnect = Socket.prototype.connect;
Socket.prototype.connect = function guardedConnect(this: Socket, ...args: unknown[]) {
  const { host, path } = target(args);
  if (path === undefined && host !== undefined && !isLoopback(host)) {
    const error = Object.assign(
      new Error(
        `test/support/isolate-env.ts: blocked a connection to ${host}; tests may only connect to loopback addresses`,
      ),
      { code: "ETESTNETWORK" },
    );
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return (originalConnect as (...a: unknown[]) => Socket).apply(this, args);
} as typeof Socket.prototype.connect;
