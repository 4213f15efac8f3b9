// startCredentialServer() in process: the container credentials JSON as the JS SDK's own HTTP provider
// reads it, the token (401, 403, 256 bits from the injected source), path and method, loopback only,
// close and asyncDispose, failures as a 500 with code and message, and one resolution for concurrent
// cold requests, against the STS emulator.
import { connect } from "node:net";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fromHttp } from "@aws-sdk/credential-provider-http";
import { startCredentialServer, type CredentialServer } from "../../src/index.js";
import { ProfileConfigError } from "../../src/errors.js";
import type { Credentials } from "../../src/runtime/credentials.js";
import { tokenMatches } from "../../src/server/token-matches.js";
import { captureLogger } from "../support/capture-logger.js";
import { expectNoSecrets } from "../support/no-secrets.js";
import { ACCOUNT, openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";

const CREDENTIALS: Credentials = {
  accessKeyId: "ASIASERVERTEST000001",
  secretAccessKey: "server-test-secret-key-0001",
  sessionToken: "server-test-session-token-0001",
  expiration: new Date("2031-01-02T03:04:05.678Z"),
  accountId: "123456789012",
};
const SECRETS = [CREDENTIALS.accessKeyId, CREDENTIALS.secretAccessKey, CREDENTIALS.sessionToken];

const servers: CredentialServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(options: Parameters<typeof startCredentialServer>[0]): Promise<CredentialServer> {
  const server = await startCredentialServer(options);
  servers.push(server);
  return server;
}

const get = (server: CredentialServer, headers: Record<string, string> = { authorization: server.env.AWS_CONTAINER_AUTHORIZATION_TOKEN }, init: RequestInit = {}) =>
  fetch(server.url, { headers, ...init });

describe("startCredentialServer", () => {
  it("serves the provider's credentials as container credentials JSON, which the SDK's HTTP provider reads", async () => {
    const server = await serve({ provider: async () => CREDENTIALS });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/credentials$/);
    expect(server.env).toEqual({ AWS_CONTAINER_CREDENTIALS_FULL_URI: server.url, AWS_CONTAINER_AUTHORIZATION_TOKEN: expect.any(String) });

    const response = await get(server);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({
      AccessKeyId: CREDENTIALS.accessKeyId,
      SecretAccessKey: CREDENTIALS.secretAccessKey,
      Token: CREDENTIALS.sessionToken,
      Expiration: "2031-01-02T03:04:05Z",
      AccountId: "123456789012",
    });
    const read = await fromHttp({
      awsContainerCredentialsFullUri: server.env.AWS_CONTAINER_CREDENTIALS_FULL_URI,
      awsContainerAuthorizationToken: server.env.AWS_CONTAINER_AUTHORIZATION_TOKEN,
    })();
    expect(read).toMatchObject({ accessKeyId: CREDENTIALS.accessKeyId, secretAccessKey: CREDENTIALS.secretAccessKey, sessionToken: CREDENTIALS.sessionToken });
    expect(read.expiration?.toISOString()).toBe("2031-01-02T03:04:05.000Z");
  });

  it("serves long-term keys with an empty Token and an Expiration 15 minutes from its clock, so clients ask again", async () => {
    const now = Date.UTC(2030, 0, 1, 12, 0, 0);
    const server = await serve({ provider: async () => ({ accessKeyId: "AKIALONGTERM00000001", secretAccessKey: "long-term-secret" }), clock: { now: () => now } });
    expect(await (await get(server)).json()).toEqual({
      AccessKeyId: "AKIALONGTERM00000001",
      SecretAccessKey: "long-term-secret",
      Token: "",
      Expiration: "2030-01-01T12:15:00Z",
    });
  });

  it("answers 401 without a token and 403 for a wrong one, with no credential in either body", async () => {
    const server = await serve({ provider: async () => CREDENTIALS });
    const token = server.env.AWS_CONTAINER_AUTHORIZATION_TOKEN;
    const missing = await get(server, {});
    const wrong = await get(server, { authorization: `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}` });
    const longer = await get(server, { authorization: `${token}x` });
    const bearer = await get(server, { authorization: `Bearer ${token}` });
    expect([missing.status, wrong.status, longer.status, bearer.status]).toEqual([401, 403, 403, 403]);
    const bodies = await Promise.all([missing, wrong, longer, bearer].map((response) => response.text()));
    expect(JSON.parse(bodies[0]!)).toMatchObject({ Code: "MISSING_TOKEN" });
    expect(JSON.parse(bodies[1]!)).toMatchObject({ Code: "INVALID_TOKEN" });
    expectNoSecrets(bodies, SECRETS);
    for (const body of bodies) expect(body).not.toContain(CREDENTIALS.accessKeyId);
  });

  it("answers only GET on its own path", async () => {
    const server = await serve({ provider: async () => CREDENTIALS, path: "/creds/v1" });
    const token = server.env.AWS_CONTAINER_AUTHORIZATION_TOKEN;
    const other = await fetch(server.url.replace("/creds/v1", "/other"), { headers: { authorization: token } });
    const post = await get(server, { authorization: token }, { method: "POST" });
    const head = await get(server, { authorization: token }, { method: "HEAD" });
    expect([other.status, post.status, head.status]).toEqual([404, 405, 405]);
    expect(post.headers.get("allow")).toBe("GET");
    expectNoSecrets(await Promise.all([other.text(), post.text()]), SECRETS);
    expect((await get(server)).status).toBe(200);
  });

  it("compares tokens exactly, whatever their lengths", () => {
    expect(tokenMatches("abc", "abc")).toBe(true);
    expect(tokenMatches("abc", "abd")).toBe(false);
    expect(tokenMatches("abc", "abcd")).toBe(false);
    expect(tokenMatches("abc", "")).toBe(false);
  });

  it("makes its token from 256 bits of the injected randomness, and refuses a source that gives fewer", async () => {
    const asked: number[] = [];
    const server = await serve({
      provider: async () => CREDENTIALS,
      randomBytes: (size) => {
        asked.push(size);
        return new Uint8Array(size).fill(7);
      },
    });
    expect(asked).toEqual([32]);
    expect(server.env.AWS_CONTAINER_AUTHORIZATION_TOKEN).toBe(Buffer.alloc(32, 7).toString("base64url"));
    await expect(startCredentialServer({ provider: async () => CREDENTIALS, randomBytes: () => new Uint8Array(16) })).rejects.toThrow(
      /randomBytes\(32\) returned only 16 bytes/,
    );
    const [a, b] = [await serve({ provider: async () => CREDENTIALS }), await serve({ provider: async () => CREDENTIALS })];
    expect(a.env.AWS_CONTAINER_AUTHORIZATION_TOKEN).toMatch(/^[\w-]{43}$/);
    expect(a.env.AWS_CONTAINER_AUTHORIZATION_TOKEN).not.toBe(b.env.AWS_CONTAINER_AUTHORIZATION_TOKEN);
  });

  it("listens on 127.0.0.1 only and refuses any other host", async () => {
    const server = await serve({ provider: async () => CREDENTIALS });
    const port = Number(new URL(server.url).port);
    expect(await connects("127.0.0.1", port)).toBe(true);
    expect(await connects("127.0.0.2", port)).toBe(false);
    expect(await connects("::1", port)).toBe(false);
    for (const host of ["0.0.0.0", "::", "localhost", "::1"]) {
      await expect(startCredentialServer({ provider: async () => CREDENTIALS, host: host as "127.0.0.1" })).rejects.toThrow(/host must be "127\.0\.0\.1"/);
    }
  });

  it("stops on close() and at the end of an `await using` block", async () => {
    const closed = await startCredentialServer({ provider: async () => CREDENTIALS });
    await closed.close();
    let port: number;
    {
      await using disposed = await startCredentialServer({ provider: async () => CREDENTIALS });
      port = Number(new URL(disposed.url).port);
      expect(await connects("127.0.0.1", port)).toBe(true);
    }
    expect(await connects("127.0.0.1", Number(new URL(closed.url).port))).toBe(false);
    expect(await connects("127.0.0.1", port)).toBe(false);
  });

  it("reports a failed resolution as a 500 with the error's code and message, and logs it, never a secret", async () => {
    const log = captureLogger();
    const failure = new ProfileConfigError(`profile "admin": source_profile "base" does not exist`, { code: "SOURCE_PROFILE_NOT_FOUND", profile: "admin" });
    const server = await serve({ provider: async () => Promise.reject(failure), logger: log.logger });
    const response = await get(server);
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ Code: "SOURCE_PROFILE_NOT_FOUND", Message: failure.message });
    expect(log.lines.warn.join("\n")).toContain("SOURCE_PROFILE_NOT_FOUND");
    expectNoSecrets([body, log.all()], [server.env.AWS_CONTAINER_AUTHORIZATION_TOKEN]);
  });

  it("shares one call of a ready provider that is not memoized among concurrent requests", async () => {
    let calls = 0;
    const server = await serve({
      provider: async () => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return CREDENTIALS;
      },
    });
    const statuses = await Promise.all(Array.from({ length: 20 }, () => get(server).then((r) => r.status)));
    expect(statuses).toEqual(Array(20).fill(200));
    expect(calls).toBe(1);
  });
});

