// A child process of cache-concurrency.test.ts: writes cache entries through the library's file cache in a
// tight loop until killed (with SIGKILL, at a random moment). Entry n has access key id AKIDWRITE<n> and
// secret secret-<n>-<padding>, so a reader can tell a complete entry from a mix of two.
//   node write-worker.cjs <cacheDir> <key>
import { createFileCache } from "../../../src/cache/file-cache.js";

const [dir = "", key = ""] = process.argv.slice(2);
const cache = createFileCache({ dir, logger: { warn: (m: string) => process.stderr.write(`WARN ${m}\n`) } });

async function main(): Promise<void> {
  process.stdout.write("ready\n");
  for (let n = 0; ; n++) {
    const id = String(n).padStart(10, "0");
    await cache.write(key, {
      credentials: {
        accessKeyId: `AKIDWRITE${id}`,
        secretAccessKey: `secret-${id}-${"x".repeat(4096 + (n % 97) * 64)}`,
        sessionToken: `token-${id}`,
        expiration: new Date(Date.now() + 3_600_000),
      },
    });
  }
}

void main();
