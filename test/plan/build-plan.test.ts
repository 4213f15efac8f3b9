// buildPlan() against real config and credentials files. Each row of test/fixtures/plan-cases/*.json is
// written to a fresh temp folder, read back with loadProfiles() (so the SDK's own ini parser and merge run,
// and the AWS CLI's reading is applied), planned, and checked as resolveProfile() checks it (checkLoaded:
// the SDK-readability error and the reading warnings of the chain); the row states the exact plan, a
// delegation, or the exact error code and message parts, and the reading warnings.
//
// Fake secrets in the fixtures all start with CANARY, so the runner can check that no error leaks one.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { CredentialsProviderError } from "@smithy/property-provider";
import { afterAll, describe, expect, it } from "vitest";
import { ProfileConfigError, type ErrorCode } from "../../src/errors.js";
import { buildPlan } from "../../src/plan/build-plan.js";
import type { AssumeRoleStep, BaseStep, Resolution } from "../../src/plan/steps.js";
import { loadProfiles, profileFileLocations } from "../../src/profile/load-profiles.js";
import { checkLoaded } from "../../src/resolve/resolve-profile.js";
import type { Env } from "../../src/runtime/env.js";
import { nodeFileSystem } from "../../src/runtime/fs.js";
import { planCases, type PlanCaseRow } from "../support/plan-cases.js";
import { removeTempDirs, tempDir } from "../support/sandbox-home.js";

/** One fixture row (test/support/plan-cases.ts): the exact plan, a delegation, or the exact error. */
type PlanCase = PlanCaseRow<{ resolution: "delegate" } | { plan: ExpectedPlan } | { error: ExpectedError }>;

interface ExpectedPlan {
  chain: string[];
  base: BaseStep;
  roles: AssumeRoleStep[];
  region?: string;
  /** One substring per warning, in order; absent means no warning. */
  warnings?: string[];
}

interface ExpectedError {
  code: ErrorCode;
  messageIncludes: string[];
  profile?: string;
  key?: string;
  chain?: string[];
}

const SECRET_MARKER = "CANARY";
const ROW_KEYS = new Set(["docs", "config", "credentials", "selected", "explicit", "env", "readingWarnings", "expect"]);
const PLAN_KEYS = new Set(["chain", "base", "roles", "region", "warnings"]);
const ERROR_KEYS = new Set(["code", "messageIncludes", "profile", "key", "chain"]);

const cases: PlanCase[] = planCases<PlanCase["expect"]>();

afterAll(removeTempDirs);

/** Writes the files into a fresh folder and plans `selected` exactly as the provider would. */
async function plan(row: Pick<PlanCase, "config" | "credentials" | "selected" | "explicit" | "env">): Promise<Resolution & { readingWarnings: string[] }> {
  const dir = await tempDir("apc-plan-");
  const configFilepath = join(dir, "config");
  const filepath = join(dir, "credentials");
  if (row.config) await writeFile(configFilepath, `${row.config.join("\n")}\n`);
  if (row.credentials) await writeFile(filepath, `${row.credentials.join("\n")}\n`);
  const env: Env = { HOME: dir, ...row.env };
  const loaded = await loadProfiles(profileFileLocations(env, { filepath, configFilepath }), nodeFileSystem);
  const resolution = buildPlan(loaded.profiles, row.selected, { explicit: row.explicit, envRoleSessionName: env.AWS_ROLE_SESSION_NAME });
  return { ...resolution, readingWarnings: checkLoaded(loaded, row.selected, resolution) };
}

async function planError(row: Parameters<typeof plan>[0]): Promise<ProfileConfigError> {
  const outcome = await plan(row).then(
    (resolution) => ({ resolution }),
    (error: unknown) => ({ error }),
  );
  if (!("error" in outcome)) throw new Error(`expected an error, got ${JSON.stringify(outcome.resolution)}`);
  expect(outcome.error).toBeInstanceOf(ProfileConfigError);
  return outcome.error as ProfileConfigError;
}

function expectNoSecret(error: ProfileConfigError): void {
  expect(error.message).not.toContain(SECRET_MARKER);
  expect(JSON.stringify(error)).not.toContain(SECRET_MARKER);
  expect(String(error)).not.toContain(SECRET_MARKER);
}

