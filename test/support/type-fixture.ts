// Checks a type fixture (a .types.ts file with `// @ts-expect-error` markers): compiled with its markers
// blanked out (line numbers kept), it must fail on exactly the marked lines, proving each marked line is
// an error. With the markers, `tsc --noEmit` over the project checks the same lines the other way round.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const MARKER = "// @ts-expect-error";

export interface FixtureCheck {
  source: string;
  /** The line after each marker (1-based). */
  marked: number[];
  /** The lines with an error once the markers are blanked out. */
  failingWithoutMarkers: number[];
  /** Errors ("line: TSnnnn") of the fixture as committed. */
  errorsAsCommitted: string[];
}

export function checkTypeFixture(fixture: string): FixtureCheck {
  const source = readFileSync(fixture, "utf8");
  const lines = source.split("\n");
  const unmarked = lines.map((line) => (line.trim().startsWith(MARKER) ? "" : line)).join("\n");
  const marked = lines.flatMap((line, i) => (line.trim().startsWith(MARKER) ? [i + 2] : []));
  return {
    source,
    marked,
    failingWithoutMarkers: compile(fixture, unmarked).map((error) => Number(error.split(":")[0])),
    errorsAsCommitted: compile(fixture, source),
  };
}

// --- internal ---

/** Type-checks `source` as if it were the fixture file; returns each error as "line: TSnnnn". */
function compile(fixture: string, source: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error("tsconfig.json could not be read");
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, ...rest) =>
    file === fixture ? ts.createSourceFile(file, source, language) : getSourceFile(file, language, ...rest);
  const program = ts.createProgram({ rootNames: [fixture], options: config.options, host });
  const file = program.getSourceFile(fixture)!;
  return ts.getPreEmitDiagnostics(program, file).map((d) => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    return `${line}: TS${d.code}`;
  });
}
