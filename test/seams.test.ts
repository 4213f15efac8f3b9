// Guards the seams (docs/architecture.md, Seams): outside runtime/, the CLI's bin file and the STS emulator (a
// server with its own clock), library code reads no globals and never loads STS code directly. Each
// allowed exception below is deliberate and says why.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(__dirname, "..", "src");
const FORBIDDEN = /Date\.now\(|new Date\(\)|setTimeout\(|setInterval\(|Math\.random\(|process\.env|process\.exit|process\.std(in|out|err)|["']node:fs|["']@aws-sdk\/client-sts["']/g;
const EXEMPT_DIRS = ["runtime/", "testing/"];
const EXEMPT_FILES = ["cli.ts"];
const ALLOWED: Record<string, string> = {
  // The default of the injectable CacheFs; tests pass their own.
  "cache/file-cache.ts: \"node:fs": "default of the fs option",
  // proper-lockfile waits on timers node cannot see; a ref'd interval keeps the process alive while waiting.
  "cache/file-lock.ts: setInterval(": "keep-alive while waiting for a lock",
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

describe("seams", () => {
  it("keeps clock, randomness, environment, process, filesystem and STS behind runtime/", () => {
    const found = new Set<string>();
    for (const file of sources(SRC)) {
      const name = relative(SRC, file).split("\\").join("/");
      if (EXEMPT_DIRS.some((d) => name.startsWith(d)) || EXEMPT_FILES.includes(name)) continue;
      const code = readFileSync(file, "utf8").replace(/^\s*(\/\/|\*|\/\*).*$/gm, "");
      for (const match of code.matchAll(FORBIDDEN)) found.add(`${name}: ${match[0]}`);
    }
    expect([...found].sort()).toEqual(Object.keys(ALLOWED).sort());
  });
});
