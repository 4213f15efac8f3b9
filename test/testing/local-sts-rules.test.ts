// The emulator's STS rules: MFA, ExternalId, DurationSeconds limits (incl. role chaining) and parameter
// validation, each with the exact STS error text (docs/semantics.md §5.4 and §4.3).
import { describe, expect, it } from "vitest";
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { REDACTED } from "../../src/testing/index.js";
import { ALICE, ALICE_MFA, BOB, ROLES, SHARED_MFA, START_MS, failureOf, keysOf, stsClient, useLocalSts } from "./fixtures.js";

const INVALID_CODE = "MultiFactorAuthentication failed with invalid MFA one time pass code.";
const UNKNOWN_SERIAL =
  "MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.";

describe("local STS rules", () => {
  const ctx = useLocalSts();
  const assume = (keys: Parameters<typeof stsClient>[1], input: Partial<ConstructorParameters<typeof AssumeRoleCommand>[0]>) =>
    stsClient(ctx.sts, keys).send(new AssumeRoleCommand({ RoleArn: ROLES.mfa, RoleSessionName: "mfa", ...input }));

  describe("MFA", () => {
    it("accepts a valid code for the caller's own device and never logs it", async () => {
      const out = await assume(ALICE, { SerialNumber: ALICE_MFA, TokenCode: "482913" });
      expect(out.AssumedRoleUser?.Arn).toBe("arn:aws:sts::222222222222:assumed-role/MfaOnly/mfa");
      expect(ctx.sts.calls[0]?.params).toMatchObject({ SerialNumber: ALICE_MFA, TokenCode: REDACTED });
      expect(JSON.stringify(ctx.sts.calls)).not.toContain("482913");
    });

    it("denies a role that requires MFA when no code is given", async () => {
      const error = await failureOf(assume(ALICE, {}));
      expect(error.name).toBe("AccessDenied");
      expect(error.message).toBe(`User: ${ALICE.arn} is not authorized to perform: sts:AssumeRole on resource: ${ROLES.mfa}`);
    });

    it("rejects a wrong code with STS's text", async () => {
      const error = await failureOf(assume(ALICE, { SerialNumber: ALICE_MFA, TokenCode: "999999" }));
      expect(error.name).toBe("AccessDenied");
      expect(error.$metadata.httpStatusCode).toBe(403);
      expect(error.message).toBe(INVALID_CODE);
    });

    it("rejects a reused code, because one-time codes are single-use", async () => {
      await assume(ALICE, { SerialNumber: ALICE_MFA, TokenCode: "482913" });
      const error = await failureOf(assume(ALICE, { SerialNumber: ALICE_MFA, TokenCode: "482913" }));
      expect(error.message).toBe(INVALID_CODE);
      await expect(assume(ALICE, { SerialNumber: ALICE_MFA, TokenCode: "771024" })).resolves.toBeDefined();
    });

    it("rejects another user's device, with the double-spaced serial text", async () => {
      const error = await failureOf(assume(BOB, { SerialNumber: ALICE_MFA, TokenCode: "482913" }));
      expect(error.message).toBe(UNKNOWN_SERIAL);
      const unknown = await failureOf(assume(ALICE, { SerialNumber: "arn:aws:iam::111111111111:mfa/nope", TokenCode: "482913" }));
      expect(unknown.message).toBe(UNKNOWN_SERIAL);
    });

    it("lets a role session present a world-level device", async () => {
      const admin = await stsClient(ctx.sts, ALICE).send(new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: "adm" }));
      await expect(assume(keysOf(admin.Credentials), { SerialNumber: SHARED_MFA, TokenCode: "305618" })).resolves.toBeDefined();
    });

    it("addMfaCodes makes further codes valid", async () => {
      await assume(ALICE, { SerialNumber: ALICE_MFA, TokenCode: "482913" });
      ctx.sts.addMfaCodes(ALICE_MFA, ["482913"]);
      await expect(assume(ALICE, { SerialNumber: ALICE_MFA, TokenCode: "482913" })).resolves.toBeDefined();
    });

    it("treats GetSessionToken credentials obtained with MFA as MFA-authenticated", async () => {
      const session = await stsClient(ctx.sts, ALICE).send(
        new GetSessionTokenCommand({ SerialNumber: ALICE_MFA, TokenCode: "771024" }),
      );
      expect(session.Credentials?.Expiration?.getTime()).toBe(START_MS + 43_200_000);
      const who = await stsClient(ctx.sts, keysOf(session.Credentials)).send(new GetCallerIdentityCommand({}));
      expect(who.Arn).toBe(ALICE.arn);
      await expect(assume(keysOf(session.Credentials), {})).resolves.toBeDefined();
      const again = await failureOf(
        stsClient(ctx.sts, keysOf(session.Credentials)).send(new GetSessionTokenCommand({})),
      );
      expect(again.message).toBe("Cannot call GetSessionToken with session credentials");
    });
  });

  describe("ExternalId", () => {
    it.each([
      ["missing", undefined],
      ["wrong", "ext-41"],
    ])("denies a %s ExternalId", async (_case, externalId) => {
      const error = await failureOf(assume(BOB, { RoleArn: ROLES.partner, ExternalId: externalId }));
      expect(error.message).toBe(`User: ${BOB.arn} is not authorized to perform: sts:AssumeRole on resource: ${ROLES.partner}`);
    });

    it("accepts the required ExternalId", async () => {
      await expect(assume(BOB, { RoleArn: ROLES.partner, ExternalId: "ext-42" })).resolves.toBeDefined();
      expect(ctx.sts.calls[0]?.params.ExternalId).toBe("ext-42");
    });
  });

  describe("DurationSeconds", () => {
    it.each([
      [600, "1 validation error detected: Value '600' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"],
      [50000, "1 validation error detected: Value '50000' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200"],
    ])("rejects %i outside 900-43200", async (seconds, message) => {
      const error = await failureOf(assume(ALICE, { RoleArn: ROLES.admin, DurationSeconds: seconds }));
      expect(error.name).toBe("ValidationError");
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toBe(message);
    });

    it("rejects more than the role's MaxSessionDuration (3600 by default)", async () => {
      const error = await failureOf(assume(ALICE, { RoleArn: ROLES.short, DurationSeconds: 3601 }));
      expect(error.message).toBe("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
      await expect(assume(ALICE, { RoleArn: ROLES.short, DurationSeconds: 3600 })).resolves.toBeDefined();
    });

    it("caps role chaining at one hour even when the role allows twelve", async () => {
      const admin = await assume(ALICE, { RoleArn: ROLES.admin, DurationSeconds: 43200 });
      expect(admin.Credentials?.Expiration?.getTime()).toBe(START_MS + 43_200_000);
      const chained = keysOf(admin.Credentials);

      const error = await failureOf(assume(chained, { RoleArn: ROLES.top, DurationSeconds: 3601 }));
      expect(error.name).toBe("ValidationError");
      expect(error.message).toBe(
        "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
      );
      await expect(assume(chained, { RoleArn: ROLES.top, DurationSeconds: 3600 })).resolves.toBeDefined();
    });
  });

  describe("RoleSessionName", () => {
    it.each([
      ["x", "Member must have length greater than or equal to 2"],
      ["x".repeat(65), "Member must have length less than or equal to 64"],
      ["has space", "Member must satisfy regular expression pattern: [\\w+=,.@-]*"],
    ])("rejects %j", async (name, rule) => {
      const error = await failureOf(assume(ALICE, { RoleArn: ROLES.admin, RoleSessionName: name }));
      expect(error.name).toBe("ValidationError");
      expect(error.message).toBe(`1 validation error detected: Value '${name}' at 'roleSessionName' failed to satisfy constraint: ${rule}`);
    });

    it("accepts every allowed character", async () => {
      await expect(assume(ALICE, { RoleArn: ROLES.admin, RoleSessionName: "a_Z9+=,.@-" })).resolves.toBeDefined();
    });

    it("reports several violations together without echoing a token code", async () => {
      const error = await failureOf(assume(ALICE, { RoleSessionName: "x", SerialNumber: ALICE_MFA, TokenCode: "12" }));
      expect(error.message).toBe(
        "2 validation errors detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2; " +
          "Value at 'tokenCode' failed to satisfy constraint: Member must have length greater than or equal to 6",
      );
    });
  });
});
