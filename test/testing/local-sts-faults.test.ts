// Scripted faults against the real SDK client: its retry behaviour is what these prove the emulator can drive.
import { describe, expect, it } from "vitest";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { ALICE, ROLES, failureOf, retryingImmediately, stsClient, useLocalSts } from "./fixtures.js";

const whoAmI = new GetCallerIdentityCommand({});

describe("local STS faults", () => {
  const ctx = useLocalSts();
  const outcomes = () => ctx.sts.calls.map((call) => call.outcome);

  it("throttles N times, then the SDK's retry succeeds", async () => {
    ctx.sts.failNext({ code: "Throttling", times: 2 });
    const out = await stsClient(ctx.sts, ALICE, retryingImmediately(3)).send(whoAmI);
    expect(out.Arn).toBe(ALICE.arn);
    expect(out.$metadata.attempts).toBe(3);
    expect(outcomes()).toEqual(["Throttling", "Throttling", "ok"]);
    expect(ctx.sts.calls.every((call) => call.signedBy === ALICE.accessKeyId)).toBe(true);
  });

  it("surfaces Throttling as STS sends it when attempts run out", async () => {
    ctx.sts.failNext({ code: "Throttling" });
    const error = await failureOf(stsClient(ctx.sts, ALICE).send(whoAmI));
    expect(error.name).toBe("Throttling");
    expect(error.message).toBe("Rate exceeded");
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.$fault).toBe("client");
  });

  it("returns a 500 InternalFailure as a server fault, which the SDK retries", async () => {
    ctx.sts.failNext({ code: "InternalFailure" });
    const error = await failureOf(stsClient(ctx.sts, ALICE).send(whoAmI));
    expect(error.name).toBe("InternalFailure");
    expect(error.$fault).toBe("server");
    expect(error.$metadata.httpStatusCode).toBe(500);

    ctx.sts.failNext({ code: "InternalFailure" });
    const out = await stsClient(ctx.sts, ALICE, retryingImmediately(2)).send(whoAmI);
    expect(out.$metadata.attempts).toBe(2);
    expect(outcomes()).toEqual(["InternalFailure", "InternalFailure", "ok"]);
  });

  it("uses the status and message given for a custom fault", async () => {
    ctx.sts.failNext({ code: "RegionDisabledException", status: 403, message: "STS is off here" });
    const error = await failureOf(stsClient(ctx.sts, ALICE).send(whoAmI));
    expect(error.name).toBe("RegionDisabledException");
    expect(error.message).toBe("STS is off here");
    expect(error.$metadata.httpStatusCode).toBe(403);
  });

  it("delays a response by real milliseconds, then answers normally", async () => {
    ctx.sts.failNext({ delayMs: 50 });
    const started = performance.now();
    const out = await stsClient(ctx.sts, ALICE).send(whoAmI);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    expect(out.Arn).toBe(ALICE.arn);
    expect(outcomes()).toEqual(["ok"]);
  });

  it("drops the connection; the SDK sees a network error and can retry it", async () => {
    ctx.sts.failNext({ drop: true });
    const error = await failureOf(stsClient(ctx.sts, ALICE).send(whoAmI));
    expect(error.$metadata.httpStatusCode).toBeUndefined();
    expect(`${error.name} ${(error as { code?: string }).code} ${error.message}`).toMatch(/ECONNRESET|socket hang up/);

    ctx.sts.failNext({ drop: true });
    const out = await stsClient(ctx.sts, ALICE, retryingImmediately(2)).send(whoAmI);
    expect(out.$metadata.attempts).toBe(2);
    expect(outcomes()).toEqual(["dropped", "dropped", "ok"]);
  });

  it("applies an action-scoped fault only to that action", async () => {
    ctx.sts.failNext({ code: "Throttling", action: "AssumeRole" });
    const client = stsClient(ctx.sts, ALICE);
    await client.send(whoAmI);
    const error = await failureOf(client.send(new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: "s1" })));
    expect(error.name).toBe("Throttling");
    await client.send(new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: "s1" }));
    expect(ctx.sts.calls.map((call) => [call.action, call.outcome])).toEqual([
      ["GetCallerIdentity", "ok"],
      ["AssumeRole", "Throttling"],
      ["AssumeRole", "ok"],
    ]);
  });

  it("failAll keeps failing until reset", async () => {
    ctx.sts.failAll({ code: "ServiceUnavailable" });
    const client = stsClient(ctx.sts, ALICE);
    for (let i = 0; i < 3; i += 1) expect((await failureOf(client.send(whoAmI))).$metadata.httpStatusCode).toBe(503);
    ctx.sts.reset();
    await expect(client.send(whoAmI)).resolves.toBeDefined();
  });

  it("close() cuts a delayed request instead of waiting for it", async () => {
    ctx.sts.failNext({ delayMs: 60_000 });
    const pending = failureOf(stsClient(ctx.sts, ALICE).send(whoAmI));
    while (ctx.sts.calls.length === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(outcomes()).toEqual(["pending"]);

    await ctx.sts.close();
    expect((await pending).$metadata.httpStatusCode).toBeUndefined();
    expect(outcomes()).toEqual(["dropped"]);
  });

  it("close() also closes idle keep-alive connections, and the port stops answering", async () => {
    const client = stsClient(ctx.sts, ALICE);
    await client.send(whoAmI);
    const started = performance.now();
    await ctx.sts.close();
    // Without closeAllConnections, close() would wait out node's 5 s keep-alive timeout.
    expect(performance.now() - started).toBeLessThan(2000);
    const error = await failureOf(client.send(whoAmI));
    expect(`${(error as { code?: string }).code} ${error.message}`).toMatch(/ECONNREFUSED|ECONNRESET|socket hang up/);
  });
});
