// The rows of test/fixtures/plan-cases/*.json, one profile shape each: its files, the selection, and the
// exact plan, delegation or error. build-plan.test.ts checks the planner against them; other tests reuse
// the shapes (inspect-agrees-with-fetch.test.ts fetches every role-profile row).
import { readdirSync, readFileSync } from "node:fs";

/** One fixture row. `config` and `credentials` are ini files as lines; an absent one is not written. */
export interface PlanCaseRow<Expected> {
  docs: string;
  config?: string[];
  credentials?: string[];
  selected: string;
  explicit: boolean;
  env?: Record<string, string>;
  /** Per reading warning (docs/semantics.md §2.5), in order, the substrings it holds; [] means none; absent: not checked. */
  readingWarnings?: string[][];
  expect: Expected;
}

/** Every row of every fixture file, files in name order. `Expected` is the `expect` shape the caller reads. */
export function planCases<Expected>(): PlanCaseRow<Expected>[] {
  return readdirSync(CASES_DIR)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .flatMap((file) => JSON.parse(readFileSync(new URL(file, CASES_DIR), "utf8")) as PlanCaseRow<Expected>[]);
}

// --- internal ---

const CASES_DIR = new URL("../fixtures/plan-cases/", import.meta.url);