describe("startCredentialServer with the provider's options, against the STS emulator", () => {
  let world: RoleWorld;
  beforeAll(async () => {
    world = await startRoleWorld({ roles: [openRole("Admin")] });
    await world.config(`[profile admin]\nrole_arn = ${role("Admin")}\nsource_profile = base\n`);
  });
  afterAll(() => world?.close());

  it("shares one AssumeRole among 100 concurrent cold requests and serves the role's session", async () => {
    const server = await serve({
      profile: "admin",
      configFilepath: join(world.home, ".aws", "config"),
      filepath: join(world.home, ".aws", "credentials"),
      cache: false,
      clientConfig: { endpoint: world.sts.endpoint, region: "us-east-1", maxAttempts: 1 },
      logger: world.log.logger,
    });
    const bodies = await Promise.all(Array.from({ length: 100 }, () => get(server).then((r) => r.json() as Promise<Record<string, string>>)));
    expect(world.sts.callsTo("AssumeRole")).toHaveLength(1);
    const issued = world.sts.callsTo("AssumeRole")[0]?.issuedAccessKeyId;
    expect(new Set(bodies.map((body) => body.AccessKeyId))).toEqual(new Set([issued]));
    expect(bodies[0]).toMatchObject({ AccessKeyId: expect.stringMatching(/^ASIAEMU/), Token: expect.any(String), Expiration: expect.stringMatching(/Z$/) });
    expect(bodies[0]?.AccountId).toBe(ACCOUNT);
  });
});

// --- internal ---

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
