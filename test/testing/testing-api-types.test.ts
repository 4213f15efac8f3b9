// The testing API's literal unions reject mistakes at compile time: the type fixture, compiled with its
// `@ts-expect-error` markers removed, has an error on each line that was marked, and none elsewhere.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkTypeFixture, ROOT, type FixtureCheck } from "../support/type-fixture.js";

const FIXTURE = join(ROOT, "test", "testing", "types", "testing-api.types.ts");

describe("testing API types", () => {
  let check: FixtureCheck;
  beforeAll(() => {
    check = checkTypeFixture(FIXTURE);
  }, 60_000);

  it("refuses callsTo(\"assumeRole\"), unknown actions, error codes, outcomes, hosts and sandbox keys", () => {
    expect(check.marked.length).toBeGreaterThanOrEqual(7);
    expect(check.source.split("\n")[check.marked[0]! - 1]).toBe('sts.callsTo("assumeRole");');
    expect(check.failingWithoutMarkers).toEqual(check.marked);
  });

  it("compiles as committed: every marker is used, and the correct calls beside them are fine", () => {
    expect(check.errorsAsCommitted).toEqual([]);
  });
});
