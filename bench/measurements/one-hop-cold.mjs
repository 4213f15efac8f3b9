// #4 A new process assuming a 1-hop role with a cold cache, and (#4b) the same with our disk cache off,
// which shows what the cross-process lock and the cache write cost on top.
import { firstCredentials } from "../lib/first-credentials.mjs";
import { fmtMs, ratio } from "../lib/format.mjs";

export default {
  id: 4,
  title: "first credentials, 1-hop role, cold cache",
  target: "<= SDK",
  async run(ctx) {
    const home = await ctx.world.makeHome("one-hop");
    const env = ctx.env(home, { AWS_PROFILE: "developer" });
    const cold = await firstCredentials(ctx, { oursEnv: env, sdkEnv: env, beforeOurs: () => ctx.world.clearCache(home) });
    const off = await firstCredentials(ctx, { oursEnv: { ...env, AWS_PROFILE_CREDENTIALS_CACHE: "off" }, sdkEnv: env });
    const row = (id, measurement, f, target, met) => {
      const [o, s] = [f.ours.timeToCredentialsMs, f.sdk.timeToCredentialsMs];
      return { id, measurement, ours: fmtMs(o), sdk: fmtMs(s), ratio: ratio(o.median, s.median), target, met: met?.(o, s) ?? null };
    };
    const rows = [
      row(4, "1-hop role, cold: process start -> credentials", cold, undefined, (o, s) => o.median <= s.median),
      row("4b", "1-hop role, cold, our disk cache off (no lock, no write)", off, "(cost of the cache: #4 - #4b)"),
    ];
    return { rows, results: { oneHopCold: cold, oneHopColdCacheOff: off } };
  },
};
