// #8 24 hours of one long-running process making a request every second with 1-hour credentials, on a
// fake clock shared by the provider and an emulator of its own. The refresh windows are the library's
// own (DEFAULT_REFRESH_WINDOWS, built from src), so this measures the policy the package ships.
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { REGION, role, stsWorld } from "../../demo/sample-world.mjs";
import { startLocalSts } from "../../dist/testing.js";
import { loadInternal } from "../lib/internal.mjs";
import { ratio } from "../lib/format.mjs";

const T0 = Date.UTC(2030, 0, 1);
const DAY_S = 24 * 3600;
const SESSION_MS = 3_600_000; // STS's default DurationSeconds, which the emulator issues
const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error: (...a) => console.error(...a) };

export default {
  id: 8,
  title: "simulated 24 hours, one call per second, 1-hour credentials",
  target: "1 refresh per lifetime per hop",
  async run(ctx) {
    const { createProvider, defaultDeps, DEFAULT_REFRESH_WINDOWS: windows } = await loadInternal();
    const clock = { t: T0 };
    const fake = { now: () => clock.t, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5)).unref()) };
    const sts = await startLocalSts(stsWorld(), { clock: fake });
    const home = await ctx.world.makeHome("day");
    let o;
    let s;
    try {
      const base = defaultDeps(quiet);
      const inflight = new Set();
      let started = 0;
      const track = (promise) => {
        started++;
        inflight.add(promise);
        const forget = () => inflight.delete(promise);
        promise.then(forget, forget);
        return promise;
      };
      const createSts = async (settings) => {
        const real = await base.createSts(settings);
        return { assumeRole: (request, source) => track(real.assumeRole(request, source)), assumeRoleWithWebIdentity: (request) => track(real.assumeRoleWithWebIdentity(request)) };
      };
      const options = { profile: "deployer", clientConfig: { endpoint: sts.endpoint, region: REGION }, logger: quiet };
      const ours = createProvider(options, { ...base, clock: fake, env: { HOME: home, AWS_REGION: REGION }, createSts });
      o = await day({ sts, clock, windows }, ours, () => started, () => Promise.all([...inflight]));
      // The SDK has no clock to inject: its memo reads Date.now(), so Date.now follows the fake clock.
      sts.reset();
      const [realDateNow, savedEndpoint] = [Date.now, process.env.AWS_ENDPOINT_URL_STS];
      process.env.AWS_ENDPOINT_URL_STS = sts.endpoint;
      clock.t = T0;
      Date.now = () => clock.t;
      try {
        const sdk = fromNodeProviderChain({ profile: "deployer", logger: quiet });
        s = await day({ sts, clock, windows }, sdk, () => sts.callsTo("AssumeRole").length, async () => {});
      } finally {
        Date.now = realDateNow;
        process.env.AWS_ENDPOINT_URL_STS = savedEndpoint;
      }
    } finally {
      await sts.close();
    }
    // A session is used until the advisory window opens (jitter only delays that): at most one per
    // (lifetime - advisory window) per hop.
    o.expectedPerHop = Math.ceil((DAY_S * 1000) / (SESSION_MS - windows.advisoryWindowMs));
    s.note = "Date.now() follows the fake clock (the SDK takes no clock)";
    const rows = [
      { measurement: "24 h at 1 call/s: STS calls per hop", ours: `${o.stsCallsPerHop.join("/")} (${o.expectedPerHop} expected)`, sdk: s.stsCallsPerHop.join("/"), ratio: ratio(o.stsCalls, s.stsCalls), met: o.stsCallsPerHop.every((n) => n <= o.expectedPerHop) },
      { id: "8b", measurement: "24 h: calls that waited on a refresh (outside mandatory window)", ours: `${o.blockedCalls} (${o.blockedOutsideMandatory})`, sdk: `${s.blockedCalls} (${s.blockedOutsideMandatory})`, target: "0 outside the mandatory window", met: o.blockedOutsideMandatory === 0 },
      { id: "8c", measurement: "24 h: slowest call after the first / expired returned", ours: `${o.slowestAfterFirstMs.toFixed(2)} ms / ${o.expiredReturned}`, sdk: `${s.slowestAfterFirstMs.toFixed(2)} ms / ${s.expiredReturned}`, target: "never an expired credential", met: o.expiredReturned === 0 },
    ];
    return { rows, results: { simulatedDay: { windows, ours: o, sdk: s } } };
  },
};

// --- internal ---

/**
 * One simulated day of `provider`. Between two requests the real second is compressed to nothing, except
 * that any STS call and disk write started by a refresh is allowed to finish (as it would within the real
 * second). A call "waited on a refresh" when it had not settled by the next turn of the event loop, i.e. it
 * waited for I/O instead of returning memoized credentials.
 */
async function day({ sts, clock, windows }, provider, stsStarted, stsSettled) {
  const before = sts.callsTo("AssumeRole").length;
  const r = { requests: DAY_S, blockedCalls: 0, blockedOutsideMandatory: 0, expiredReturned: 0, firstCallMs: 0, slowestAfterFirstMs: 0, blocked: [] };
  let previous;
  for (let s = 0; s < DAY_S; s++) {
    clock.t = T0 + s * 1000;
    const n = stsStarted();
    let settledAt;
    const t = performance.now();
    const call = provider().then((c) => {
      settledAt = performance.now();
      return c;
    });
    await new Promise((resolve) => setImmediate(resolve));
    const waited = settledAt === undefined;
    const credentials = await call;
    const ms = settledAt - t;
    if (s === 0) r.firstCallMs = ms;
    else r.slowestAfterFirstMs = Math.max(r.slowestAfterFirstMs, ms);
    if (credentials.expiration && credentials.expiration.getTime() <= clock.t) r.expiredReturned++;
    if (waited && s > 0) {
      r.blockedCalls++;
      const leftMs = previous?.expiration ? previous.expiration.getTime() - clock.t : null;
      if (leftMs === null || leftMs > windows.mandatoryWindowMs) r.blockedOutsideMandatory++;
      if (r.blocked.length < 50) r.blocked.push({ atS: s, credentialsLeftS: leftMs === null ? null : leftMs / 1000, ms: Number(ms.toFixed(2)) });
    }
    const leftMs = credentials.expiration ? credentials.expiration.getTime() - clock.t : Infinity;
    // Advisory window: a background refresh may be under way; give it real time, as the second would.
    if (leftMs <= windows.advisoryWindowMs && leftMs > windows.mandatoryWindowMs) await new Promise((resolve) => setTimeout(resolve, 1));
    if (stsStarted() !== n || waited) {
      // A refresh touched STS (or disk): let it land, as it would within the real second.
      await stsSettled();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    previous = credentials;
  }
  // Background refreshes are started by a call but reach STS only later: count them all at the end.
  await stsSettled();
  const calls = sts.callsTo("AssumeRole").slice(before);
  const stsCallsPerHop = [role("Developer"), role("Deployer")].map((arn) => calls.filter((c) => c.params.RoleArn === arn).length);
  return { ...r, stsCalls: calls.length, stsCallsPerHop };
}
