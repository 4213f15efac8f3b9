// #5 A new process on a 2-hop role whose sessions are in the CLI cache, against the SDK, which has no disk
// cache and so always starts cold (2 AssumeRole calls); #5b leaves Node's own start-up out.
import { runChild } from "../lib/child.mjs";
import { firstCredentials } from "../lib/first-credentials.mjs";
import { fmtMs, ratio } from "../lib/format.mjs";

export default {
  id: 5,
  title: "first credentials, 2-hop role, warm CLI cache (SDK: cold, it has no disk cache)",
  target: "<= 0.5x SDK, 0 STS calls",
  async run(ctx) {
    const warmEnv = ctx.env(await ctx.world.makeHome("two-hop-warm"), { AWS_PROFILE: "deployer" });
    const sdkEnv = ctx.env(await ctx.world.makeHome("two-hop-sdk"), { AWS_PROFILE: "deployer" });
    const n = ctx.assumeRoles();
    await runChild("first-credentials.mjs", ["ours"], warmEnv); // fills the cache
    const populateCalls = ctx.assumeRoles() - n;
    const f = await firstCredentials(ctx, { oursEnv: warmEnv, sdkEnv });
    const [o, s] = [f.ours.timeToCredentialsMs, f.sdk.timeToCredentialsMs];
    const [oa, sa] = [f.ours.afterNodeStartupMs, f.sdk.afterNodeStartupMs];
    const stsCalls = f.ours.assumeRoleCallsPerProcess.max;
    const rows = [
      { measurement: "2-hop: ours warm cache vs SDK cold", ours: `${fmtMs(o)}, ${stsCalls} STS`, sdk: `${fmtMs(s)}, ${f.sdk.assumeRoleCallsPerProcess.median} STS`, ratio: ratio(o.median, s.median), met: o.median <= 0.5 * s.median && stsCalls === 0 },
      { id: "5b", measurement: `2-hop, after Node's own start-up (${f.sdk.nodeStartupMs.median.toFixed(1)} ms)`, ours: fmtMs(oa), sdk: fmtMs(sa), ratio: ratio(oa.median, sa.median), target: "(what the library controls)", met: null },
    ];
    return { rows, results: { twoHopWarm: { ...f, cachePopulatedWithAssumeRoleCalls: populateCalls } } };
  },
};
