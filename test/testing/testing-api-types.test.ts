// The testing API's literal unions reject mistakes at compile time: the type fixture, compiled with its
// `@ts-expect-error` markers removed, has exactly one error on each line that was marked, and none
// elsewhere. (With the markers, `tsc --noEmit` over the project checks the same lines the other way round:
// a marked line that compiled would be an unused marker.)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FIXTURE = join(ROOT, "test", "testing", "types", "testing-api.types.ts");
const MARKER = "// @ts-expect-error";

/** Type-checks `source` as if it were the fixture file; returns each error as "line: TSnnnn". */
function compile(source: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error("tsconfig.json could not be read");
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, ...rest) =>
    file === FIXTURE ? ts.createSourceFile(file, source, language) : getSourceFile(file, language, ...rest);
  const program = ts.createProgram({ rootNames: [FIXTURE], options: config.options, host });
  const file = program.getSourceFile(FIXTURE)!;
  return ts.getPreEmitDiagnostics(program, file).map((d) => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    return `${line}: TS${d.code}`;
  });
}

describe("testing API types", () => {
  const source = readFileSync(FIXTURE, "utf8");

  it("refuses callsTo(\"assumeRole\"), unknown actions, error codes, outcomes, hosts and sandbox keys", () => {
    const lines = source.split("\n");
    // Blank out the markers (keeping line numbers): each line after one must now fail to compile.
    const unmarked = lines.map((line) => (line.trim().startsWith(MARKER) ? "" : line)).join("\n");
    const marked = lines.flatMap((line, i) => (line.trim().startsWith(MARKER) ? [i + 2] : []));
    expect(marked.length).toBeGreaterThanOrEqual(7);
    expect(lines[marked[0]! - 1]).toBe('sts.callsTo("assumeRole");');

    const errors = compile(unmarked);
    expect(errors.map((error) => Number(error.split(":")[0]))).toEqual(marked);
  }, 60_000);

  it("compiles as committed: every marker is used, and the correct calls beside them are fine", () => {
    expect(compile(source)).toEqual([]);
  }, 60_000);
});

