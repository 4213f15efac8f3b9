// startLocalSts(): the loopback HTTP server that speaks the STS Query protocol, and the LocalSts handle
// tests use to read the call log, script faults and edit the world. Request handling is handle-request.ts.
import { setMaxListeners } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { StsActionName } from "./actions/index.js";
import type { StsCall } from "./call-log.js";
import { createFaultQueue, type StsFault } from "./faults.js";
import { handleExchange } from "./handle-request.js";
import { createRandomSource } from "./issued-randomness.js";
import { createStsState, type StsClock } from "./sts-state.js";
import type { StsRole, StsUser, StsWorld } from "./world.js";

export interface LocalStsOptions {
  /** Dates issued credentials and decides when they expire. Default: the system clock. */
  clock?: StsClock;
  /**
   * Refuse requests signed more than 15 minutes away from `clock`, as STS does (`SignatureDoesNotMatch`,
   * "Signature expired" / "Signature not yet current"), and send `clock`'s time in each response's `Date`
   * header, from which the SDK corrects its clock offset and retries. Off by default, so that a test can
   * move a fake `clock` by hours while the SDK signs with the machine's time.
   */
  checkSigningTime?: boolean;
  /**
   * Interface to listen on: `127.0.0.1` (default) or `::1`. Loopback only, so that the emulator is never
   * reachable from outside this machine; any other host is refused before anything listens.
   */
  host?: LoopbackHost;
  /**
   * Makes the issued key ids, secrets and session tokens repeatable: the same seed gives the same sequence.
   * Default: fresh randomness for each emulator, so that credentials issued by one (say, still in a cache
   * file from an earlier run) are never valid for another.
   */
  seed?: string | number;
  /**
   * Issue every session (AssumeRole, AssumeRoleWithWebIdentity, GetSessionToken) for exactly this many
   * seconds, whatever DurationSeconds asked for. Lets a real-time test see sessions expire and be renewed
   * within a minute, below STS's 900-second minimum (which requests are still validated against).
   */
  sessionDurationSeconds?: number;
}

/** The addresses the emulator may listen on. */
export type LoopbackHost = "127.0.0.1" | "::1";

/** A running emulator. */
export interface LocalSts {
  /** `http://127.0.0.1:PORT`; pass it as `endpoint` to an STSClient or as `AWS_ENDPOINT_URL_STS`. */
  readonly endpoint: string;
  /** Every request so far, in arrival order (a snapshot). */
  readonly calls: readonly StsCall[];
  /** The calls for one action, e.g. `callsTo("AssumeRole")`. */
  callsTo(action: StsActionName): StsCall[];
  /** Applies `fault` to the next request (or the next `fault.times` requests) matching `fault.action`. */
  failNext(fault: StsFault): void;
  /** Applies `fault` to every matching request until `reset()`. */
  failAll(fault: StsFault): void;
  /** Adds a role, or replaces the role with the same ARN. */
  putRole(role: StsRole): void;
  /** Adds a user, or replaces the user with the same access key id. */
  putUser(user: StsUser): void;
  /** Makes more one-time codes valid for `serial`; an unknown serial becomes a device any caller may use. */
  addMfaCodes(serial: string, codes: readonly string[]): void;
  /** Forgets recorded calls and scripted faults. The world, issued credentials and used MFA codes stay. */
  reset(): void;
  /** Stops listening and closes every connection, including idle keep-alive ones and delayed requests. */
  close(): Promise<void>;
}

const systemClock: StsClock = { now: () => Date.now() };

/**
 * Starts an STS emulator on a random loopback port. It verifies SigV4 signatures, so a test can prove
 * which credentials signed each call, and returns STS's own XML and error texts, so real AWS SDK clients
 * work against it unchanged.
 *
 * @example
 * const sts = await startLocalSts({ users: [alice], roles: [{ arn: ADMIN, trust: [alice.arn] }] });
 * const client = new STSClient({ endpoint: sts.endpoint, region: "us-east-1", credentials: alice });
 * await client.send(new AssumeRoleCommand({ RoleArn: ADMIN, RoleSessionName: "test" }));
 * expect(sts.callsTo("AssumeRole")[0]?.signedBy).toBe(alice.accessKeyId);
 * await sts.close();
 */
export async function startLocalSts(world: StsWorld = {}, options: LocalStsOptions = {}): Promise<LocalSts> {
  // Everything that can be refused is checked before a server exists, so a refusal leaves nothing running.
  const host = loopbackHost(options.host);
  const state = createStsState(world, options.clock ?? systemClock, createRandomSource(options.seed), options.sessionDurationSeconds);
  const log: StsCall[] = [];
  const faults = createFaultQueue();
  const closing = new AbortController();
  // Each delayed request listens for close(); any number may be in flight (Node warns past 10 by default).
  setMaxListeners(0, closing.signal);
  const server = createServer((req, res) => {
    void handleExchange(req, res, { state, log, faults, closing: closing.signal, checkSigningTime: options.checkSigningTime ?? false });
  });
  // Bounded by construction: a client that stalls mid-request is cut off rather than held forever.
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  let closed: Promise<void> | undefined;
  return {
    endpoint: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    get calls() {
      return log.map((call) => ({ ...call }));
    },
    callsTo: (action) => log.filter((call) => call.action === action).map((call) => ({ ...call })),
    failNext: (fault) => faults.add(fault),
    failAll: (fault) => faults.add({ ...fault, times: Infinity }),
    putRole: (role) => state.putRole(role),
    putUser: (user) => state.putUser(user),
    addMfaCodes: (serial, codes) => state.mfa.add(serial, codes),
    reset() {
      log.length = 0;
      faults.clear();
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

// --- internal ---

const LOOPBACK_HOSTS: readonly string[] = ["127.0.0.1", "::1"] satisfies LoopbackHost[];

/** The host to listen on; anything but a loopback address is refused (the types say so, JS callers learn here). */
function loopbackHost(host: unknown): LoopbackHost {
  if (host === undefined) return "127.0.0.1";
  if (typeof host === "string" && LOOPBACK_HOSTS.includes(host)) return host as LoopbackHost;
  throw new TypeError(
    `startLocalSts: host ${JSON.stringify(host)} is not allowed: the emulator listens only on a loopback address ` +
      `("127.0.0.1", the default, or "::1"), so that nothing outside this machine can reach it`,
  );
}
