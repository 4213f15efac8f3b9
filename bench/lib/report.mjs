// The end of a bench run: the machine and settings beside the figures, the table on stdout, and the JSON
// (bench/results.json, or the temp folder for a quick or partial run, so a trial never replaces it).
import { writeFile } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { hasGnuTime } from "./child.mjs";

const HEADERS = ["#", "measurement", "aws-profile-credentials", "SDK fromNodeProviderChain", "ours/SDK", "target", ""];

export async function report({ results, rows, ctx, seconds, toTemp, say }) {
  const cpu = cpus();
  results.machine = {
    cpuModel: cpu[0]?.model ?? "unknown",
    cores: cpu.length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
    peakRssSource: hasGnuTime ? "GNU time %M of each child" : "process.resourceUsage().maxRSS of each child",
  };
  results.settings = {
    repetitions: ctx.reps,
    warmup: ctx.warmup,
    quick: ctx.quick,
    alternation: "A B, B A, ... per round",
    childEnvironment: "PATH, HOME (a sandbox), the emulator's AWS_ENDPOINT_URL_STS, AWS_REGION, AWS_EC2_METADATA_DISABLED; nothing else from the caller",
  };
  results.table = rows;
  results.durationSeconds = Number(seconds.toFixed(1));

  const cells = rows.map((r) => [String(r.id), r.measurement, r.ours, r.sdk, r.ratio, r.target, r.met]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => `| ${c.map((x, i) => x.padEnd(widths[i])).join(" | ")} |`;
  say();
  say(`${results.machine.cpuModel}, ${results.machine.cores} cores, Node ${results.machine.node}, ${results.machine.date}`);
  say("medians, [p25-p75] of the repetitions; per-process figures from child processes (PATH and a sandbox HOME only), SDK runs alternated with ours");
  say(line(HEADERS));
  say(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const c of cells) say(line(c));
  say(`\ntotal ${results.durationSeconds} s`);
  const file = toTemp ? join(tmpdir(), "aws-profile-credentials-bench-partial.json") : new URL("../results.json", import.meta.url);
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  if (toTemp) say(`(a quick or partial run: results in ${file}, bench/results.json unchanged)`);
}
