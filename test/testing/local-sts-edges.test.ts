// The emulator's edges: where it may listen, what it starts with, which users it accepts, how issued key
// ids are drawn, and that many delayed requests do not trip Node's listener warning.
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterEach, describe, expect, it } from "vitest";
import { startLocalSts, type LocalSts, type StsUser } from "../../src/testing/index.js";
import { ALICE, ROLES, failureOf, stsClient, testWorld } from "./fixtures.js";

const started: LocalSts[] = [];
const start = async (...args: Parameters<typeof startLocalSts>) => {
  const sts = await startLocalSts(...args);
  started.push(sts);
  return sts;
};
afterEach(async () => {
  await Promise.all(started.splice(0).map((sts) => sts.close()));
});

/** Listening servers in this process, as Node counts them. */
const listeningServers = () => process.getActiveResourcesInfo().filter((kind) => kind === "TCPServerWrap").length;

describe("startLocalSts edges", () => {
  it.each(["0.0.0.0", "::", "192.168.1.10", "localhost", ""])("refuses host %j before listening, leaving no server", async (host) => {
    const before = listeningServers();
    await expect(startLocalSts({}, { host: host as never })).rejects.toThrow(
      new TypeError(
        `startLocalSts: host ${JSON.stringify(host)} is not allowed: the emulator listens only on a loopback address ("127.0.0.1", the default, or "::1"), so that nothing outside this machine can reach it`,
      ),
    );
    expect(listeningServers()).toBe(before);
  });

  it("listens on IPv6 loopback with a bracketed endpoint the SDK can use", async () => {
    const sts = await start(testWorld(), { host: "::1" });
    expect(sts.endpoint).toMatch(/^http:\/\/\[::1\]:\d+$/);
    expect((await stsClient(sts, ALICE).send(new GetCallerIdentityCommand({}))).Arn).toBe(ALICE.arn);
  });

  it("starts with no argument as an empty world: every signed call is an unknown key", async () => {
    const sts = await start();
    const error = await failureOf(stsClient(sts, ALICE).send(new GetCallerIdentityCommand({})));
    expect(error.name).toBe("InvalidClientTokenId");
    expect(sts.callsTo("GetCallerIdentity")).toMatchObject([{ outcome: "InvalidClientTokenId", signedBy: ALICE.accessKeyId }]);
  });

  it.each([
    ["missing", { accessKeyId: "AKIANOSECRET00000001", arn: "arn:aws:iam::111111111111:user/nosecret" }],
    ["empty", { accessKeyId: "AKIANOSECRET00000001", secretAccessKey: "", arn: "arn:aws:iam::111111111111:user/nosecret" }],
  ])("refuses a user whose secret key is %s, at start and through putUser", async (_case, user) => {
    const message =
      "StsUser AKIANOSECRET00000001 (arn:aws:iam::111111111111:user/nosecret): secretAccessKey is required: the emulator verifies each request's signature with it";
    const before = listeningServers();
    await expect(startLocalSts({ users: [user as StsUser] })).rejects.toThrow(new TypeError(message));
    expect(listeningServers()).toBe(before);
    const sts = await start();
    expect(() => sts.putUser(user as StsUser)).toThrow(new TypeError(message));
  });

  it("holds more than 10 delayed requests at once without a MaxListenersExceededWarning", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      const sts = await start(testWorld());
      sts.failAll({ delayMs: 20 });
      const answers = await Promise.all(Array.from({ length: 15 }, () => stsClient(sts, ALICE).send(new GetCallerIdentityCommand({}))));
      expect(answers.map((out) => out.Arn)).toEqual(Array(15).fill(ALICE.arn));
      // Close while 12 more are held: every one is dropped, and still no warning.
      sts.reset();
      sts.failAll({ delayMs: 60_000 });
      const held = Array.from({ length: 12 }, () => stsClient(sts, ALICE).send(new GetCallerIdentityCommand({})).catch((e: Error) => e));
      await expect.poll(() => sts.calls.filter((c) => c.outcome === "pending").length).toBe(12);
      await sts.close();
      expect((await Promise.all(held)).every((e) => e instanceof Error)).toBe(true);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
  });
});

describe("issued key ids", () => {
  const assumeTwice = async (sts: LocalSts) => {
    const client = stsClient(sts, ALICE);
    const ids: (string | undefined)[] = [];
    for (const name of ["one", "two"]) {
      ids.push((await client.send(new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: name }))).Credentials?.AccessKeyId);
    }
    return ids;
  };

  it("differ between emulators, so one emulator's credentials are never another's", async () => {
    const [a, b] = [await assumeTwice(await start(testWorld())), await assumeTwice(await start(testWorld()))];
    for (const id of [...a, ...b]) expect(id).toMatch(/^ASIAEMU[A-Z2-7]{13}$/);
    expect(new Set([...a, ...b]).size).toBe(4);
  });

  it("repeat with the same seed, and differ with another seed", async () => {
    const first = await assumeTwice(await start(testWorld(), { seed: "run-1" }));
    const again = await assumeTwice(await start(testWorld(), { seed: "run-1" }));
    const other = await assumeTwice(await start(testWorld(), { seed: 42 }));
    expect(again).toEqual(first);
    expect(first[0]).not.toBe(first[1]);
    expect(other).not.toContain(first[0]);
    expect(other).not.toContain(first[1]);
  });

  it("are accepted back for chained calls when seeded", async () => {
    const sts = await start(testWorld(), { seed: "chain" });
    const out = await stsClient(sts, ALICE).send(new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: "chained" }));
    const who = await stsClient(sts, {
      accessKeyId: out.Credentials!.AccessKeyId!,
      secretAccessKey: out.Credentials!.SecretAccessKey!,
      sessionToken: out.Credentials!.SessionToken!,
    }).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe("arn:aws:sts::222222222222:assumed-role/Admin/chained");
    expect(sts.callsTo("GetCallerIdentity")[0]?.signedBy).toBe(out.Credentials?.AccessKeyId);
  });
});
