// #6 Eight processes started at once on a 2-hop role with a cold cache: ours share one STS call per hop
// through the cross-process lock and the CLI cache; the SDK's make every call themselves.
import { alternate, runChild } from "../lib/child.mjs";
import { fmtMs, ratio } from "../lib/format.mjs";
import { summarize } from "../lib/stats.mjs";

export default {
  id: 6,
  title: "8 processes at once, cold cache, 2-hop",
  target: "2 STS calls in total (SDK 16)",
  async run(ctx) {
    const home = await ctx.world.makeHome("eight");
    const env = ctx.env(home, { AWS_PROFILE: "deployer" });
    const eight = (impl) => async () => {
      if (impl === "ours") await ctx.world.clearCache(home);
      const n = ctx.assumeRoles();
      const start = performance.now();
      await Promise.all(Array.from({ length: 8 }, () => runChild("first-credentials.mjs", [impl], env)));
      return { wallMs: performance.now() - start, calls: ctx.assumeRoles() - n };
    };
    const r = await alternate(
      [
        { name: "ours", run: eight("ours") },
        { name: "sdk", run: eight("sdk") },
      ],
      { warmup: 1, reps: ctx.quick ? 2 : 3 },
    );
    const fig = (impl) => ({ wallMs: summarize(r[impl].map((x) => x.wallMs)), assumeRoleCalls: summarize(r[impl].map((x) => x.calls)) });
    const [o, s] = [fig("ours"), fig("sdk")];
    const row = {
      measurement: "8 processes at once, 2-hop cold: STS calls, wall",
      ours: `${o.assumeRoleCalls.max} calls, ${fmtMs(o.wallMs)}`,
      sdk: `${s.assumeRoleCalls.median} calls, ${fmtMs(s.wallMs)}`,
      ratio: ratio(o.wallMs.median, s.wallMs.median),
      met: o.assumeRoleCalls.max === 2,
    };
    return { rows: [row], results: { eightProcesses: { ours: o, sdk: s } } };
  },
};
