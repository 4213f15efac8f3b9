// Hardening, area 3: property-based tests of the planner with fast-check. Random profile graphs (1 to 12
// profiles, random source_profile edges including self-loops and dangling names, random mixes of keys)
// always give a resolution or a typed ProfileConfigError, and the outcome always agrees with the
// reference below: an independent, table-driven reading of the README's precedence rules (first-hop role
// wins over own keys, static keys win after the first hop, web identity beats source_profile, cycles).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProfileConfigError } from "../../src/errors.js";
import { buildPlan } from "../../src/plan/build-plan.js";
import type { Profile, ProfileSet } from "../../src/profile/load-profiles.js";

// A fixed seed keeps CI deterministic (the coverage check below must not depend on luck); set FC_SEED to
// explore other graphs locally, and fast-check prints the seed and path of any counterexample.
const SEED = Number(process.env.FC_SEED ?? 20261122);
const GOOD_ARN = (i: number) => `arn:aws:iam::123456789012:role/R${i}`;
const SOURCES = ["Environment", "Ec2InstanceMetadata", "EcsContainer"];

// --- generators ---

const profileArb = (names: string[], index: number) =>
  fc
    .record(
      {
        role_arn: fc.constantFrom<string | undefined>(GOOD_ARN(index), GOOD_ARN(index), GOOD_ARN(index), "not-an-arn", undefined),
        source_profile: fc.option(fc.constantFrom(...names, "ghost"), { nil: undefined, freq: 4 }),
        credential_source: fc.constantFrom<string | undefined>(undefined, undefined, undefined, undefined, "Environment", "environment"),
        keys: fc.constantFrom("none", "none", "both", "idOnly", "secretOnly"),
        web_identity_token_file: fc.constantFrom<string | undefined>(undefined, undefined, undefined, undefined, "/tmp/token"),
        credential_process: fc.constantFrom<string | undefined>(undefined, "/bin/true"),
        duration_seconds: fc.constantFrom<string | undefined>(undefined, undefined, "3600", "1h", "-5"),
        role_session_name: fc.constantFrom<string | undefined>(undefined, undefined, "ok-name", "bad name"),
      },
      { requiredKeys: [] },
    )
    .map(({ keys, ...rest }): Profile => {
      const out: Record<string, string> = {};
      for (const [key, value] of Object.entries(rest)) if (value !== undefined) out[key] = value;
      if (keys === "both" || keys === "idOnly") out.aws_access_key_id = `AKID${index}`;
      if (keys === "both" || keys === "secretOnly") out.aws_secret_access_key = `CANARY-SECRET-${index}`;
      return out;
    });

/** Mostly well-formed role profiles with a few static-keyed ones: long chains and cycles. */
const cleanProfileArb = (names: string[], index: number) =>
  fc.record({ source: fc.constantFrom(...names), keyed: fc.integer({ min: 0, max: 5 }) }).map(({ source, keyed }): Profile => ({
    role_arn: GOOD_ARN(index),
    source_profile: source,
    ...(keyed === 0 ? { aws_access_key_id: `AKID${index}`, aws_secret_access_key: `CANARY-SECRET-${index}` } : {}),
  }));

const graphArb = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.boolean()).chain(([n, clean]) => {
  const names = Array.from({ length: n }, (_, i) => `p${i}`);
  return fc.record({
    profiles: fc.tuple(...names.map((_, i) => (clean ? cleanProfileArb(names, i) : profileArb(names, i)))).map((list) => Object.fromEntries(list.map((p, i) => [names[i]!, p])) as ProfileSet),
    selected: fc.constantFrom(...names, names[0]!, "ghost"),
    explicit: fc.boolean(),
  });
});

// --- the reference ---

type Outcome =
  | { delegate: true }
  | { error: string; profile: string; chain: string[] }
  | { chain: string[]; base: { kind: string; profile: string }; roles: { profile: string; roleArn: string }[] };

const has = (p: Profile, key: string) => p[key] !== undefined;
const anyKey = (p: Profile) => has(p, "aws_access_key_id") || has(p, "aws_secret_access_key");
const fullKeys = (p: Profile) => has(p, "aws_access_key_id") && has(p, "aws_secret_access_key");
const sdkSource = (p: Profile) => has(p, "credential_process");
const validArn = (v: string | undefined) => v !== undefined && v.startsWith("arn:aws:iam::123456789012:role/");
const validName = (v: string | undefined) => v === undefined || !v.includes(" ");
const validDuration = (v: string | undefined) => v === undefined || v !== "-5";

