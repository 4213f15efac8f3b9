// Shared world, clock and client helpers for the STS emulator's tests.
import { afterEach, beforeEach } from "vitest";
import { STSClient, type STSClientConfig } from "@aws-sdk/client-sts";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { startLocalSts, type LocalSts, type StsUser, type StsWorld } from "../../src/testing/index.js";
import { FAKE_CLOCK_START, FakeClock } from "../support/fake-clock.js";

/** 2026-11-22T04:00:00Z, where the test clock starts: a fixed, non-zero instant, so expirations are exact. */
export const START_MS = FAKE_CLOCK_START;

export const ALICE_MFA = "arn:aws:iam::111111111111:mfa/alice";
export const SHARED_MFA = "arn:aws:iam::111111111111:mfa/shared";

export const ALICE: StsUser = {
  accessKeyId: "AKIAALICE00000000001",
  secretAccessKey: "alice/secret/key",
  arn: "arn:aws:iam::111111111111:user/alice",
  mfa: { serial: ALICE_MFA, codes: ["482913", "771024"] },
};

export const BOB: StsUser = {
  accessKeyId: "AKIABOB0000000000001",
  secretAccessKey: "bob/secret/key",
  arn: "arn:aws:iam::111111111111:user/bob",
};

export const ROLES = {
  admin: "arn:aws:iam::222222222222:role/Admin",
  top: "arn:aws:iam::333333333333:role/ops/Top",
  partner: "arn:aws:iam::222222222222:role/Partner",
  mfa: "arn:aws:iam::222222222222:role/MfaOnly",
  short: "arn:aws:iam::222222222222:role/Short",
  web: "arn:aws:iam::444444444444:role/Web",
} as const;

export const WEB_TOKEN = "eyJ.web-token.sig";

export function testWorld(): StsWorld {
  return {
    users: [ALICE, BOB],
    roles: [
      { arn: ROLES.admin, trust: [ALICE.arn], maxSessionDuration: 43200 },
      // Trusts the Admin role, i.e. every Admin session: the role-chaining hop.
      { arn: ROLES.top, trust: [ROLES.admin], maxSessionDuration: 43200 },
      { arn: ROLES.partner, trust: "*", requiredExternalId: "ext-42" },
      { arn: ROLES.mfa, trust: ["arn:aws:iam::111111111111:root", ROLES.admin], mfaRequired: true },
      { arn: ROLES.short, trust: [ALICE.arn] },
      {
        arn: ROLES.web,
        webIdentity: { acceptedTokens: [WEB_TOKEN], provider: "token.actions.example.test", audience: "sts", subject: "repo:x" },
      },
    ],
    mfaDevices: [{ serial: SHARED_MFA, codes: ["305618"] }],
  };
}

/** Starts a fresh emulator (test world, test clock) before each test and closes it after. */
export function useLocalSts(): { sts: LocalSts; clock: FakeClock } {
  const ctx = {} as { sts: LocalSts; clock: FakeClock };
  beforeEach(async () => {
    ctx.clock = new FakeClock();
    ctx.sts = await startLocalSts(testWorld(), { clock: ctx.clock });
  });
  afterEach(() => ctx.sts.close());
  return ctx;
}

type Keys = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/** A real STSClient pointed at the emulator; one attempt unless `config` says otherwise. */
export function stsClient(sts: LocalSts, credentials?: Keys, config: Partial<STSClientConfig> = {}): STSClient {
  return new STSClient({ endpoint: sts.endpoint, region: "us-east-1", credentials, maxAttempts: 1, ...config });
}

/** Retries as the SDK's standard strategy decides, but without backoff sleeps, so no test waits on time. */
export function retryingImmediately(maxAttempts: number): Partial<STSClientConfig> {
  return { retryStrategy: new ConfiguredRetryStrategy(maxAttempts, 0) };
}

/** Keys from an STS Credentials element, as a client's `credentials`. */
export function keysOf(credentials: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } | undefined): Keys {
  return {
    accessKeyId: credentials?.AccessKeyId ?? "",
    secretAccessKey: credentials?.SecretAccessKey ?? "",
    sessionToken: credentials?.SessionToken,
  };
}

/** The SDK error a rejected call produced (fails the test if it resolved). */
export async function failureOf(promise: Promise<unknown>): Promise<Error & Record<string, any>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, any>;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
