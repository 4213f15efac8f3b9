// npm run bench: the targets of issue #5, measured on this machine against the bundled STS emulator
// (127.0.0.1 only), with the SDK's fromNodeProviderChain as the baseline in the same run, alternating the
// two (A B, B A, ...) after a warm-up. In-process figures use tinybench; per-process figures use child
// processes (async spawn: the emulator lives in this process). Prints a table, writes bench/results.json.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { Bench } from "tinybench";
import { fromProfileWithRoleAssumption } from "../dist/index.js";
import { startLocalSts } from "../dist/testing.js";
import { alternate, hasGnuTime, runNode } from "./lib/child.mjs";
import { loadInternal } from "./lib/internal.mjs";
import { summarize } from "./lib/stats.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const child = (name) => fileURLToPath(new URL(`./children/${name}`, import.meta.url));
const QUICK = process.env.BENCH_QUICK === "1"; // fewer repetitions, for trying the harness out
const REPS = QUICK ? 3 : 15;
const WARMUP = QUICK ? 1 : 2;
const started = performance.now();
const say = (line = "") => process.stdout.write(`${line}\n`);

// --- the world: a user, a 1-hop role and a 2-hop chain, as in demo/demo.mjs ---

const base = { accessKeyId: "AKIABENCHBASE0000001", secretAccessKey: "bench-base-secret", arn: "arn:aws:iam::111111111111:user/alice" };
const role = (name) => `arn:aws:iam::222222222222:role/${name}`;
const world = () => ({
  users: [base],
  roles: [
    { arn: role("Developer"), trust: [base.arn] },
    { arn: role("Deployer"), trust: [role("Developer")] },
  ],
});
const CONFIG = `[profile developer]
role_arn = ${role("Developer")}
source_profile = alice

[profile deployer]
role_arn = ${role("Deployer")}
source_profile = developer
`;
const CREDENTIALS = `[alice]\naws_access_key_id = ${base.accessKeyId}\naws_secret_access_key = ${base.secretAccessKey}\n`;
const REGION = "eu-west-1";

const scratch = await mkdtemp(join(tmpdir(), "aws-profile-credentials-bench-"));
async function makeHome(name) {
  const home = join(scratch, name);
  await mkdir(join(home, ".aws"), { recursive: true });
  await writeFile(join(home, ".aws", "config"), CONFIG);
  await writeFile(join(home, ".aws", "credentials"), CREDENTIALS);
  return home;
}
const cacheOf = (home) => join(home, ".aws", "cli", "cache");
const clearCache = (home) => rm(cacheOf(home), { recursive: true, force: true });

const sts = await startLocalSts(world());
const assumeRoles = () => sts.callsTo("AssumeRole").length;

/**
 * The environment of every child: PATH and the sandbox, nothing else from the caller. Variables such as
 * NODE_OPTIONS or NODE_EXTRA_CA_CERTS (this machine sets the latter, which alone adds about 45 ms to every
 * Node start-up) would change what is measured, for both contenders alike.
 */
function childEnv(home, extra = {}) {
  return {
    PATH: process.env.PATH,
    HOME: home,
    AWS_ENDPOINT_URL_STS: sts.endpoint,
    AWS_REGION: REGION,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    ...extra,
  };
}

// This process too (the in-process figures), like the demo.
const parentHome = await makeHome("parent");
for (const key of Object.keys(process.env)) if (key.startsWith("AWS_")) delete process.env[key];
Object.assign(process.env, childEnv(parentHome));

const results = { measurements: {} };
const rows = [];
const fmtMs = (s) => `${s.median.toFixed(1)} ms [${s.p25.toFixed(1)}-${s.p75.toFixed(1)}]`;
const fmtMb = (s) => `${(s.median / 1024).toFixed(1)} MB [${(s.p25 / 1024).toFixed(1)}-${(s.p75 / 1024).toFixed(1)}]`;
const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(2)}x` : "-");
/** `met` null: a row that explains another and has no target of its own. */
function row(id, measurement, ours, sdk, r, target, met) {
  rows.push({ id, measurement, ours, sdk, ratio: r, target, met: met === null ? "info" : met ? "met" : "MISSED" });
}
function phase(name) {
  say(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${name}`);
}