/** What one profile contributes at position `hop` of the walk: an error, a base, or a role plus its next profile. */
type Step =
  | { error: string }
  | { base: string }
  | { role: true; base?: string; next?: string; nextError?: string };

function classify(name: string, p: Profile, hop: number): Step {
  // Rule table, first match wins (README "How a profile is resolved", AWS CLI order).
  if (hop > 0 && anyKey(p)) return fullKeys(p) ? { base: "staticKeys" } : { error: "PARTIAL_STATIC_KEYS" };
  if (has(p, "role_arn") && has(p, "web_identity_token_file")) {
    if (!validArn(p.role_arn)) return { error: "INVALID_ROLE_ARN" };
    if (!validName(p.role_session_name)) return { error: "INVALID_ROLE_SESSION_NAME" };
    return { base: "webIdentity" };
  }
  if (!has(p, "role_arn")) {
    if (has(p, "credential_source")) return SOURCES.includes(p.credential_source!) ? { base: "credentialSource" } : { error: "UNSUPPORTED_CREDENTIAL_SOURCE" };
    if (sdkSource(p)) return { base: "sdkProfile" };
    if (has(p, "web_identity_token_file")) return { error: "WEB_IDENTITY_MISSING_ROLE_ARN" };
    return { error: "SOURCE_PROFILE_HAS_NO_CREDENTIALS" };
  }
  if (has(p, "source_profile") && has(p, "credential_source")) return { error: "CONFLICTING_CREDENTIAL_SOURCES" };
  if (!has(p, "source_profile") && !has(p, "credential_source")) return { error: "MISSING_CREDENTIAL_SOURCE" };
  if (!validArn(p.role_arn)) return { error: "INVALID_ROLE_ARN" };
  if (!validName(p.role_session_name)) return { error: "INVALID_ROLE_SESSION_NAME" };
  if (!validDuration(p.duration_seconds)) return { error: "INVALID_DURATION_SECONDS" };
  if (has(p, "credential_source")) {
    return SOURCES.includes(p.credential_source!) ? { role: true, base: "credentialSource" } : { role: true, nextError: "UNSUPPORTED_CREDENTIAL_SOURCE" };
  }
  if (p.source_profile === name) return anyKey(p) ? (fullKeys(p) ? { role: true, base: "staticKeys" } : { role: true, nextError: "PARTIAL_STATIC_KEYS" }) : { role: true, nextError: "SOURCE_PROFILE_CYCLE" };
  return { role: true, next: p.source_profile! };
}

function reference(profiles: ProfileSet, selected: string, explicit: boolean): Outcome {
  const own = (n: string) => (Object.prototype.hasOwnProperty.call(profiles, n) ? profiles[n] : undefined);
  const top = own(selected);
  const fail = (error: string) => ({ error, profile: selected, chain: [selected] });
  if (!top) return explicit ? fail("PROFILE_NOT_FOUND") : { delegate: true };
  if (!has(top, "role_arn")) {
    if (anyKey(top)) return fullKeys(top) ? { delegate: true } : fail("PARTIAL_STATIC_KEYS");
    if (has(top, "web_identity_token_file")) return fail("WEB_IDENTITY_MISSING_ROLE_ARN");
    return sdkSource(top) || !explicit ? { delegate: true } : fail("PROFILE_HAS_NO_CREDENTIALS");
  }
  const chain = [selected];
  const roles: { profile: string; roleArn: string }[] = [];
  const visited = new Set(chain);
  for (let hop = 0; ; hop++) {
    const name = chain[chain.length - 1]!;
    const step = classify(name, own(name)!, hop);
    if ("error" in step) return { error: step.error, profile: name, chain: [...chain] };
    if ("base" in step && !("role" in step)) return { chain, base: { kind: step.base, profile: name }, roles: roles.reverse() };
    roles.push({ profile: name, roleArn: own(name)!.role_arn! });
    if (step.nextError) return { error: step.nextError, profile: name, chain: [...chain] };
    if (step.base) return { chain, base: { kind: step.base, profile: name }, roles: roles.reverse() };
    const next = step.next!;
    if (!own(next)) return { error: "SOURCE_PROFILE_NOT_FOUND", profile: name, chain: [...chain] };
    if (visited.has(next)) return { error: "SOURCE_PROFILE_CYCLE", profile: name, chain: [...chain] };
    visited.add(next);
    chain.push(next);
  }
}

