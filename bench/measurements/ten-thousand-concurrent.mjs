// #7 10,000 concurrent calls on one new provider instance (2-hop role, cold): one shared resolution, so
// one AssumeRole call per hop, and every caller gets the same credentials.
import { join } from "node:path";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { fromProfileWithRoleAssumption } from "../../dist/index.js";
import { alternate } from "../lib/child.mjs";
import { fmtMs, ratio } from "../lib/format.mjs";
import { summarize } from "../lib/stats.mjs";

export default {
  id: 7,
  title: "10,000 concurrent calls on one provider, cold",
  target: "1 STS call per hop",
  async run(ctx) {
    let round = 0;
    const burst = (impl) => async () => {
      const provider =
        impl === "ours"
          ? fromProfileWithRoleAssumption({ profile: "deployer", cacheDir: join(ctx.world.scratch, `burst-cache-${round++}`) })
          : fromNodeProviderChain({ profile: "deployer" });
      const before = ctx.sts.callsTo("AssumeRole").length;
      const start = performance.now();
      const all = await Promise.all(Array.from({ length: 10_000 }, () => provider()));
      const wallMs = performance.now() - start;
      const calls = ctx.sts.callsTo("AssumeRole").slice(before);
      const perHop = {};
      for (const call of calls) perHop[call.params.RoleArn] = (perHop[call.params.RoleArn] ?? 0) + 1;
      return { wallMs, calls: calls.length, maxPerHop: Math.max(...Object.values(perHop)), distinctKeys: new Set(all.map((c) => c.accessKeyId)).size };
    };
    const r = await alternate(
      [
        { name: "ours", run: burst("ours") },
        { name: "sdk", run: burst("sdk") },
      ],
      { warmup: 1, reps: ctx.quick ? 2 : 5 },
    );
    const fig = (impl) => ({
      wallMs: summarize(r[impl].map((x) => x.wallMs)),
      assumeRoleCalls: summarize(r[impl].map((x) => x.calls)),
      maxCallsPerHop: Math.max(...r[impl].map((x) => x.maxPerHop)),
      distinctCredentials: Math.max(...r[impl].map((x) => x.distinctKeys)),
    });
    const [o, s] = [fig("ours"), fig("sdk")];
    const row = {
      measurement: "10,000 concurrent, 2-hop cold: STS calls/hop, wall",
      ours: `${o.maxCallsPerHop}/hop, ${fmtMs(o.wallMs)}`,
      sdk: `${s.maxCallsPerHop}/hop, ${fmtMs(s.wallMs)}`,
      ratio: ratio(o.wallMs.median, s.wallMs.median),
      met: o.maxCallsPerHop === 1,
    };
    return { rows: [row], results: { tenThousandConcurrent: { ours: o, sdk: s } } };
  },
};