try {
  // ---------------------------------------------------------------- #1 hot path (tinybench, in process)
  phase("#1 hot path");
  {
    const ours = fromProfileWithRoleAssumption({ profile: "deployer", cacheDir: join(scratch, "hot-cache") });
    const sdk = fromNodeProviderChain({ profile: "deployer" });
    const cachedObject = await ours();
    await sdk();
    const floor = async () => cachedObject;
    // The floor plus the one clock read the library's hot path needs (to tell what the clock itself costs).
    const far = Date.now() + 3_600_000;
    const floorWithClock = async () => (Date.now() < far ? cachedObject : undefined);
    const BATCH = 1000; // calls per tinybench iteration: the timer's own cost stays out of the per-call figure
    const ITER = 100;
    const ROUNDS = QUICK ? 4 : 10; // 10 rounds x 100 iterations x 1000 calls = 1M calls per contender
    const tasks = { floor, floorWithClock, ours, sdk };
    const perRound = { floor: [], floorWithClock: [], ours: [], sdk: [] };
    const rme = { floor: [], floorWithClock: [], ours: [], sdk: [] };
    const names = Object.keys(tasks);
    for (let round = 0; round < ROUNDS + 1; round++) {
      const bench = new Bench({ time: 0, iterations: ITER, warmupTime: 0, warmupIterations: round === 0 ? 50 : 10 });
      const order = names.map((_, i) => names[(i + round) % names.length]); // rotate: each goes first in turn
      for (const name of order) {
        const p = tasks[name];
        bench.add(name, async () => {
          for (let i = 0; i < BATCH; i++) await p();
        });
      }
      await bench.warmup();
      await bench.run();
      if (round === 0) continue; // a whole round of warm-up
      for (const task of bench.tasks) {
        perRound[task.name].push((task.result.mean * 1e6) / BATCH); // ns per call
        rme[task.name].push(task.result.rme);
      }
    }
    const s = Object.fromEntries(names.map((n) => [n, summarize(perRound[n])]));
    const fmtNs = (x) => `${x.median.toFixed(1)} ns [${x.p25.toFixed(1)}-${x.p75.toFixed(1)}]`;
    const oursOverFloor = s.ours.median / s.floor.median;
    results.measurements.hotPath = {
      unit: "ns per call (median of per-round tinybench means, p25-p75 of rounds)",
      callsPerContender: ROUNDS * ITER * BATCH,
      floor: s.floor,
      floorWithOneDateNow: s.floorWithClock,
      ours: s.ours,
      sdk: s.sdk,
      tinybenchRmePercent: Object.fromEntries(names.map((n) => [n, summarize(rme[n]).median])),
      oursOverFloor,
      sdkOverFloor: s.sdk.median / s.floor.median,
    };
    row(1, `hot path, ns/call (floor ${s.floor.median.toFixed(1)} ns; floor + Date.now() ${s.floorWithClock.median.toFixed(1)} ns)`, `${fmtNs(s.ours)} = ${oursOverFloor.toFixed(2)}x floor`, `${fmtNs(s.sdk)} = ${(s.sdk.median / s.floor.median).toFixed(2)}x floor`, ratio(s.ours.median, s.sdk.median), "<= 1.3x floor", oursOverFloor <= 1.3);
  }

  // ---------------------------------------------------------------- #2 import cost (child processes)
  phase("#2 import cost");
  {
    const env = childEnv(parentHome);
    const opts = { env, cwd: root };
    const ourEntry = new URL("../dist/index.js", import.meta.url).href;
    const r = await alternate(
      [
        { name: "node", run: () => runNode(["-e", "0"], opts) },
        { name: "ours", run: () => runNode(["--input-type=module", "-e", `await import(${JSON.stringify(ourEntry)})`], opts) },
        { name: "sdk", run: () => runNode(["--input-type=module", "-e", `await import("@aws-sdk/credential-provider-node")`], opts) },
      ],
      { warmup: WARMUP, reps: REPS },
    );
    const wall = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, summarize(v.map((x) => x.wallMs))]));
    const rss = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, summarize(v.map((x) => x.rssKb))]));
    const over = (m, k) => ({ ...m[k], median: m[k].median - m.node.median, p25: m[k].p25 - m.node.median, p75: m[k].p75 - m.node.median });
    const modules = {};
    for (const impl of ["ours", "sdk-node"]) {
      modules[impl] = JSON.parse((await runNode([child("modules-loaded.cjs"), impl, "import"], opts)).stdout);
    }
    const oursWall = over(wall, "ours");
    const sdkWall = over(wall, "sdk");
    const oursRss = over(rss, "ours");
    const sdkRss = over(rss, "sdk");
    results.measurements.importCost = { wallMs: wall, peakRssKb: rss, overNodeE0: { wallMs: { ours: oursWall, sdk: sdkWall }, peakRssKb: { ours: oursRss, sdk: sdkRss } }, modulesLoadedByRequire: modules };
    const met = oursWall.median <= sdkWall.median && oursRss.median <= sdkRss.median && !modules.ours.clientStsLoaded && !modules.ours.stsLoaded;
    row("2a", `import, wall over node -e 0 (${wall.node.median.toFixed(1)} ms)`, fmtMs(oursWall), fmtMs(sdkWall), ratio(oursWall.median, sdkWall.median), "<= SDK credential-provider-node", oursWall.median <= sdkWall.median);
    row("2b", `import, peak RSS over node -e 0 (${(rss.node.median / 1024).toFixed(1)} MB)`, fmtMb(oursRss), fmtMb(sdkRss), ratio(oursRss.median, sdkRss.median), "<= SDK credential-provider-node", oursRss.median <= sdkRss.median);
    row("2c", "require: STS client loaded / modules", `${modules.ours.stsLoaded ? "yes" : "no"} / ${modules.ours.modules}`, `${modules["sdk-node"].stsLoaded ? "yes" : "no"} / ${modules["sdk-node"].modules}`, "-", "client-sts not loaded", !modules.ours.clientStsLoaded && !modules.ours.stsLoaded);
    results.measurements.importCost.met = met;
  }

  // A per-process time-to-first-credentials comparison: children resolving credentials, alternated.
  async function firstCredentials({ oursEnv, sdkEnv, beforeOurs = async () => {} }) {
    const calls = { ours: [], sdk: [] };
    const run = (impl, env, before) => async () => {
      await before();
      const n = assumeRoles();
      const result = await runNode([child("first-credentials.mjs"), impl], { env, cwd: root });
      calls[impl].push(assumeRoles() - n);
      return { ...result, ...JSON.parse(result.stdout) };
    };
    const r = await alternate(
      [
        { name: "ours", run: run("ours", oursEnv, beforeOurs) },
        { name: "sdk", run: run("sdk", sdkEnv, async () => {}) },
      ],
      { warmup: WARMUP, reps: REPS },
    );
    const fig = (impl) => ({
      timeToCredentialsMs: summarize(r[impl].map((x) => x.ms)),
      nodeStartupMs: summarize(r[impl].map((x) => x.boot)),
      afterNodeStartupMs: summarize(r[impl].map((x) => x.ms - x.boot)),
      wallMs: summarize(r[impl].map((x) => x.wallMs)),
      peakRssKb: summarize(r[impl].map((x) => x.rssKb)),
      assumeRoleCallsPerProcess: summarize(calls[impl].slice(-REPS)),
    });
    return { ours: fig("ours"), sdk: fig("sdk") };
  }

  // ---------------------------------------------------------------- #3 environment keys (Lambda shape)
  phase("#3 first credentials, environment keys");
  {
    const home = await makeHome("env-keys");
    const env = childEnv(home, { AWS_ACCESS_KEY_ID: base.accessKeyId, AWS_SECRET_ACCESS_KEY: base.secretAccessKey });
    const f = await firstCredentials({ oursEnv: env, sdkEnv: env });
    const modules = JSON.parse((await runNode([child("modules-loaded.cjs"), "ours", "credentials"], { env, cwd: root })).stdout);
    const sdkModules = JSON.parse((await runNode([child("modules-loaded.cjs"), "sdk-chain", "credentials"], { env, cwd: root })).stdout);
    results.measurements.envKeys = { ...f, modulesLoadedByRequire: { ours: modules, sdk: sdkModules } };
    const o = f.ours.timeToCredentialsMs;
    const s = f.sdk.timeToCredentialsMs;
    row(3, "env keys: process start -> credentials", fmtMs(o), fmtMs(s), ratio(o.median, s.median), "<= SDK; STS never loaded", o.median <= s.median && !modules.stsLoaded);
    row("3b", "env keys: STS loaded / peak RSS", `${modules.stsLoaded ? "yes" : "no"} / ${fmtMb(f.ours.peakRssKb)}`, `${sdkModules.stsLoaded ? "yes" : "no"} / ${fmtMb(f.sdk.peakRssKb)}`, ratio(f.ours.peakRssKb.median, f.sdk.peakRssKb.median), "STS never loaded", !modules.stsLoaded);
  }

  // ---------------------------------------------------------------- #4 1-hop role, cold cache
  phase("#4 first credentials, 1-hop role, cold cache");
  {
    const home = await makeHome("one-hop");
    const env = childEnv(home, { AWS_PROFILE: "developer" });
    const f = await firstCredentials({ oursEnv: env, sdkEnv: env, beforeOurs: () => clearCache(home) });
    results.measurements.oneHopCold = f;
    const o = f.ours.timeToCredentialsMs;
    const s = f.sdk.timeToCredentialsMs;
    row(4, "1-hop role, cold: process start -> credentials", fmtMs(o), fmtMs(s), ratio(o.median, s.median), "<= SDK", o.median <= s.median);
    // The same without the disk cache: what the cross-process lock and the cache write cost on top.
    const off = await firstCredentials({ oursEnv: { ...env, AWS_PROFILE_CREDENTIALS_CACHE: "off" }, sdkEnv: env });
    results.measurements.oneHopColdCacheOff = off;
    const oo = off.ours.timeToCredentialsMs;
    const so = off.sdk.timeToCredentialsMs;
    row("4b", "1-hop role, cold, our disk cache off (no lock, no write)", fmtMs(oo), fmtMs(so), ratio(oo.median, so.median), "(cost of the cache: #4 - #4b)", null);
  }

  // ---------------------------------------------------------------- #5 2-hop role, warm CLI cache
  phase("#5 first credentials, 2-hop role, warm CLI cache (SDK: cold, it has no disk cache)");
  {
    const warmHome = await makeHome("two-hop-warm");
    const coldHome = await makeHome("two-hop-sdk");
    const warmEnv = childEnv(warmHome, { AWS_PROFILE: "deployer" });
    const n = assumeRoles();
    await runNode([child("first-credentials.mjs"), "ours"], { env: warmEnv, cwd: root }); // fills the cache
    const populateCalls = assumeRoles() - n;
    const f = await firstCredentials({ oursEnv: warmEnv, sdkEnv: childEnv(coldHome, { AWS_PROFILE: "deployer" }) });
    results.measurements.twoHopWarm = { ...f, cachePopulatedWithAssumeRoleCalls: populateCalls };
    const o = f.ours.timeToCredentialsMs;
    const s = f.sdk.timeToCredentialsMs;
    const stsCalls = f.ours.assumeRoleCallsPerProcess.max;
    row(5, "2-hop: ours warm cache vs SDK cold", `${fmtMs(o)}, ${stsCalls} STS`, `${fmtMs(s)}, ${f.sdk.assumeRoleCallsPerProcess.median} STS`, ratio(o.median, s.median), "<= 0.5x SDK, 0 STS calls", o.median <= 0.5 * s.median && stsCalls === 0);
    const oa = f.ours.afterNodeStartupMs;
    const sa = f.sdk.afterNodeStartupMs;
    row("5b", `2-hop, after Node's own start-up (${f.sdk.nodeStartupMs.median.toFixed(1)} ms)`, fmtMs(oa), fmtMs(sa), ratio(oa.median, sa.median), "(what the library controls)", null);
  }

  // ---------------------------------------------------------------- #6 8 processes at once, cold, 2-hop
  phase("#6 8 processes at once, cold cache, 2-hop");
  {
    const home = await makeHome("eight");
    const env = childEnv(home, { AWS_PROFILE: "deployer" });
    const eight = (impl) => async () => {
      if (impl === "ours") await clearCache(home);
      const n = assumeRoles();
      const start = performance.now();
      await Promise.all(Array.from({ length: 8 }, () => runNode([child("first-credentials.mjs"), impl], { env, cwd: root })));
      return { wallMs: performance.now() - start, calls: assumeRoles() - n };
    };
    const r = await alternate(
      [
        { name: "ours", run: eight("ours") },
        { name: "sdk", run: eight("sdk") },
      ],
      { warmup: 1, reps: QUICK ? 2 : 3 },
    );
    const fig = (impl) => ({ wallMs: summarize(r[impl].map((x) => x.wallMs)), assumeRoleCalls: summarize(r[impl].map((x) => x.calls)) });
    const f = { ours: fig("ours"), sdk: fig("sdk") };
    results.measurements.eightProcesses = f;
    row(6, "8 processes at once, 2-hop cold: STS calls, wall", `${f.ours.assumeRoleCalls.max} calls, ${fmtMs(f.ours.wallMs)}`, `${f.sdk.assumeRoleCalls.median} calls, ${fmtMs(f.sdk.wallMs)}`, ratio(f.ours.wallMs.median, f.sdk.wallMs.median), "2 STS calls in total (SDK 16)", f.ours.assumeRoleCalls.max === 2);
  }

  // ---------------------------------------------------------------- #7 10,000 concurrent calls, one instance
  phase("#7 10,000 concurrent calls on one provider, cold");
  {
    let round = 0;
    const burst = (impl) => async () => {
      const provider =
        impl === "ours"
          ? fromProfileWithRoleAssumption({ profile: "deployer", cacheDir: join(scratch, `burst-cache-${round++}`) })
          : fromNodeProviderChain({ profile: "deployer" });
      const before = sts.callsTo("AssumeRole").length;
      const start = performance.now();
      const all = await Promise.all(Array.from({ length: 10_000 }, () => provider()));
      const wallMs = performance.now() - start;
      const calls = sts.callsTo("AssumeRole").slice(before);
      const perHop = {};
      for (const call of calls) perHop[call.params.RoleArn] = (perHop[call.params.RoleArn] ?? 0) + 1;
      return { wallMs, calls: calls.length, maxPerHop: Math.max(...Object.values(perHop)), distinctKeys: new Set(all.map((c) => c.accessKeyId)).size };
    };
    const r = await alternate(
      [
        { name: "ours", run: burst("ours") },
        { name: "sdk", run: burst("sdk") },
      ],
      { warmup: 1, reps: QUICK ? 2 : 5 },
    );
    const fig = (impl) => ({
      wallMs: summarize(r[impl].map((x) => x.wallMs)),
      assumeRoleCalls: summarize(r[impl].map((x) => x.calls)),
      maxCallsPerHop: Math.max(...r[impl].map((x) => x.maxPerHop)),
      distinctCredentials: Math.max(...r[impl].map((x) => x.distinctKeys)),
    });
    const f = { ours: fig("ours"), sdk: fig("sdk") };
    results.measurements.tenThousandConcurrent = f;
    row(7, "10,000 concurrent, 2-hop cold: STS calls/hop, wall", `${f.ours.maxCallsPerHop}/hop, ${fmtMs(f.ours.wallMs)}`, `${f.sdk.maxCallsPerHop}/hop, ${fmtMs(f.sdk.wallMs)}`, ratio(f.ours.wallMs.median, f.sdk.wallMs.median), "1 STS call per hop", f.ours.maxCallsPerHop === 1);
  }

  // ---------------------------------------------------------------- #8 simulated 24 hours
  phase("#8 simulated 24 hours, one call per second, 1-hour credentials");
  {
    const f = await simulateDay();
    results.measurements.simulatedDay = f;
    const o = f.ours;
    const s = f.sdk;
    row(8, "24 h at 1 call/s: STS calls per hop", `${o.stsCallsPerHop.join("/")} (${o.expectedPerHop} expected)`, `${s.stsCallsPerHop.join("/")}`, ratio(o.stsCalls, s.stsCalls), "1 refresh per lifetime per hop", o.stsCallsPerHop.every((n) => n <= o.expectedPerHop));
    row("8b", "24 h: calls that waited on a refresh (outside mandatory window)", `${o.blockedCalls} (${o.blockedOutsideMandatory})`, `${s.blockedCalls} (${s.blockedOutsideMandatory})`, "-", "0 outside the mandatory window", o.blockedOutsideMandatory === 0);
    row("8c", "24 h: slowest call after the first / expired returned", `${o.slowestAfterFirstMs.toFixed(2)} ms / ${o.expiredReturned}`, `${s.slowestAfterFirstMs.toFixed(2)} ms / ${s.expiredReturned}`, "-", "never an expired credential", o.expiredReturned === 0);
  }
} finally {
  await sts.close();
  await rm(scratch, { recursive: true, force: true });
}