function actual(profiles: ProfileSet, selected: string, explicit: boolean): Outcome {
  try {
    const resolution = buildPlan(profiles, selected, { explicit });
    if (resolution.kind === "delegate") return { delegate: true };
    const { plan } = resolution;
    return {
      chain: plan.chain,
      base: { kind: plan.base.kind, profile: plan.base.profile },
      roles: plan.roles.map((r) => ({ profile: r.profile, roleArn: r.roleArn })),
    };
  } catch (error) {
    expect(error, String(error)).toBeInstanceOf(ProfileConfigError);
    const e = error as ProfileConfigError;
    expect(e.message).not.toContain("CANARY-SECRET");
    expect(e.tryNextLink).toBe(false);
    return { error: e.code, profile: e.profile!, chain: [...e.chain] };
  }
}

describe("planner properties (fast-check)", () => {
  it("random graphs of up to 12 profiles: a plan or a typed error, equal to the reference", () => {
    const seen = new Map<string, number>();
    const count = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);
    fc.assert(
      fc.property(graphArb, ({ profiles, selected, explicit }) => {
        const got = actual(profiles, selected, explicit);
        expect(got).toEqual(reference(profiles, selected, explicit));
        if ("error" in got) count(got.error);
        else if ("delegate" in got) count("delegate");
        else {
          count(`plan:${got.base.kind}`);
          if (got.roles.length >= 3) count("plan:3+hops");
          if (got.base.kind === "staticKeys" && got.chain.length > 1 && profiles[got.base.profile]?.role_arn !== undefined) count("plan:keys-beat-role");
        }
      }),
      { numRuns: 3_000, seed: SEED },
    );
    // The generator reaches every interesting outcome, so agreement means something.
    for (const outcome of [
      "SOURCE_PROFILE_CYCLE", "SOURCE_PROFILE_NOT_FOUND", "PARTIAL_STATIC_KEYS", "INVALID_ROLE_ARN", "CONFLICTING_CREDENTIAL_SOURCES",
      "MISSING_CREDENTIAL_SOURCE", "SOURCE_PROFILE_HAS_NO_CREDENTIALS", "PROFILE_NOT_FOUND", "delegate",
      "plan:staticKeys", "plan:webIdentity", "plan:credentialSource", "plan:sdkProfile", "plan:3+hops", "plan:keys-beat-role",
    ]) {
      expect(seen.get(outcome) ?? 0, `${outcome} never generated: ${JSON.stringify([...seen])}`).toBeGreaterThan(0);
    }
  });

  it("plans never repeat a profile, start at the selected one, and assume one role per role hop, innermost first", () => {
    fc.assert(
      fc.property(graphArb, ({ profiles, selected }) => {
        const got = actual(profiles, selected, true);
        if (!("chain" in got) || !("base" in got)) return;
        expect(new Set(got.chain).size).toBe(got.chain.length);
        expect(got.chain[0]).toBe(selected);
        expect(got.base.profile).toBe(got.chain.at(-1));
        if (got.roles.length === 0) {
          expect(got.base).toEqual({ kind: "webIdentity", profile: selected });
          return;
        }
        // Roles run innermost first: the last role is the selected profile's.
        expect(got.roles.at(-1)?.profile).toBe(selected);
        expect(got.roles.map((r) => r.profile)).toEqual(
          got.chain.slice(0, got.roles.length).reverse(),
        );
      }),
      { numRuns: 1_000, seed: SEED },
    );
  });

  it("cycles: a ring of n keyless role profiles (n = 1..12) is SOURCE_PROFILE_CYCLE from any member, and one static-keyed member breaks it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.nat(), fc.option(fc.nat(), { nil: undefined }), (n, start, keyed) => {
        const names = Array.from({ length: n }, (_, i) => `p${i}`);
        const profiles: Record<string, Profile> = {};
        names.forEach((name, i) => {
          profiles[name] = { role_arn: GOOD_ARN(i), source_profile: names[(i + 1) % n] };
        });
        const selected = names[start % n]!;
        const breaker = keyed === undefined ? undefined : names[keyed % n]!;
        if (breaker !== undefined) profiles[breaker] = { ...profiles[breaker], aws_access_key_id: "AKID", aws_secret_access_key: "CANARY-SECRET" };
        const got = actual(profiles, selected, true);
        // The selected profile's own keys never count (hop 0), except for a self-loop of one profile.
        const broken = breaker !== undefined && (breaker !== selected || n === 1);
        if (broken) {
          expect(got).toMatchObject({ base: { kind: "staticKeys", profile: breaker } });
        } else {
          expect(got).toMatchObject({ error: "SOURCE_PROFILE_CYCLE" });
        }
      }),
      { numRuns: 500, seed: SEED },
    );
  });
});
