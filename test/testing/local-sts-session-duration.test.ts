// The emulator's sessionDurationSeconds override: every issued session lasts exactly that long, so a
// real-time test can watch sessions expire and be renewed within a minute.
import { afterEach, describe, expect, it } from "vitest";
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { startLocalSts, type LocalSts } from "../../src/testing/index.js";
import { FakeClock } from "../support/fake-clock.js";
import { ALICE, ROLES, START_MS, failureOf, keysOf, stsClient, testWorld } from "./fixtures.js";

let sts: LocalSts | undefined;
afterEach(() => sts?.close());

describe("startLocalSts({ sessionDurationSeconds })", () => {
  it("issues every session for the override, whatever DurationSeconds asked, and expires it then", async () => {
    const clock = new FakeClock();
    sts = await startLocalSts(testWorld(), { clock, sessionDurationSeconds: 20 });
    const role = await stsClient(sts, ALICE).send(new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: "s1", DurationSeconds: 7200 }));
    const session = await stsClient(sts, ALICE).send(new GetSessionTokenCommand({}));
    expect(role.Credentials?.Expiration?.getTime()).toBe(START_MS + 20_000);
    expect(session.Credentials?.Expiration?.getTime()).toBe(START_MS + 20_000);

    const client = stsClient(sts, keysOf(role.Credentials));
    await clock.advance(19_999);
    await expect(client.send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Arn: expect.stringContaining("assumed-role/Admin/s1") });
    await clock.advance(1);
    expect((await failureOf(client.send(new GetCallerIdentityCommand({})))).name).toBe("ExpiredToken");
  });

  it("still validates DurationSeconds against STS's 900-second minimum", async () => {
    sts = await startLocalSts(testWorld(), { clock: new FakeClock(), sessionDurationSeconds: 20 });
    const error = await failureOf(stsClient(sts, ALICE).send(new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: "s1", DurationSeconds: 20 })));
    expect(error.name).toBe("ValidationError");
    expect(error.message).toContain("durationSeconds");
  });

  it.each([0, -5, 1.5])("refuses an override of %s seconds at start", async (seconds) => {
    await expect(startLocalSts(testWorld(), { sessionDurationSeconds: seconds })).rejects.toThrow(
      /sessionDurationSeconds must be a positive whole number of seconds/,
    );
  });
});
