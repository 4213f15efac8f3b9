// A child process of cache-concurrency.test.ts: keeps corrupting and deleting the *.json entries of a
// cache directory until it is killed with SIGTERM, then prints how many destructive operations it made.
//   node corrupt-worker.cjs <cacheDir> <pauseMs>
import { readdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [dir = "", pauseMs = "20"] = process.argv.slice(2);
let operations = 0;
let turn = 0;

function once(): void {
  let entries: string[];
  try {
    entries = readdirSync(dir).filter((name) => /^[0-9a-f]{40}\.json$/.test(name));
  } catch {
    return;
  }
  const name = entries[turn % Math.max(1, entries.length)];
  turn++;
  if (!name) return;
  const file = join(dir, name);
  try {
    const text = readFileSync(file, "utf8");
    switch (turn % 4) {
      case 0:
        unlinkSync(file);
        break;
      case 1:
        // A torn write: the first part of a real entry.
        writeFileSync(file, text.slice(0, Math.max(1, Math.floor(text.length * ((turn % 7) + 1) / 9))));
        break;
      case 2:
        writeFileSync(file, "\u0000\u0000{garbage");
        break;
      default:
        // Valid JSON, but not a cache entry.
        writeFileSync(file, JSON.stringify({ Credentials: { AccessKeyId: "AKIDFORGED" } }));
    }
    operations++;
  } catch {
    // The file went away between listing and reading: another process rewrote it.
  }
}

const timer = setInterval(once, Number(pauseMs));
process.on("SIGTERM", () => {
  clearInterval(timer);
  process.stdout.write(`${operations}\n`);
  process.exit(0);
});
