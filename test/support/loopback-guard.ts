// Blocks every socket connection to a host other than a loopback address (Unix sockets are fine): such a
// connection fails at once with code ETESTNETWORK instead of going out to AWS. Loaded by isolate-env.ts for
// this project's tests, and by the child vitest runs that play a user's suite (test/testing/readme-suite*).
import { isIP, Socket } from "node:net";

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
        `test/support/loopback-guard.ts: blocked a connection to ${host}; tests may only connect to loopback addresses`,
      ),
      { code: "ETESTNETWORK" },
    );
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return (originalConnect as (...a: unknown[]) => Socket).apply(this, args);
} as typeof Socket.prototype.connect;
