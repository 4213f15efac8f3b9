// A child process for file-lock.process.test.ts, bundled with esbuild before it runs:
//   node lock-worker.cjs <cacheDir> <key> <count|hold> <holdMs> <staleMs> <lockTimeoutMs> <counterFile>
// "count" increments <counterFile> under the lock with a slow read-modify-write (lost updates would show
// if two holders overlapped) and prints "<pid> <startMs> <endMs>". "hold" prints "locked <ms>" and never
// releases, to be killed. "ask" is "count" with the slow part marked as asking for an MFA code (whileAsking). Warnings go to stderr as "WARN …". The process ends on its own when done: a lock
// timer that kept it alive would make the test time out, and a lock wait that did not keep it alive would
// let it exit early, without output.
import { readFileSync, writeFileSync } from "node:fs";
import { createFileCache } from "../../src/cache/file-cache.js";

async function main(): Promise<void> {
  const [dir = "", key = "", mode, holdMs, staleMs, lockTimeoutMs, counterFile = ""] = process.argv.slice(2);
  const cache = createFileCache({
    dir,
    logger: { warn: (message: string) => process.stderr.write(`WARN ${message}\n`) },
    staleMs: Number(staleMs),
    lockTimeoutMs: Number(lockTimeoutMs),
    lockRetryIntervalMs: 25,
  });
  await cache.withLock(key, async (held) => {
    const startMs = Date.now();
    if (mode === "hold") {
      process.stdout.write(`locked ${startMs}\n`);
      setInterval(() => undefined, 60_000); // stays alive until killed
      return new Promise<never>(() => undefined);
    }
    const count = Number(readFileSync(counterFile, "utf8"));
    const slow = () => new Promise((resolve) => setTimeout(resolve, Number(holdMs)));
    await (mode === "ask" ? held.whileAsking(slow) : slow());
    writeFileSync(counterFile, String(count + 1));
    process.stdout.write(`${process.pid} ${startMs} ${Date.now()}\n`);
  });
}

void main();
