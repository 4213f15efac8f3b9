// Expired credentials are never handed out, whatever their source: the memo refuses them with
// CREDENTIALS_EXPIRED naming the expiry, the provider does so for environment keys with an old
// AWS_CREDENTIAL_EXPIRATION (the state of a shell an hour after `eval "$(... export)"`), and the CLI's
// export and credential-process exit 1 with one line on stderr and nothing on stdout.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ProfileCredentialsError } from "../../src/errors.js";
import { DEFAULT_REFRESH_WINDOWS } from "../../src/refresh/refresh-policy.js";
import { createRefreshingProvider } from "../../src/refresh/refreshing-provider.js";
import { assertBuilt, cliEnv, runCli } from "../cli/cli-process.js";
import { captureLogger } from "../support/capture-logger.js";
import { FakeClock } from "../support/fake-clock.js";
import { startRoleWorld, type RoleWorld } from "../support/role-world.js";

const OLD = "2001-01-01T00:00:00Z";
const OLD_SHOWN = "2001-01-01T00:00:00.000Z";
const ENV_KEYS = { AWS_ACCESS_KEY_ID: "ASIAOLD0000000000001", AWS_SECRET_ACCESS_KEY: "expired-canary-secret", AWS_SESSION_TOKEN: "expired-canary-token" };

function memo(clock: FakeClock, expiresIn: () => number) {
  let fetches = 0;
  const provider = createRefreshingProvider(
    async () => {
      fetches += 1;
      return { accessKeyId: `ASIA${fetches}`, secretAccessKey: "s", sessionToken: "t", expiration: new Date(clock.now() + expiresIn()) };
    },
    { clock, random: () => 0, logger: captureLogger().logger, windows: DEFAULT_REFRESH_WINDOWS },
  );
  return { provider, fetches: () => fetches };
}

describe("the memo", () => {
  it("refuses credentials that are already expired when the source hands them over, naming the expiry", async () => {
    const clock = new FakeClock();
    for (const offset of [-1, 0]) {
      const error = (await memo(clock, () => offset).provider().catch((e: unknown) => e)) as ProfileCredentialsError;
      expect(error).toBeInstanceOf(ProfileCredentialsError);
      expect(error.code).toBe("CREDENTIALS_EXPIRED");
      expect(error.message).toContain(`expired at ${new Date(clock.now() + offset).toISOString()}`);
    }
  });

  it("never serves memoized credentials past their expiry when the source keeps handing back expired ones", async () => {
    const clock = new FakeClock();
    let lifetime = 60 * 60_000;
    const { provider, fetches } = memo(clock, () => lifetime);
    await expect(provider()).resolves.toMatchObject({ accessKeyId: "ASIA1" });
    lifetime = -1;
    await clock.advance(61 * 60_000);
    await expect(provider()).rejects.toMatchObject({ code: "CREDENTIALS_EXPIRED" });
    expect(fetches()).toBe(2);
  });
});

describe("environment keys with AWS_CREDENTIAL_EXPIRATION", () => {
  let world: RoleWorld;
  beforeAll(async () => {
    assertBuilt();
    world = await startRoleWorld();
  });
  afterAll(() => world.close());

  it("fail the provider with CREDENTIALS_EXPIRED once expired, and are returned before", async () => {
    for (const [name, value] of Object.entries(ENV_KEYS)) vi.stubEnv(name, value);
    vi.stubEnv("AWS_CREDENTIAL_EXPIRATION", OLD);
    const error = (await world.provider({}, { env: { ...ENV_KEYS, AWS_CREDENTIAL_EXPIRATION: OLD } })().catch((e: unknown) => e)) as ProfileCredentialsError;
    expect(error.code).toBe("CREDENTIALS_EXPIRED");
    expect(error.message).toContain(OLD_SHOWN);
    expect(error.message).not.toContain(ENV_KEYS.AWS_SECRET_ACCESS_KEY);

    const later = new Date(Date.now() + 3_600_000).toISOString();
    vi.stubEnv("AWS_CREDENTIAL_EXPIRATION", later);
    const fresh = await world.provider({}, { env: { ...ENV_KEYS, AWS_CREDENTIAL_EXPIRATION: later } })();
    expect(fresh).toMatchObject({ accessKeyId: ENV_KEYS.AWS_ACCESS_KEY_ID, expiration: new Date(later) });
  });

  it.each([["export"], ["credential-process"]])("make `%s` exit 1 with one line naming the expiry and nothing on stdout", async (command) => {
    const run = await runCli([command], cliEnv(world, { ...ENV_KEYS, AWS_CREDENTIAL_EXPIRATION: OLD }));
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(new RegExp(`^aws-profile-credentials: CREDENTIALS_EXPIRED: .*expired at ${OLD_SHOWN.replaceAll(".", "\\.")}.*\\n$`));
    expect(run.stderr.split("\n")).toHaveLength(2);
    expect(run.stderr).not.toContain(ENV_KEYS.AWS_SECRET_ACCESS_KEY);
  });
});
