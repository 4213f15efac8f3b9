// #10 100 providers of one profile in one process (2-hop role, cold cache, disk cache on), all asked at
// once: the providers share one in-memory fetch per session, so one AssumeRole call per hop and no
// provider waits on the cross-process lock's polling (issue 14). The SDK baseline is 100
// fromNodeProviderChain providers, each of which calls STS itself.
import { join } from "node:path";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { fromProfileWithRoleAssumption } from "../../dist/index.js";
import { alternate } from "../lib/child.mjs";
import { fmtMs, ratio } from "../lib/format.mjs";
import { summarize } from "../lib/stats.mjs";

const PROVIDERS = 100;

export default {
  id: 10,
  title: "100 providers of one profile in one process, cold",
  target: "p50 < 300 ms, 1 AssumeRole per hop",
  async run(ctx) {
    let round = 0;
    const burst = (impl) => async () => {
      // A new cache directory each round: cold on disk, and a new session identity in memory.
      const cacheDir = join(ctx.world.scratch, `many-providers-${round++}`);
      const providers = Array.from({ length: PROVIDERS }, () =>
        impl === "ours" ? fromProfileWithRoleAssumption({ profile: "deployer", cacheDir }) : fromNodeProviderChain({ profile: "deployer" }),
      );
      const before = ctx.sts.callsTo("AssumeRole").length;
      const start = performance.now();
      const times = await Promise.all(providers.map(async (provider) => (await provider(), performance.now() - start)));
      const perHop = {};
      for (const call of ctx.sts.callsTo("AssumeRole").slice(before)) perHop[call.params.RoleArn] = (perHop[call.params.RoleArn] ?? 0) + 1;
      return { times, maxPerHop: Math.max(...Object.values(perHop)), hops: Object.keys(perHop).length };
    };
    const r = await alternate(
      [
        { name: "ours", run: burst("ours") },
        { name: "sdk", run: burst("sdk") },
      ],
      { warmup: ctx.warmup, reps: ctx.quick ? 3 : 7 },
    );
    const fig = (impl) => {
      const p50s = r[impl].map((x) => summarize(x.times).median);
      const maxes = r[impl].map((x) => summarize(x.times).max);
      return { p50Ms: summarize(p50s), maxMs: summarize(maxes), maxCallsPerHop: Math.max(...r[impl].map((x) => x.maxPerHop)), hops: r[impl][0].hops };
    };
    const [o, s] = [fig("ours"), fig("sdk")];
    const rows = [
      {
        measurement: `${PROVIDERS} providers, 2-hop cold: AssumeRole calls per hop`,
        ours: `${o.maxCallsPerHop}/hop (${o.hops} hops)`,
        sdk: `${s.maxCallsPerHop}/hop (${s.hops} hops)`,
        target: "1 AssumeRole per hop",
        met: o.maxCallsPerHop === 1 && o.hops === 2,
      },
      {
        id: "10b",
        measurement: `${PROVIDERS} providers, 2-hop cold: time to credentials, p50 of a round`,
        ours: fmtMs(o.p50Ms),
        sdk: fmtMs(s.p50Ms),
        ratio: ratio(o.p50Ms.median, s.p50Ms.median),
        target: "p50 < 300 ms",
        met: o.p50Ms.median < 300,
      },
      {
        id: "10c",
        measurement: `${PROVIDERS} providers, 2-hop cold: time to credentials, slowest of a round`,
        ours: fmtMs(o.maxMs),
        sdk: fmtMs(s.maxMs),
        ratio: ratio(o.maxMs.median, s.maxMs.median),
        target: "(info)",
        met: null,
      },
    ];
    return { rows, results: { manyProviders: { providers: PROVIDERS, ours: o, sdk: s } } };
  },
};
