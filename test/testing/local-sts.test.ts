import { describe, expect, it } from "vitest";
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  InvalidIdentityTokenException,
} from "@aws-sdk/client-sts";
import { REDACTED, startLocalSts } from "../../src/testing/index.js";
import { ALICE, BOB, ROLES, START_MS, WEB_TOKEN, failureOf, keysOf, stsClient, useLocalSts } from "./fixtures.js";

const HOUR_MS = 3_600_000;

describe(startLocalSts.name, () => {
  const ctx = useLocalSts();

  describe("AssumeRole", () => {
    it("issues credentials to a trusted user and records who signed", async () => {
      const out = await stsClient(ctx.sts, ALICE).send(
        new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: "s1" }),
      );

      const issued = out.Credentials?.AccessKeyId;
      expect(issued).toMatch(/^ASIAEMU[A-Z2-7]{13}$/);
      expect(out.Credentials?.SecretAccessKey).toMatch(/^[A-Za-z0-9+/=]{40}$/);
      expect(out.Credentials?.SessionToken?.length).toBeGreaterThan(100);
      expect(out.Credentials?.Expiration?.getTime()).toBe(START_MS + HOUR_MS);
      expect(out.AssumedRoleUser?.Arn).toBe("arn:aws:sts::222222222222:assumed-role/Admin/s1");
      expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[0-9A-Z]{17}:s1$/);
      expect(out.PackedPolicySize).toBeUndefined();
      expect(ctx.sts.calls).toEqual([
        expect.objectContaining({
          action: "AssumeRole",
          params: { RoleArn: ROLES.admin, RoleSessionName: "s1" },
          signedBy: ALICE.accessKeyId,
          region: "us-east-1",
          outcome: "ok",
          status: 200,
          issuedAccessKeyId: issued,
          requestId: out.$metadata.requestId,
          at: START_MS,
        }),
      ]);
    });

    it("honours DurationSeconds and reports PackedPolicySize only when a session policy is passed", async () => {
      const out = await stsClient(ctx.sts, ALICE).send(
        new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: "s1", DurationSeconds: 7200, Policy: "{}" }),
      );
      expect(out.Credentials?.Expiration?.getTime()).toBe(START_MS + 2 * HOUR_MS);
      expect(out.PackedPolicySize).toBe(1);
    });

    it("chains: credentials it issued can assume a role that trusts the first role", async () => {
      const first = await stsClient(ctx.sts, ALICE).send(new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: "first" }));
      const second = await stsClient(ctx.sts, keysOf(first.Credentials)).send(
        new AssumeRoleCommand({ RoleArn: ROLES.top, RoleSessionName: "second" }),
      );
      const who = await stsClient(ctx.sts, keysOf(second.Credentials)).send(new GetCallerIdentityCommand({}));

      expect(second.AssumedRoleUser?.Arn).toBe("arn:aws:sts::333333333333:assumed-role/Top/second");
      expect(who).toMatchObject({
        Arn: "arn:aws:sts::333333333333:assumed-role/Top/second",
        Account: "333333333333",
        UserId: second.AssumedRoleUser?.AssumedRoleId,
      });
      expect(ctx.sts.callsTo("AssumeRole").map((c) => [c.signedBy, c.issuedAccessKeyId])).toEqual([
        [ALICE.accessKeyId, first.Credentials?.AccessKeyId],
        [first.Credentials?.AccessKeyId, second.Credentials?.AccessKeyId],
      ]);
      expect(ctx.sts.callsTo("GetCallerIdentity")[0]?.signedBy).toBe(second.Credentials?.AccessKeyId);
    });

    it("denies an untrusted user with STS's message", async () => {
      const error = await failureOf(
        stsClient(ctx.sts, BOB).send(new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: "s0" })),
      );
      expect(error.name).toBe("AccessDenied");
      expect(error.$metadata.httpStatusCode).toBe(403);
      expect(error.$fault).toBe("client");
      expect(error.message).toBe(
        `User: ${BOB.arn} is not authorized to perform: sts:AssumeRole on resource: ${ROLES.admin}`,
      );
      expect(ctx.sts.calls[0]).toMatchObject({ outcome: "AccessDenied", status: 403 });
      expect(ctx.sts.calls[0]?.issuedAccessKeyId).toBeUndefined();
    });

    it("matches a role session on its role ARN and names the session ARN when denying it", async () => {
      const admin = await stsClient(ctx.sts, ALICE).send(new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: "first" }));
      const error = await failureOf(
        stsClient(ctx.sts, keysOf(admin.Credentials)).send(new AssumeRoleCommand({ RoleArn: ROLES.short, RoleSessionName: "second" })),
      );
      expect(error.message).toBe(
        `User: arn:aws:sts::222222222222:assumed-role/Admin/first is not authorized to perform: sts:AssumeRole on resource: ${ROLES.short}`,
      );
    });

    it("trusts account roots for every principal of the account, and a named session only for itself", async () => {
      const pinned = "arn:aws:iam::222222222222:role/Pinned";
      ctx.sts.putRole({ arn: pinned, trust: ["arn:aws:sts::222222222222:assumed-role/Admin/first"] });
      const sessionKeys = async (name: string) =>
        keysOf((await stsClient(ctx.sts, ALICE).send(new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: name }))).Credentials);

      await expect(
        stsClient(ctx.sts, await sessionKeys("first")).send(new AssumeRoleCommand({ RoleArn: pinned, RoleSessionName: "p1" })),
      ).resolves.toBeDefined();
      const other = await failureOf(
        stsClient(ctx.sts, await sessionKeys("other")).send(new AssumeRoleCommand({ RoleArn: pinned, RoleSessionName: "p1" })),
      );
      expect(other.name).toBe("AccessDenied");

      ctx.sts.putRole({ arn: pinned, trust: ["arn:aws:iam::111111111111:root"] });
      await expect(
        stsClient(ctx.sts, BOB).send(new AssumeRoleCommand({ RoleArn: pinned, RoleSessionName: "p2" })),
      ).resolves.toBeDefined();
    });

    it("answers an unknown role exactly like an untrusted one", async () => {
      const missing = "arn:aws:iam::222222222222:role/Missing";
      const error = await failureOf(
        stsClient(ctx.sts, ALICE).send(new AssumeRoleCommand({ RoleArn: missing, RoleSessionName: "s0" })),
      );
      expect(error.message).toBe(`User: ${ALICE.arn} is not authorized to perform: sts:AssumeRole on resource: ${missing}`);
    });
  });

  describe("authentication", () => {
    it("identifies a user signing with long-term keys", async () => {
      const who = await stsClient(ctx.sts, ALICE).send(new GetCallerIdentityCommand({}));
      expect(who).toMatchObject({ Arn: ALICE.arn, Account: "111111111111" });
      expect(who.UserId).toMatch(/^AIDA[0-9A-Z]{17}$/);
    });

    it("rejects a wrong secret with SignatureDoesNotMatch", async () => {
      const error = await failureOf(
        stsClient(ctx.sts, { ...ALICE, secretAccessKey: "wrong" }).send(new GetCallerIdentityCommand({})),
      );
      expect(error.name).toBe("SignatureDoesNotMatch");
      expect(error.$metadata.httpStatusCode).toBe(403);
      expect(error.message).toMatch(/^The request signature we calculated does not match the signature you provided\./);
      expect(ctx.sts.calls[0]).toMatchObject({ signedBy: ALICE.accessKeyId, outcome: "SignatureDoesNotMatch" });
    });

    it("rejects an unknown access key with InvalidClientTokenId", async () => {
      const error = await failureOf(
        stsClient(ctx.sts, { accessKeyId: "AKIANOBODY0000000001", secretAccessKey: "x" }).send(new GetCallerIdentityCommand({})),
      );
      expect(error.name).toBe("InvalidClientTokenId");
      expect(error.$metadata.httpStatusCode).toBe(403);
      expect(error.message).toBe("The security token included in the request is invalid.");
    });

    it("requires the session token of issued credentials", async () => {
      const out = await stsClient(ctx.sts, ALICE).send(new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: "s0" }));
      const { sessionToken: _dropped, ...withoutToken } = keysOf(out.Credentials);
      const error = await failureOf(stsClient(ctx.sts, withoutToken).send(new GetCallerIdentityCommand({})));
      expect(error.name).toBe("InvalidClientTokenId");
    });

    it("rejects issued credentials once the emulator's clock passes their expiration", async () => {
      const out = await stsClient(ctx.sts, ALICE).send(
        new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: "s0", DurationSeconds: 900 }),
      );
      const client = stsClient(ctx.sts, keysOf(out.Credentials));
      await ctx.clock.advance(900_000 - 1);
      await expect(client.send(new GetCallerIdentityCommand({}))).resolves.toBeDefined();
      await ctx.clock.advance(1);
      const error = await failureOf(client.send(new GetCallerIdentityCommand({})));
      expect(error.name).toBe("ExpiredToken");
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toBe("The security token included in the request is expired");
    });
  });

  describe("AssumeRoleWithWebIdentity", () => {
    it("accepts an unsigned request carrying an accepted token, and never logs the token", async () => {
      const out = await stsClient(ctx.sts).send(
        new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLES.web, RoleSessionName: "ci", WebIdentityToken: WEB_TOKEN }),
      );
      expect(out).toMatchObject({
        AssumedRoleUser: { Arn: "arn:aws:sts::444444444444:assumed-role/Web/ci" },
        Provider: "token.actions.example.test",
        Audience: "sts",
        SubjectFromWebIdentityToken: "repo:x",
      });
      const [call] = ctx.sts.calls;
      expect(call).toMatchObject({ action: "AssumeRoleWithWebIdentity", signedBy: undefined, outcome: "ok" });
      expect(call?.params.WebIdentityToken).toBe(REDACTED);
      expect(JSON.stringify(ctx.sts.calls)).not.toContain(WEB_TOKEN);

      const who = await stsClient(ctx.sts, keysOf(out.Credentials)).send(new GetCallerIdentityCommand({}));
      expect(who.Arn).toBe("arn:aws:sts::444444444444:assumed-role/Web/ci");
    });

    it("rejects a token the provider would not validate", async () => {
      const error = await failureOf(
        stsClient(ctx.sts).send(
          new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLES.web, RoleSessionName: "ci", WebIdentityToken: "forged" }),
        ),
      );
      expect(error).toBeInstanceOf(InvalidIdentityTokenException);
      expect(error.$metadata.httpStatusCode).toBe(400);
    });

    it("denies a role without web-identity federation", async () => {
      const error = await failureOf(
        stsClient(ctx.sts).send(
          new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLES.admin, RoleSessionName: "ci", WebIdentityToken: WEB_TOKEN }),
        ),
      );
      expect(error.name).toBe("AccessDenied");
      expect(error.message).toBe("Not authorized to perform sts:AssumeRoleWithWebIdentity");
    });
  });

  describe("runtime edits", () => {
    it("putRole adds a role and replaces an existing one's trust", async () => {
      const extra = "arn:aws:iam::222222222222:role/Extra";
      ctx.sts.putRole({ arn: extra, trust: [BOB.arn] });
      await expect(
        stsClient(ctx.sts, BOB).send(new AssumeRoleCommand({ RoleArn: extra, RoleSessionName: "s0" })),
      ).resolves.toBeDefined();

      ctx.sts.putRole({ arn: extra, trust: [] });
      const error = await failureOf(stsClient(ctx.sts, BOB).send(new AssumeRoleCommand({ RoleArn: extra, RoleSessionName: "s0" })));
      expect(error.name).toBe("AccessDenied");
    });

    it("putUser adds long-term keys", async () => {
      const carol = { accessKeyId: "AKIACAROL00000000001", secretAccessKey: "c", arn: "arn:aws:iam::555555555555:user/carol" };
      ctx.sts.putUser(carol);
      const who = await stsClient(ctx.sts, carol).send(new GetCallerIdentityCommand({}));
      expect(who.Arn).toBe(carol.arn);
    });

    it("reset forgets calls but keeps issued credentials valid", async () => {
      const out = await stsClient(ctx.sts, ALICE).send(new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: "s0" }));
      ctx.sts.reset();
      expect(ctx.sts.calls).toEqual([]);
      await stsClient(ctx.sts, keysOf(out.Credentials)).send(new GetCallerIdentityCommand({}));
      expect(ctx.sts.calls.map((c) => c.outcome)).toEqual(["ok"]);
    });
  });

  it("rejects a world with a malformed role", async () => {
    await expect(startLocalSts({ roles: [{ arn: "Admin" }] })).rejects.toThrow(/not an IAM role ARN: Admin/);
    await expect(
      startLocalSts({ roles: [{ arn: ROLES.admin, maxSessionDuration: 600 }] }),
    ).rejects.toThrow(/maxSessionDuration must be an integer from 3600 to 43200/);
  });
});
