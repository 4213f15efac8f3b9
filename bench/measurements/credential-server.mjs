// Issue #13, item 5: the credential server (startCredentialServer) over loopback, against the bundled STS
// emulator (127.0.0.1 only), from the built package (npm run build first; npm run bench does).
// - a cached answer's latency: median and p99 of 1,000 sequential GETs on one keep-alive connection;
// - 100 concurrent cold requests to a 2-hop role chain: STS AssumeRole calls (target: 1 per hop);
// - this process's RSS after 10,000 requests (50 at a time), and its growth over the run.
// Runs standalone too: `node bench/measurements/credential-server.mjs` prints its rows.
import { Agent, request } from "node:http";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startCredentialServer } from "../../dist/index.js";
import { startLocalSts } from "../../dist/testing.js";

const CACHED_REQUESTS = 1_000;
const COLD_REQUESTS = 100;
const MEMORY_REQUESTS = 10_000;
const MEMORY_CONCURRENCY = 50;
const HOPS = 2;

const measurement = {
  id: 9,
  title: "credential server over loopback: cached latency, cold concurrency, memory",
  target: `cached median < 1 ms; ${COLD_REQUESTS} cold requests make ${HOPS} STS calls (1 per hop); RSS growth over ${MEMORY_REQUESTS} requests < 50 MB`,
  async run(ctx = {}) {
    const quick = ctx.quick ?? process.env.BENCH_QUICK === "1";
    const world = await startWorld();
    const rssBefore = process.memoryUsage().rss;
    const server = await startCredentialServer(world.providerOptions);
    try {
      const agent = new Agent({ keepAlive: true, maxSockets: COLD_REQUESTS });
      const get = () => fetchOnce(agent, server);

      const cold = await Promise.all(Array.from({ length: COLD_REQUESTS }, get));
      const stsCalls = world.sts.callsTo("AssumeRole").length;
      const coldOk = cold.every((status) => status === 200);

      const one = new Agent({ keepAlive: true, maxSockets: 1 });
      for (let i = 0; i < 100; i++) await fetchOnce(one, server); // warm-up
      const samples = [];
      const cached = quick ? CACHED_REQUESTS / 10 : CACHED_REQUESTS;
      for (let i = 0; i < cached; i++) {
        const t0 = performance.now();
        await fetchOnce(one, server);
        samples.push(performance.now() - t0);
      }
      samples.sort((a, b) => a - b);
      const median = quantile(samples, 0.5);
      const p99 = quantile(samples, 0.99);

      const total = quick ? MEMORY_REQUESTS / 10 : MEMORY_REQUESTS;
      for (let done = 0; done < total; done += MEMORY_CONCURRENCY) {
        await Promise.all(Array.from({ length: MEMORY_CONCURRENCY }, get));
      }
      globalThis.gc?.();
      const rssAfter = process.memoryUsage().rss;
      agent.destroy();
      one.destroy();
      const growthMb = (rssAfter - rssBefore) / 2 ** 20;

      const rows = [
        row("9a", `cached answer latency, median of ${cached} GETs`, `${median.toFixed(3)} ms`, "< 1 ms", median < 1),
        row("9b", `cached answer latency, p99 of ${cached} GETs`, `${p99.toFixed(3)} ms`, "info", null),
        row("9c", `${COLD_REQUESTS} concurrent cold requests, ${HOPS}-hop chain: STS calls`, `${stsCalls}${coldOk ? "" : " (some requests failed)"}`, `${HOPS}`, coldOk && stsCalls === HOPS),
        row("9d", `RSS after ${total} requests (growth over the run)`, `${(rssAfter / 2 ** 20).toFixed(1)} MB (+${growthMb.toFixed(1)} MB)`, "growth < 50 MB", growthMb < 50),
      ];
      const results = { medianMs: median, p99Ms: p99, coldRequests: COLD_REQUESTS, coldStsCalls: stsCalls, rssAfterMb: rssAfter / 2 ** 20, rssGrowthMb: growthMb };
      return { rows, results: { credentialServer: results } };
    } finally {
      await server.close();
      await world.close();
    }
  },
};

export default measurement;

// --- internal ---

function row(id, measurement, ours, target, met) {
  return { id, measurement, ours, sdk: "-", ratio: "-", target, met };
}

function quantile(sorted, p) {
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

/** One GET with the token; resolves with the status once the body is read. */
function fetchOnce(agent, server) {
  return new Promise((resolve, reject) => {
    const req = request(server.url, { agent, headers: { authorization: server.env.AWS_CONTAINER_AUTHORIZATION_TOKEN } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode));
    });
    req.on("error", reject);
    req.end();
  });
}

/** A user, a 2-hop chain (Developer, then Deployer), profile files in a temp folder, the emulator. */
async function startWorld() {
  const base = { accessKeyId: "AKIABENCHSERVER00001", secretAccessKey: "bench-server-secret", arn: "arn:aws:iam::111111111111:user/alice" };
  const role = (name) => `arn:aws:iam::222222222222:role/${name}`;
  const sts = await startLocalSts({ users: [base], roles: [{ arn: role("Developer"), trust: [base.arn] }, { arn: role("Deployer"), trust: [role("Developer")] }] });
  const dir = await mkdtemp(join(tmpdir(), "aws-profile-credentials-bench-server-"));
  await mkdir(join(dir, "cache"));
  await writeFile(
    join(dir, "config"),
    `[profile developer]\nrole_arn = ${role("Developer")}\nsource_profile = alice\n\n[profile deployer]\nrole_arn = ${role("Deployer")}\nsource_profile = developer\n`,
  );
  await writeFile(join(dir, "credentials"), `[alice]\naws_access_key_id = ${base.accessKeyId}\naws_secret_access_key = ${base.secretAccessKey}\n`);
  return {
    sts,
    providerOptions: {
      profile: "deployer",
      configFilepath: join(dir, "config"),
      filepath: join(dir, "credentials"),
      cacheDir: join(dir, "cache"),
      clientConfig: { endpoint: sts.endpoint, region: "eu-west-1" },
    },
    close: async () => {
      await sts.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // The SDK's notice about Node 20 says nothing about what is measured.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const { rows } = await measurement.run({});
  process.stdout.write(`${measurement.title}\n`);
  for (const r of rows) process.stdout.write(`${r.id}  ${r.measurement}: ${r.ours}  (target ${r.target}: ${r.met})\n`);
}
