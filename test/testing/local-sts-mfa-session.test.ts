// The emulator's model of MFA sessions (docs/semantics.md §5.5): GetSessionToken only with long-term keys,
// the MFA flag carried from such a session to the role sessions made from it and on through chained
// sessions, and the 1-hour cap for AssumeRole called with GetSessionToken credentials.
import { describe, expect, it } from "vitest";
import { AssumeRoleCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { ALICE, ALICE_MFA, ROLES, START_MS, failureOf, keysOf, stsClient, useLocalSts } from "./fixtures.js";

describe("local STS: MFA sessions", () => {
  const ctx = useLocalSts();
  const assume = (keys: Parameters<typeof stsClient>[1], input: Partial<ConstructorParameters<typeof AssumeRoleCommand>[0]>) =>
    stsClient(ctx.sts, keys).send(new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: "ss", ...input }));
  const sessionToken = async (input: ConstructorParameters<typeof GetSessionTokenCommand>[0] = {}) =>
    keysOf((await stsClient(ctx.sts, ALICE).send(new GetSessionTokenCommand(input))).Credentials);

  it("refuses GetSessionToken signed by a role session", async () => {
    const admin = keysOf((await assume(ALICE, {})).Credentials);
    const error = await failureOf(stsClient(ctx.sts, admin).send(new GetSessionTokenCommand({})));
    expect(error.name).toBe("AccessDenied");
    expect(error.message).toBe("Cannot call GetSessionToken with session credentials");
  });

  it("carries the MFA flag from an MFA session through a role session to a role that requires MFA", async () => {
    const mfaSession = await sessionToken({ SerialNumber: ALICE_MFA, TokenCode: "482913" });
    const admin = keysOf((await assume(mfaSession, {})).Credentials);
    const out = await assume(admin, { RoleArn: ROLES.mfa });
    expect(out.AssumedRoleUser?.Arn).toBe("arn:aws:sts::222222222222:assumed-role/MfaOnly/ss");
    expect(ctx.sts.callsTo("AssumeRole").map((c) => c.params.TokenCode)).toEqual([undefined, undefined]);
  });

  it("carries it from a role session made with a TokenCode, too", async () => {
    const admin = keysOf((await assume(ALICE, { SerialNumber: ALICE_MFA, TokenCode: "771024" })).Credentials);
    await expect(assume(admin, { RoleArn: ROLES.mfa })).resolves.toBeDefined();
  });

  it("does not invent it: a session without MFA cannot assume a role that requires MFA, directly or chained", async () => {
    const plain = await sessionToken();
    const admin = keysOf((await assume(plain, {})).Credentials);
    for (const keys of [plain, admin]) {
      const error = await failureOf(assume(keys, { RoleArn: ROLES.mfa }));
      expect(error.name).toBe("AccessDenied");
    }
  });

  it("caps AssumeRole with GetSessionToken credentials at one hour, unlike long-term keys", async () => {
    const mfaSession = await sessionToken({ SerialNumber: ALICE_MFA, TokenCode: "482913" });
    const error = await failureOf(assume(mfaSession, { DurationSeconds: 7200 }));
    expect(error.name).toBe("ValidationError");
    expect(error.message).toBe("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
    const ok = await assume(mfaSession, { DurationSeconds: 3600 });
    expect(ok.Credentials?.Expiration?.getTime()).toBe(START_MS + 3_600_000);
    const long = await assume(ALICE, { DurationSeconds: 7200 });
    expect(long.Credentials?.Expiration?.getTime()).toBe(START_MS + 7_200_000);
  });
});
