// Every error code the library or the CLI can print is in an exported union (ErrorCode, CliErrorCode,
// AnyErrorCode) and in the README's list under "Errors": the README's two lists are read and compared
// with the arrays the unions are made from (the compiler holds every thrown code to those unions).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI_ERROR_CODES } from "../../src/cli/cli-error.js";
import { ERROR_CODES } from "../../src/errors.js";
import { ROOT } from "../support/type-fixture.js";

const README = readFileSync(join(ROOT, "README.md"), "utf8");

/** The ALL_CAPS codes in backticks of the README paragraph that starts with `start`, in the Errors section. */
function listedCodes(start: string): string[] {
  const section = README.slice(README.indexOf("## Errors"), README.indexOf("\n## ", README.indexOf("## Errors") + 1));
  const paragraph = section.split("\n\n").find((text) => text.startsWith(start));
  if (!paragraph) throw new Error(`README's Errors section has no paragraph starting "${start}"`);
  return [...paragraph.matchAll(/`([A-Z][A-Z_]+)`/g)].map((match) => match[1]!);
}

describe("error codes", () => {
  it("the README lists every library code (ErrorCode), INVALID_PROFILE_VALUE included, and no other", () => {
    const listed = listedCodes("Codes (");
    expect(listed).toContain("INVALID_PROFILE_VALUE");
    expect([...listed].sort()).toEqual([...ERROR_CODES].sort());
  });

  it("the README lists every CLI code (CliErrorCode) and no other", () => {
    const listed = listedCodes("CLI codes (");
    expect([...listed].sort()).toEqual([...CLI_ERROR_CODES].sort());
  });
});
