// A child process of resource-hygiene.test.ts: resolves one profile through the disk cache, prints
// "done <outcome> <what still keeps the event loop alive>" and does nothing else, so the process must end
// by itself at once.
//   node --unhandled-rejections=strict hygiene-worker.cjs <endpoint> <profile>
import { fromProfileWithRoleAssumption } from "../../../src/index.js";

async function main(): Promise<void> {
  const [endpoint = "", profile = ""] = process.argv.slice(2);
  const provider = fromProfileWithRoleAssumption({
    profile,
    logger: { trace() {}, debug() {}, info() {}, warn: (m: unknown) => process.stderr.write(`WARN ${String(m)}\n`), error: (m: unknown) => process.stderr.write(`ERROR ${String(m)}\n`) },
    clientConfig: { endpoint, region: "us-east-1", maxAttempts: 2 },
  });
  const outcome = await provider().then(
    (c) => (c.accessKeyId.startsWith("ASIA") ? "ok" : "wrong"),
    (error: { code?: string }) => `error:${error.code}`,
  );
  // What still keeps the event loop alive once the caller has its result and has settled (one macrotask).
  await new Promise((resolve) => setImmediate(resolve));
  const alive = process.getActiveResourcesInfo().filter((type) => type !== "PipeWrap" && type !== "TTYWrap");
  process.stdout.write(`done ${outcome} ${JSON.stringify(alive)}\n`);
}

void main();
