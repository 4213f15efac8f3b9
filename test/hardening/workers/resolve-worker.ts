// A child process of cache-concurrency.test.ts (bundled with esbuild):
//   node resolve-worker.cjs <endpoint> <profile> <count>
// Resolves <profile> <count> times, each time with a new provider (so its memory layer is empty and the
// AWS CLI disk cache under $HOME is read), and prints one JSON line per resolution: the access key id and
// expiration, or the error code. Warnings go to stderr as "WARN …".
import { fromProfileWithRoleAssumption } from "../../../src/index.js";

async function main(): Promise<void> {
  const [endpoint = "", profile = "", count = "0"] = process.argv.slice(2);
  const logger = {
    trace: () => undefined,
    debug: () => undefined,
    info: () => undefined,
    warn: (...m: unknown[]) => process.stderr.write(`WARN ${m.join(" ")}\n`),
    error: (...m: unknown[]) => process.stderr.write(`ERROR ${m.join(" ")}\n`),
  };
  const lines: string[] = [];
  for (let i = 0; i < Number(count); i++) {
    const provider = fromProfileWithRoleAssumption({ profile, logger, clientConfig: { endpoint, region: "us-east-1", maxAttempts: 1 } });
    try {
      const c = await provider();
      lines.push(JSON.stringify({ accessKeyId: c.accessKeyId, hasSecret: Boolean(c.secretAccessKey && c.sessionToken), expiration: c.expiration?.getTime() }));
    } catch (error) {
      lines.push(JSON.stringify({ error: (error as { code?: string }).code ?? String(error), message: (error as Error).message }));
    }
  }
  process.stdout.write(`${lines.join("\n")}\n`);
}

void main();
