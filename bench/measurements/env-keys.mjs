// #3 A new process whose credentials come from environment keys (the deployed-Lambda shape): time from
// process start to credentials, and proof that no STS code is loaded on the way.
import { ALICE } from "../../demo/sample-world.mjs";
import { runChild } from "../lib/child.mjs";
import { firstCredentials } from "../lib/first-credentials.mjs";
import { fmtMb, fmtMs, ratio } from "../lib/format.mjs";

export default {
  id: 3,
  title: "first credentials, environment keys",
  target: "<= SDK; STS never loaded",
  async run(ctx) {
    const home = await ctx.world.makeHome("env-keys");
    const env = ctx.env(home, { AWS_ACCESS_KEY_ID: ALICE.accessKeyId, AWS_SECRET_ACCESS_KEY: ALICE.secretAccessKey });
    const f = await firstCredentials(ctx, { oursEnv: env, sdkEnv: env });
    const modules = JSON.parse((await runChild("modules-loaded.cjs", ["ours", "credentials"], env)).stdout);
    const sdkModules = JSON.parse((await runChild("modules-loaded.cjs", ["sdk-chain", "credentials"], env)).stdout);
    const o = f.ours.timeToCredentialsMs;
    const s = f.sdk.timeToCredentialsMs;
    const yesNo = (m) => (m.stsLoaded ? "yes" : "no");
    const rows = [
      { measurement: "env keys: process start -> credentials", ours: fmtMs(o), sdk: fmtMs(s), ratio: ratio(o.median, s.median), met: o.median <= s.median && !modules.stsLoaded },
      { id: "3b", measurement: "env keys: STS loaded / peak RSS", ours: `${yesNo(modules)} / ${fmtMb(f.ours.peakRssKb)}`, sdk: `${yesNo(sdkModules)} / ${fmtMb(f.sdk.peakRssKb)}`, ratio: ratio(f.ours.peakRssKb.median, f.sdk.peakRssKb.median), target: "STS never loaded", met: !modules.stsLoaded },
    ];
    return { rows, results: { envKeys: { ...f, modulesLoadedByRequire: { ours: modules, sdk: sdkModules } } } };
  },
};