describe(buildPlan.name, () => {
  describe("fixture table", () => {
    it("has at least 45 rows with unique docs and only known fields", () => {
      expect(cases.length).toBeGreaterThanOrEqual(45);
      const seen = new Set<string>();
      for (const row of cases) {
        expect(seen.has(row.docs), `duplicate docs: ${row.docs}`).toBe(false);
        seen.add(row.docs);
        expect(Object.keys(row).filter((key) => !ROW_KEYS.has(key)), row.docs).toEqual([]);
        expect(typeof row.selected, row.docs).toBe("string");
        expect(typeof row.explicit, row.docs).toBe("boolean");
        const outcomes = Object.keys(row.expect);
        expect(outcomes.length === 1 && ["resolution", "plan", "error"].includes(outcomes[0] as string), row.docs).toBe(true);
        if ("plan" in row.expect) {
          expect(Object.keys(row.expect.plan).filter((key) => !PLAN_KEYS.has(key)), row.docs).toEqual([]);
        }
        if ("error" in row.expect) {
          expect(Object.keys(row.expect.error).filter((key) => !ERROR_KEYS.has(key)), row.docs).toEqual([]);
          expect(row.expect.error.messageIncludes.length, row.docs).toBeGreaterThan(0);
        }
      }
    });

    it("puts canary secrets in the files of many error rows, so the leak check means something", () => {
      const withSecrets = cases.filter(
        (row) => "error" in row.expect && [...(row.config ?? []), ...(row.credentials ?? [])].join("\n").includes(SECRET_MARKER),
      );
      expect(withSecrets.length).toBeGreaterThanOrEqual(10);
    });
  });

  it.each(cases.map((row) => [row.docs, row] as const))("%s", async (_docs, row) => {
    if ("error" in row.expect) {
      const expected = row.expect.error;
      const error = await planError(row);
      expect(error.code).toBe(expected.code);
      expect(error.tryNextLink).toBe(false);
      expect(error).toBeInstanceOf(CredentialsProviderError);
      for (const part of expected.messageIncludes) expect(error.message).toContain(part);
      if (expected.profile !== undefined) expect(error.profile).toBe(expected.profile);
      if (expected.key !== undefined) expect(error.key).toBe(expected.key);
      if (expected.chain !== undefined) expect(error.chain).toEqual(expected.chain);
      expectNoSecret(error);
      return;
    }
    const resolution = await plan(row);
    if (row.readingWarnings !== undefined) {
      expect(resolution.readingWarnings).toHaveLength(row.readingWarnings.length);
      row.readingWarnings.forEach((parts, i) => parts.forEach((part) => expect(resolution.readingWarnings[i]).toContain(part)));
    }
    if ("resolution" in row.expect) {
      expect(resolution.kind).toBe("delegate");
      expect(JSON.stringify(resolution)).not.toContain(SECRET_MARKER);
      return;
    }
    const expected = row.expect.plan;
    if (resolution.kind !== "plan") throw new Error(`expected a plan, got ${JSON.stringify(resolution)}`);
    const { warnings, ...rest } = resolution.plan;
    expect(rest).toStrictEqual({
      profile: row.selected,
      chain: expected.chain,
      base: expected.base,
      roles: expected.roles,
      ...(expected.region !== undefined ? { region: expected.region } : {}),
    });
    const expectedWarnings = expected.warnings ?? [];
    expect(warnings).toHaveLength(expectedWarnings.length);
    expectedWarnings.forEach((part, i) => expect(warnings[i]).toContain(part));
  });

  describe("long chains", () => {
    const DEPTH = 50;
    const names = Array.from({ length: DEPTH }, (_, i) => `p${i + 1}`);
    const roleArn = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
    const base = ["[base]", "aws_access_key_id = AKIDBASE", "aws_secret_access_key = CANARYSECRETBASE"];

    it("plans a chain of 50 role hops, innermost first", async () => {
      const config = names.flatMap((name, i) => [
        `[profile ${name}]`,
        `role_arn = ${roleArn(name)}`,
        `source_profile = ${names[i + 1] ?? "base"}`,
      ]);
      const resolution = await plan({ config, credentials: base, selected: "p1", explicit: true });
      if (resolution.kind !== "plan") throw new Error(`expected a plan, got ${JSON.stringify(resolution)}`);
      expect(resolution.plan.chain).toEqual([...names, "base"]);
      expect(resolution.plan.base).toStrictEqual({
        kind: "staticKeys",
        profile: "base",
        accessKeyId: "AKIDBASE",
        secretAccessKey: "CANARYSECRETBASE",
      });
      expect(resolution.plan.roles).toStrictEqual(
        [...names].reverse().map((name) => ({ kind: "assumeRole", profile: name, roleArn: roleArn(name) })),
      );
      expect(resolution.plan.warnings).toEqual([]);
    });

    it("reports a cycle of 50 profiles with the whole path", async () => {
      const config = names.flatMap((name, i) => [
        `[profile ${name}]`,
        `role_arn = ${roleArn(name)}`,
        `source_profile = ${names[(i + 1) % DEPTH]}`,
      ]);
      const error = await planError({ config, credentials: base, selected: "p1", explicit: true });
      expect(error.code).toBe("SOURCE_PROFILE_CYCLE");
      expect(error.tryNextLink).toBe(false);
      expect(error.message).toContain(`Profiles visited: ${[...names, "p1"].join(" -> ")}.`);
      expect(error.profile).toBe("p50");
      expectNoSecret(error);
    });
  });
});
