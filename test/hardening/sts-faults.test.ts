// Hardening, area 1: STS faults through the real SDK STS client against the emulator. Every failure is a
// typed StsCallError naming the role and the profile, with the SDK's error as `cause`, within a bounded
// time; the SDK's retries are counted; non-retryable refusals are never retried; a later call retries;
// outages in the advisory and mandatory windows; clock skew between this machine and STS (the SDK's offset
// correction, and a session that arrives already expired).
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StsCallError, isProfileCredentialsError } from "../../src/errors.js";
import { systemClock } from "../../src/runtime/clock.js";
import { FakeClock, flush } from "../support/fake-clock.js";
import { BASE, openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";
import type { StsErrorCode } from "../../src/testing/index.js";

const ADMIN = role("Admin");
/** The SDK's standard retry decisions with no backoff sleep, so no test waits on retry delays. */
const retrying = (maxAttempts: number) => ({ maxAttempts, retryStrategy: new ConfiguredRetryStrategy(maxAttempts, 0) });

let world: RoleWorld;

async function failureOf(promise: Promise<unknown>): Promise<StsCallError> {
  const outcome = await promise.then(
    () => ({ ok: true as const }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) throw new Error("expected the resolution to fail");
  return outcome.error as StsCallError;
}

/** Ours, typed, naming the role and the profile, with the original error as cause. */
function expectTypedStsError(error: StsCallError, code: string): void {
  expect(error).toBeInstanceOf(StsCallError);
  expect(isProfileCredentialsError(error)).toBe(true);
  expect(error.code).toBe(code);
  expect(error.roleArn).toBe(ADMIN);
  expect(error.profile).toBe("r");
  expect(error.chain).toEqual(["r", "base"]);
  expect(error.message).toContain(ADMIN);
  expect(error.message).toContain('profile "r"');
  expect(error.message).not.toContain("Could not load credentials from any providers");
  expect(error.cause).toBeInstanceOf(Error);
  expect(error.tryNextLink).toBe(false);
}

describe("STS faults (real clock)", () => {
  beforeEach(async () => {
    world = await startRoleWorld({ roles: [openRole("Admin")] });
    await world.config(`[profile r]\nrole_arn = ${ADMIN}\nsource_profile = base\n`);
  });
  afterEach(() => world.close());

  it("resolves after two Throttling answers through the SDK's retry, in exactly 3 attempts", async () => {
    world.sts.failNext({ code: "Throttling", times: 2 });
    const credentials = await world.provider({ profile: "r", clientConfig: retrying(3) })();
    expect(credentials.accessKeyId).toBe(world.sts.callsTo("AssumeRole")[2]!.issuedAccessKeyId);
    expect(world.sts.callsTo("AssumeRole").map((c) => c.outcome)).toEqual(["Throttling", "Throttling", "ok"]);
  });

  it("stops after maxAttempts when throttling persists: STS_THROTTLED, retryable, 3 calls, and a later call retries", async () => {
    world.sts.failNext({ code: "Throttling", times: 3 });
    const provider = world.provider({ profile: "r", clientConfig: retrying(3) });
    const error = await failureOf(provider());
    expectTypedStsError(error, "STS_THROTTLED");
    expect(error.retryable).toBe(true);
    expect(error.stsCode).toBe("Throttling");
    expect(world.sts.callsTo("AssumeRole")).toHaveLength(3);
    await expect(provider()).resolves.toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/) });
    expect(world.sts.callsTo("AssumeRole")).toHaveLength(4);
  });

  it.each<[StsErrorCode, number]>([
    ["InternalFailure", 500],
    ["ServiceUnavailable", 503],
  ])("turns a %s (%i) into STS_UNAVAILABLE with the HTTP status on the cause; a later call retries", async (code, status) => {
    world.sts.failNext({ code, status });
    const provider = world.provider({ profile: "r" });
    const error = await failureOf(provider());
    expectTypedStsError(error, "STS_UNAVAILABLE");
    expect(error.retryable).toBe(true);
    expect((error.cause as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(status);
    await expect(provider()).resolves.toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/) });
    expect(world.sts.callsTo("AssumeRole")).toHaveLength(2);
  });

  it("turns a dropped connection into STS_UNAVAILABLE at once; a later call retries", async () => {
    world.sts.failNext({ drop: true });
    const provider = world.provider({ profile: "r" });
    const error = await failureOf(provider());
    expectTypedStsError(error, "STS_UNAVAILABLE");
    expect(error.retryable).toBe(true);
    expect(error.stsCode ?? "").not.toMatch(/^Assume/);
    await expect(provider()).resolves.toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/) });
  });

  it("retries two dropped connections inside the SDK and resolves on the third attempt", async () => {
    world.sts.failNext({ drop: true, times: 2 });
    const credentials = await world.provider({ profile: "r", clientConfig: retrying(3) })();
    expect(world.sts.callsTo("AssumeRole").map((c) => c.outcome)).toEqual(["dropped", "dropped", "ok"]);
    expect(credentials.accessKeyId).toBe(world.sts.callsTo("AssumeRole")[2]!.issuedAccessKeyId);
  });

  it("gives up on a response slower than the requestHandler's timeout (a TimeoutError, not the late answer); a later call retries", async () => {
    world.sts.failNext({ delayMs: 8_000 });
    const requestHandler = new NodeHttpHandler({ requestTimeout: 200, throwOnRequestTimeout: true });
    const provider = world.provider({ profile: "r", clientConfig: { requestHandler } });
    const error = await failureOf(provider());
    expectTypedStsError(error, "STS_UNAVAILABLE");
    expect((error.cause as Error).name).toBe("TimeoutError");
    await expect(provider()).resolves.toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/) });
  });

  it("gives up on a stalled response with a socketTimeout too", async () => {
    world.sts.failNext({ delayMs: 8_000 });
    const requestHandler = new NodeHttpHandler({ socketTimeout: 250 });
    const error = await failureOf(world.provider({ profile: "r", clientConfig: { requestHandler } })());
    expectTypedStsError(error, "STS_UNAVAILABLE");
    expect(String((error.cause as Error).message)).toMatch(/timeout|timed out/i);
  });

  it.each<[StsErrorCode, string, number]>([
    ["ExpiredToken", "STS_EXPIRED_TOKEN", 400],
    ["AccessDenied", "STS_ACCESS_DENIED", 403],
    ["InvalidClientTokenId", "STS_ACCESS_DENIED", 403],
    ["SignatureDoesNotMatch", "STS_ACCESS_DENIED", 403],
    ["ValidationError", "STS_VALIDATION_ERROR", 400],
  ])("answers %s with %s, one STS call for 50 concurrent callers even with maxAttempts 5, no retry storm", async (stsCode, code, status) => {
    world.sts.failAll({ code: stsCode, status });
    const provider = world.provider({ profile: "r", clientConfig: retrying(5) });
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, () => provider()));
    expect(outcomes.every((o) => o.status === "rejected")).toBe(true);
    const error = (outcomes[0] as PromiseRejectedResult).reason as StsCallError;
    expectTypedStsError(error, code);
    expect(error.retryable).toBe(false);
    expect(error.stsCode).toBe(stsCode);
    expect(world.sts.callsTo("AssumeRole")).toHaveLength(1);
    // Each later call is one attempt, never more: the caller's own retries are the only multiplier.
    for (let i = 0; i < 5; i++) await provider().catch(() => undefined);
    expect(world.sts.callsTo("AssumeRole")).toHaveLength(6);
  });
});

