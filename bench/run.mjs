// npm run bench: the targets of issue #5, measured on this machine against the bundled STS emulator
// (127.0.0.1 only), with the SDK's fromNodeProviderChain as the baseline in the same run, alternating the
// two after a warm-up. Prints a table and writes bench/results.json (BENCH_QUICK=1: fewer repetitions, and
// the JSON goes to the temp folder instead). `node bench/run.mjs 1 8` runs only those measurements.
//
// A measurement is one file in bench/measurements/ (this runner finds every *.mjs there, ordered by id):
//
//   export default {
//     id: 9,                          // a unique number: the table's "#" and the order of the run
//     title: "credential server",    // printed when it starts
//     target: "<= 2 ms per request",  // the target of its rows unless a row names its own
//     async run(ctx) {
//       return {
//         rows: [{ id?, measurement, ours, sdk, ratio?, target?, met }], // met: true, false, or null (info)
//         results: { credentialServer: { ... } },  // merged into results.json "measurements"
//       };
//     },
//   };
//
// ctx: `world` (demo/sample-world.mjs: `sts`, `scratch`, `makeHome(name)`, `env(home, extra)`,
// `clearCache(home)`), `sts`, `home` (the sandbox HOME this process runs in, its AWS_ variables replaced),
// `env(home, extra)` (a child's whole environment: the world's plus AWS_REGION), `assumeRoles()` (AssumeRole
// calls so far), `reps`, `warmup` and `quick`. Helpers for child processes, statistics and table cells are
// in bench/lib/; the library's internals (not exported by the package) come from bench/lib/internal.mjs.
import { readdir } from "node:fs/promises";
import { REGION, enterSandbox, openSampleWorld } from "../demo/sample-world.mjs";
import { report } from "./lib/report.mjs";

const QUICK = process.env.BENCH_QUICK === "1";
const started = performance.now();
const say = (line = "") => process.stdout.write(`${line}\n`);
const measurements = await loadMeasurements(process.argv.slice(2));

const world = await openSampleWorld("bench");
const ctx = {
  world,
  sts: world.sts,
  home: await world.makeHome("parent"),
  env: (home, extra = {}) => world.env(home, { AWS_REGION: REGION, ...extra }),
  assumeRoles: () => world.sts.callsTo("AssumeRole").length,
  reps: QUICK ? 3 : 15,
  warmup: QUICK ? 1 : 2,
  quick: QUICK,
};
// This process too (the in-process figures), like the demo.
enterSandbox(ctx.env(ctx.home));

const results = { measurements: {} };
const rows = [];
try {
  for (const m of measurements) {
    say(`[${((performance.now() - started) / 1000).toFixed(1)} s] #${m.id} ${m.title}`);
    const out = await m.run(ctx);
    Object.assign(results.measurements, out.results);
    for (const r of out.rows) {
      const met = r.met === null ? "info" : r.met ? "met" : "MISSED";
      rows.push({ id: r.id ?? m.id, measurement: r.measurement, ours: r.ours, sdk: r.sdk, ratio: r.ratio ?? "-", target: r.target ?? m.target, met });
    }
  }
} finally {
  await world.close();
}
const subset = process.argv.length > 2;
await report({ results, rows, ctx, seconds: (performance.now() - started) / 1000, toTemp: QUICK || subset, say });

// --- internal ---

/** Every bench/measurements/*.mjs, checked and ordered by id; `only` (ids or file names) picks some. */
async function loadMeasurements(only) {
  const dir = new URL("./measurements/", import.meta.url);
  const files = (await readdir(dir)).filter((f) => f.endsWith(".mjs"));
  const all = [];
  for (const file of files) {
    const m = (await import(new URL(file, dir).href)).default;
    const ok = m && Number.isInteger(m.id) && typeof m.title === "string" && typeof m.target === "string" && typeof m.run === "function";
    if (!ok) throw new Error(`bench/measurements/${file}: expected export default { id (integer), title, target, run(ctx) }`);
    const twin = all.find((x) => x.id === m.id);
    if (twin) throw new Error(`bench/measurements/${file}: id ${m.id} is taken by ${twin.file}; choose the next free number`);
    all.push({ ...m, file });
  }
  all.sort((a, b) => a.id - b.id);
  if (only.length === 0) return all;
  const picked = all.filter((m) => only.includes(String(m.id)) || only.includes(m.file.replace(/\.mjs$/, "")));
  if (picked.length !== only.length) throw new Error(`unknown measurement in ${only.join(" ")}; there are: ${all.map((m) => `${m.id} (${m.file})`).join(", ")}`);
  return picked;
}