// ---------------------------------------------------------------- report
const cpu = cpus();
results.machine = {
  cpuModel: cpu[0]?.model ?? "unknown",
  cores: cpu.length,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  date: new Date().toISOString(),
  peakRssSource: hasGnuTime ? "GNU time %M of each child" : "process.resourceUsage().maxRSS of each child",
};
results.settings = {
  repetitions: REPS,
  warmup: WARMUP,
  quick: QUICK,
  alternation: "A B, B A, ... per round",
  childEnvironment: "PATH, HOME (a sandbox), the emulator's AWS_ENDPOINT_URL_STS, AWS_REGION, AWS_EC2_METADATA_DISABLED; nothing else from the caller",
};
results.table = rows;
results.durationSeconds = Number(((performance.now() - started) / 1000).toFixed(1));

const headers = ["#", "measurement", "aws-profile-credentials", "SDK fromNodeProviderChain", "ours/SDK", "target", ""];
const cells = rows.map((r) => [String(r.id), r.measurement, r.ours, r.sdk, r.ratio, r.target, r.met]);
const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
const line = (c) => `| ${c.map((x, i) => x.padEnd(widths[i])).join(" | ")} |`;
say();
say(`${results.machine.cpuModel}, ${results.machine.cores} cores, Node ${results.machine.node}, ${results.machine.date}`);
say("medians, [p25-p75] of the repetitions; per-process figures from child processes (PATH and a sandbox HOME only), SDK runs alternated with ours");
say(line(headers));
say(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const c of cells) say(line(c));
say(`\ntotal ${results.durationSeconds} s`);
await writeFile(QUICK ? join(tmpdir(), "aws-profile-credentials-bench-quick.json") : new URL("./results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);

// ---------------------------------------------------------------- #8 in detail

/**
 * 24 hours of one request per second on a fake clock shared by the provider and the emulator (which issues
 * 1-hour credentials). Between two requests the real second is compressed to nothing, except that any STS
 * call and disk write started by a refresh is allowed to finish (as it would within the real second).
 * A call "waited on a refresh" when it had not settled by the next turn of the event loop, i.e. it waited
 * for I/O instead of returning memoized credentials.
 */
async function simulateDay() {
  const T0 = Date.UTC(2030, 0, 1);
  const DAY_S = 24 * 3600;
  const clock = { t: T0 };
  const fake = { now: () => clock.t, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5)).unref()) };
  const sts8 = await startLocalSts(world(), { clock: fake });
  const home = await makeHome("day");
  const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error: (...a) => console.error(...a) };
  try {
    const { createProvider, defaultDeps } = await loadInternal();
    const base = defaultDeps(quiet);
    let inflight = new Set();
    let started = 0;
    const track = (promise) => {
      started++;
      inflight.add(promise);
      promise.then(
        () => inflight.delete(promise),
        () => inflight.delete(promise),
      );
      return promise;
    };
    const ours = createProvider(
      { profile: "deployer", clientConfig: { endpoint: sts8.endpoint, region: REGION }, logger: quiet },
      {
        ...base,
        clock: fake,
        env: { HOME: home, AWS_REGION: REGION },
        createSts: async (settings) => {
          const real = await base.createSts(settings);
          return {
            assumeRole: (request, source) => track(real.assumeRole(request, source)),
            assumeRoleWithWebIdentity: (request) => track(real.assumeRoleWithWebIdentity(request)),
          };
        },
      },
    );
    const oursRun = await day(ours, () => started, () => Promise.all([...inflight]));

    // The SDK has no clock to inject: its memo reads Date.now(), so Date.now follows the fake clock.
    sts8.reset();
    const realDateNow = Date.now;
    const savedEndpoint = process.env.AWS_ENDPOINT_URL_STS;
    process.env.AWS_ENDPOINT_URL_STS = sts8.endpoint;
    clock.t = T0;
    Date.now = () => clock.t;
    let sdkRun;
    try {
      const sdk = fromNodeProviderChain({ profile: "deployer", logger: quiet });
      sdkRun = await day(sdk, () => sts8.callsTo("AssumeRole").length, async () => {});
    } finally {
      Date.now = realDateNow;
      process.env.AWS_ENDPOINT_URL_STS = savedEndpoint;
    }
    // One credential per lifetime: 1-hour sessions used until the 15-minute advisory window, so a new one
    // every 45 minutes (jitter only delays it): ceil(24 h / 45 min) per hop.
    const expectedPerHop = Math.ceil(DAY_S / (3600 - 900));
    return { ours: { ...oursRun, expectedPerHop }, sdk: { ...sdkRun, note: "Date.now() follows the fake clock (the SDK takes no clock)" } };

    async function day(provider, stsStarted, stsSettled) {
      const before = sts8.callsTo("AssumeRole").length;
      let blockedCalls = 0;
      let blockedOutsideMandatory = 0;
      let expiredReturned = 0;
      let slowestAfterFirstMs = 0;
      let firstCallMs = 0;
      let previous;
      const blocked = [];
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
        if (process.env.BENCH_DEBUG && stsStarted() !== n) console.log("tick", s, "sts", stsStarted() - n, "waited", waited, "ms", ms.toFixed(2), "left", credentials.expiration && (credentials.expiration.getTime() - clock.t) / 1000);
        if (s === 0) firstCallMs = ms;
        else slowestAfterFirstMs = Math.max(slowestAfterFirstMs, ms);
        if (credentials.expiration && credentials.expiration.getTime() <= clock.t) expiredReturned++;
        if (waited && s > 0) {
          blockedCalls++;
          const leftS = previous?.expiration ? (previous.expiration.getTime() - clock.t) / 1000 : null;
          if (leftS === null || leftS > 600) blockedOutsideMandatory++;
          if (blocked.length < 50) blocked.push({ atS: s, credentialsLeftS: leftS, ms: Number(ms.toFixed(2)) });
        }
        const leftMs = credentials.expiration ? credentials.expiration.getTime() - clock.t : Infinity;
        if (leftMs <= 16 * 60_000 && leftMs > 10 * 60_000) {
          // Advisory window: a background refresh may be under way; give it real time, as the second would.
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        if (stsStarted() !== n || waited) {
          // A refresh touched STS (or disk): let it land, as it would within the real second.
          await stsSettled();
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        previous = credentials;
      }
      // Background refreshes are started by a call but reach STS only later: count them all at the end.
      await stsSettled();
      const calls = sts8.callsTo("AssumeRole").slice(before);
      const perHop = [role("Developer"), role("Deployer")].map((arn) => calls.filter((c) => c.params.RoleArn === arn).length);
      return { requests: DAY_S, stsCalls: calls.length, stsCallsPerHop: perHop, blockedCalls, blockedOutsideMandatory, expiredReturned, firstCallMs, slowestAfterFirstMs, blocked };
    }
  } finally {
    await sts8.close();
  }
}