// The machine's clock against STS's: the emulator refuses a signature more than 15 minutes off and dates its
// answers by its own clock (checkSigningTime), the SDK corrects its offset from that date and retries, and the
// library judges expiry by the machine's clock (systemClock), exactly as a skewed machine would.
describe("clock skew between this machine and STS", () => {
  const HOUR = 60 * 60_000;
  const stsClockAt = (offsetMs: number) => ({ ...systemClock, now: () => Date.now() + offsetMs });
  afterEach(() => world.close());

  async function skewedWorld(stsAheadMs: number): Promise<void> {
    world = await startRoleWorld({ roles: [openRole("Admin")] }, { clock: stsClockAt(stsAheadMs), checkSigningTime: true });
    await world.config(`[profile r]\nrole_arn = ${ADMIN}\nsource_profile = base\n`);
  }

  it("machine 20 minutes behind STS: the SDK's retry signs with STS's time, and the session is used", async () => {
    await skewedWorld(20 * 60_000);
    const credentials = await world.provider({ profile: "r", clientConfig: retrying(3) }, { clock: systemClock })();
    const calls = world.sts.callsTo("AssumeRole");
    expect(calls.map((c) => c.outcome)).toEqual(["SignatureDoesNotMatch", "ok"]);
    expect(calls.every((c) => c.signedBy === BASE.accessKeyId)).toBe(true);
    expect(credentials.accessKeyId).toBe(calls[1]!.issuedAccessKeyId);
    expect(credentials.expiration!.getTime()).toBeGreaterThan(Date.now() + HOUR);
  });

  it("machine 3 hours ahead of STS: the session arrives already expired, so CREDENTIALS_EXPIRED says to check the clock", async () => {
    await skewedWorld(-3 * HOUR);
    const provider = world.provider({ profile: "r", clientConfig: retrying(3) }, { clock: systemClock });
    const outcome = await provider().then(
      (c) => ({ credentials: c }),
      (error: unknown) => ({ error: error as StsCallError }),
    );
    expect("error" in outcome, "expired credentials must never be returned").toBe(true);
    const { error } = outcome as { error: StsCallError };
    expect(isProfileCredentialsError(error)).toBe(true);
    expect(error.code).toBe("CREDENTIALS_EXPIRED");
    expect(error.message).toMatch(/clock/i);
    expect(error.message).toContain('"r"');
    expect(world.sts.callsTo("AssumeRole").map((c) => c.outcome)).toEqual(["SignatureDoesNotMatch", "ok"]);
  });

  it("machine 20 minutes behind STS with the SDK's retries off: 'Signature expired' is a retryable error, and the next call succeeds", async () => {
    await skewedWorld(20 * 60_000);
    const provider = world.provider({ profile: "r", clientConfig: { maxAttempts: 1 } }, { clock: systemClock });
    const error = await failureOf(provider());
    expect(error).toBeInstanceOf(StsCallError);
    expect(error.code).toBe("STS_ERROR");
    expect(error.retryable).toBe(true);
    expect(error.message).toContain("Signature expired");
    expect(error.message).toMatch(/clock is more than 15 minutes away from STS/);
    const credentials = await provider();
    expect(credentials.accessKeyId).toBe(world.sts.callsTo("AssumeRole")[1]!.issuedAccessKeyId);
    expect(world.sts.callsTo("AssumeRole").map((c) => c.outcome)).toEqual(["SignatureDoesNotMatch", "ok"]);
  });

  it("with the SDK's retries turned off, the refused signature is a typed, retryable error that says to check the clock", async () => {
    await skewedWorld(-3 * HOUR);
    const error = await failureOf(world.provider({ profile: "r", clientConfig: { maxAttempts: 1 } }, { clock: systemClock })());
    expect(error).toBeInstanceOf(StsCallError);
    expect(error.stsCode).toBe("SignatureDoesNotMatch");
    expect(error.retryable).toBe(true);
    expect(error.message).toContain("Signature not yet current");
    expect(error.message).toMatch(/clock is more than 15 minutes away from STS/);
    expect(error.message).toContain('profile "r"');
  });
});


