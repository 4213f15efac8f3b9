// Guards the seams (docs/architecture.md, Seams): outside runtime/, the CLI's bin file and the STS emulator (a
// server with its own clock), library code reads no globals and never loads STS code directly. Each
// allowed exception below is deliberate and says why.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(__dirname, "..", "src");
const FORBIDDEN =
  /Date\.now\(|new Date\(\)|setTimeout\(|setInterval\(|Math\.random\(|process\.env|process\.exit|process\.std(in|out|err)|process\.pid|process\.getuid|["']node:fs|["']node:crypto|["']@aws-sdk\/client-sts["']/g;
const EXEMPT_DIRS = ["runtime/", "testing/"];
const EXEMPT_FILES = ["cli.ts"];
const ALLOWED: Record<string, string> = {
  // SHA-1 of the AWS CLI cache key: hashing, not randomness (that comes from Deps.randomBytes).
  "cache/cache-key.ts: \"node:crypto": "the cache key's hash",
  // Hashing and a constant-time comparison of the server's bearer token; its randomness comes from Deps.
  "server/token-matches.ts: \"node:crypto": "token comparison",
  // proper-lockfile waits on timers node cannot see; a ref'd interval keeps the process alive while waiting.
  "cache/file-lock.ts: setInterval(": "keep-alive while waiting for a lock",
};

/** Every `from "..."` / `import("...")` specifier of a file. */
function imports(file: string): string[] {
  return [...readFileSync(file, "utf8").matchAll(/(?:from|import\()\s*["']([^"']+)["']/g)].map((m) => m[1] as string);
}

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
      // Comments, and type-only imports (they load no code: options.ts names the STS client's config type).
      const code = readFileSync(file, "utf8").replace(/^\s*(\/\/|\*|\/\*).*$/gm, "").replace(/^import type [^;]*;$/gm, "");
      for (const match of code.matchAll(FORBIDDEN)) found.add(`${name}: ${match[0]}`);
    }
    expect([...found].sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it("keeps plan/ pure: nothing from runtime/, no node: module, not the SDK's INI loader", () => {
    const found = sources(join(SRC, "plan")).flatMap((file) =>
      imports(file)
        .filter((spec) => spec.includes("/runtime/") || spec.startsWith("node:") || spec === "@smithy/shared-ini-file-loader")
        .map((spec) => `${relative(SRC, file)}: ${spec}`),
    );
    expect(found).toEqual([]);
  });

  it("leaves selection, planning and file reading to the library: cli/ imports none of them", () => {
    const found = sources(join(SRC, "cli")).flatMap((file) =>
      imports(file)
        .filter((spec) => /\/plan\/|profile\/select-profile|profile\/load-profiles|resolve\/select-source/.test(spec))
        .map((spec) => `${relative(SRC, file)}: ${spec}`),
    );
    expect(found).toEqual([]);
  });

  it("writes the default region in one file only", () => {
    const files = sources(SRC)
      .map((file) => relative(SRC, file).split("\\").join("/"))
      .filter((name) => !name.startsWith("testing/") && readFileSync(join(SRC, name), "utf8").includes("us-east-1"));
    expect(files).toEqual(["resolve/sts-region.ts"]);
  });

  it("cites no document outside the repository", () => {
    const found = sources(SRC).filter((file) => /SEMANTICS\.md|\.\.\/shared\//.test(readFileSync(file, "utf8")));
    expect(found.map((file) => relative(SRC, file))).toEqual([]);
  });
});
