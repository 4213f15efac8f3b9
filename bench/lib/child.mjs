// Child processes for per-process figures. Always asynchronous (spawn, never spawnSync): the STS emulator
// runs in this (the parent) process and must keep answering while children run. Peak RSS comes from the
// OS accounting via GNU time (%M, KiB); without it, from the child's own process.resourceUsage().maxRSS.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The package root: every child runs there, so that it resolves the project's node_modules. */
export const root = fileURLToPath(new URL("../..", import.meta.url));
const GNU_TIME = "/usr/bin/time";
export const hasGnuTime = existsSync(GNU_TIME);
const rssReporter = fileURLToPath(new URL("../children/report-rss.mjs", import.meta.url));
const RSS_LINE = /^MAXRSS_KB=(\d+)$/m;

/** Runs `node ...args`; resolves { wallMs, rssKb, stdout, stderr } when it exits with 0. */
export function runNode(args, { env, cwd }) {
  const nodeArgs = hasGnuTime ? args : ["--import", rssReporter, ...args];
  const command = hasGnuTime ? GNU_TIME : process.execPath;
  const argv = hasGnuTime ? ["-f", "MAXRSS_KB=%M", process.execPath, ...nodeArgs] : nodeArgs;
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, argv, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const wallMs = performance.now() - start;
      const match = RSS_LINE.exec(stderr);
      stderr = stderr.replace(RSS_LINE, "").trim();
      if (code !== 0) return reject(new Error(`node ${args.join(" ")} exited with ${code}: ${stderr}`));
      resolve({ wallMs, rssKb: match ? Number(match[1]) : NaN, stdout, stderr });
    });
  });
}

/** Runs one of bench/children/ (`name`, with `args`) in `env`; resolves as runNode does. */
export function runChild(name, args, env) {
  return runNode([fileURLToPath(new URL(`../children/${name}`, import.meta.url)), ...args], { env, cwd: root });
}

/** Alternates the variants (A B, B A, A B, ...), discarding the first `warmup` rounds. */
export async function alternate(variants, { warmup, reps }) {
  const results = Object.fromEntries(variants.map((v) => [v.name, []]));
  for (let round = 0; round < warmup + reps; round++) {
    const order = round % 2 === 0 ? variants : [...variants].reverse();
    for (const variant of order) {
      const result = await variant.run();
      if (round >= warmup) results[variant.name].push(result);
    }
  }
  return results;
}
