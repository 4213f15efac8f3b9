// #1 The hot path: ns per call once fresh credentials are memoized, 1M calls per contender (tinybench, in
// this process). The clock floor, `async () => cached` plus one Date.now() comparison, is the least a memo
// that never returns expired credentials can do (the clock read is what also holds after a laptop sleeps,
// when a timer or a monotonic clock would have stopped); the plain floor is shown beside it.
import { join } from "node:path";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { Bench } from "tinybench";
import { fromProfileWithRoleAssumption } from "../../dist/index.js";
import { fmtNs } from "../lib/format.mjs";
import { summarize } from "../lib/stats.mjs";

const TARGET = 1.1;
const BATCH = 1000; // calls per tinybench iteration: the timer's own cost stays out of the per-call figure
const ITER = 100;

export default {
  id: 1,
  title: "hot path",
  target: `<= ${TARGET}x the clock floor`,
  async run(ctx) {
    const ours = fromProfileWithRoleAssumption({ profile: "deployer", cacheDir: join(ctx.world.scratch, "hot-cache") });
    const sdk = fromNodeProviderChain({ profile: "deployer" });
    const cached = await ours();
    await sdk();
    const far = Date.now() + 3_600_000;
    const tasks = { floor: async () => cached, clockFloor: async () => (Date.now() < far ? cached : undefined), ours, sdk };
    const names = Object.keys(tasks);
    const perRound = Object.fromEntries(names.map((n) => [n, []]));
    const rme = Object.fromEntries(names.map((n) => [n, []]));
    const rounds = ctx.quick ? 4 : 10; // 10 rounds x 100 iterations x 1000 calls = 1M calls per contender
    for (let round = 0; round < rounds + 1; round++) {
      const bench = new Bench({ time: 0, iterations: ITER, warmupTime: 0, warmupIterations: round === 0 ? 50 : 10 });
      for (let i = 0; i < names.length; i++) {
        const name = names[(i + round) % names.length]; // rotate: each goes first in turn
        const p = tasks[name];
        bench.add(name, async () => {
          for (let j = 0; j < BATCH; j++) await p();
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
    const over = (n) => s[n].median / s.clockFloor.median;
    const results = {
      unit: "ns per call (median of per-round tinybench means, p25-p75 of rounds)",
      callsPerContender: rounds * ITER * BATCH,
      ...s,
      tinybenchRmePercent: Object.fromEntries(names.map((n) => [n, summarize(rme[n]).median])),
      oursOverClockFloor: over("ours"),
      sdkOverClockFloor: over("sdk"),
      oursOverFloor: s.ours.median / s.floor.median,
    };
    const row = {
      measurement: `hot path, ns/call (clock floor ${s.clockFloor.median.toFixed(1)} ns; plain floor ${s.floor.median.toFixed(1)} ns)`,
      ours: `${fmtNs(s.ours)} = ${over("ours").toFixed(2)}x clock floor`,
      sdk: `${fmtNs(s.sdk)} = ${over("sdk").toFixed(2)}x clock floor`,
      ratio: `${(s.ours.median / s.sdk.median).toFixed(2)}x`,
      met: over("ours") <= TARGET,
    };
    return { rows: [row], results: { hotPath: results } };
  },
};
