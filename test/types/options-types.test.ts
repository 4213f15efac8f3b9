// The public options and error-code types reject mistakes at compile time: `clientConfig` is the STS
// client's config type, SDK options the library does not honour are not in the options, and the error
// codes are literal unions. The fixture, compiled without its markers, fails on each marked line.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkTypeFixture, ROOT, type FixtureCheck } from "../support/type-fixture.js";

const FIXTURE = join(ROOT, "test", "types", "options.types.ts");

describe("option and error-code types", () => {
  let check: FixtureCheck;
  beforeAll(() => {
    check = checkTypeFixture(FIXTURE);
  }, 60_000);

  it("refuses clientConfig { endpont }, roleArn, webIdentityTokenFile, ssoStartUrl and unknown codes", () => {
    const lines = check.source.split("\n");
    expect(lines[check.marked[0]! - 1]).toContain("endpont");
    expect(check.marked.length).toBe(6);
    expect(check.failingWithoutMarkers).toEqual(check.marked);
  });

  it("compiles as committed: durationSeconds, a real clientConfig and the CLI's codes are accepted", () => {
    expect(check.errorsAsCommitted).toEqual([]);
  });
});
