// A per-process time-to-first-credentials comparison (#3, #4, #5): new processes that resolve credentials
// once (children/first-credentials.mjs), ours and the SDK's alternated, with the AssumeRole calls each made.
import { alternate, runChild } from "./child.mjs";
import { summarize } from "./stats.mjs";

/** `beforeOurs` runs before each of our processes (to empty the cache for a cold start, for instance). */
export async function firstCredentials(ctx, { oursEnv, sdkEnv, beforeOurs = async () => {} }) {
  const calls = { ours: [], sdk: [] };
  const run = (impl, env, before) => async () => {
    await before();
    const n = ctx.assumeRoles();
    const result = await runChild("first-credentials.mjs", [impl], env);
    calls[impl].push(ctx.assumeRoles() - n);
    return { ...result, ...JSON.parse(result.stdout) };
  };
  const r = await alternate(
    [
      { name: "ours", run: run("ours", oursEnv, beforeOurs) },
      { name: "sdk", run: run("sdk", sdkEnv, async () => {}) },
    ],
    { warmup: ctx.warmup, reps: ctx.reps },
  );
  const fig = (impl) => ({
    timeToCredentialsMs: summarize(r[impl].map((x) => x.ms)),
    nodeStartupMs: summarize(r[impl].map((x) => x.boot)),
    afterNodeStartupMs: summarize(r[impl].map((x) => x.ms - x.boot)),
    wallMs: summarize(r[impl].map((x) => x.wallMs)),
    peakRssKb: summarize(r[impl].map((x) => x.rssKb)),
    assumeRoleCallsPerProcess: summarize(calls[impl].slice(-ctx.reps)),
  });
  return { ours: fig("ours"), sdk: fig("sdk") };
}