describe("STS outages in the refresh windows (fake clock)", () => {
  let clock: FakeClock;
  beforeEach(async () => {
    clock = new FakeClock(Date.now());
    world = await startRoleWorld({ roles: [openRole("Admin")] }, { clock });
    await world.config(`[profile r]\nrole_arn = ${ADMIN}\nsource_profile = base\n`);
  });
  afterEach(() => world.close());

  it("advisory window: 200 concurrent callers keep the same valid credentials, and background attempts are paced (30 s)", async () => {
    const provider = world.provider({ profile: "r" }, { random: () => 0 });
    const first = await provider();
    await clock.advance(46 * 60_000);
    world.sts.reset();
    world.sts.failAll({ code: "ServiceUnavailable", status: 503 });
    // Three minutes of advisory window, a burst of callers every 5 seconds.
    for (let t = 0; t < 36; t++) {
      const burst = await Promise.all(Array.from({ length: 200 }, () => provider()));
      expect(burst.every((c) => c === first)).toBe(true);
      await flush();
      await clock.advance(5_000);
    }
    const attempts = world.sts.callsTo("AssumeRole").length;
    expect(attempts).toBeGreaterThanOrEqual(1);
    expect(attempts).toBeLessThanOrEqual(1 + Math.ceil((36 * 5_000) / 30_000));
    expect(first.expiration!.getTime()).toBeGreaterThan(clock.now());
  });

  it("mandatory window and beyond expiry: callers get an error, never expired credentials; STS back means fresh ones", async () => {
    const provider = world.provider({ profile: "r" }, { random: () => 0 });
    const first = await provider();
    world.sts.failAll({ code: "ServiceUnavailable", status: 503 });
    for (const minutes of [52, 58, 61, 90]) {
      await clock.advance(minutes * 60_000 - (clock.now() - (first.expiration!.getTime() - 60 * 60_000)));
      const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => provider()));
      for (const outcome of outcomes) {
        expect(outcome.status).toBe("rejected");
        expect(((outcome as PromiseRejectedResult).reason as StsCallError).code).toBe("STS_UNAVAILABLE");
      }
    }
    world.sts.reset();
    const fresh = await provider();
    expect(fresh.accessKeyId).not.toBe(first.accessKeyId);
    expect(fresh.expiration!.getTime()).toBeGreaterThan(clock.now());
  });
});
