// Hardening, area 5: canary secrets through the disk-cache paths (which test/integration/no-secrets.test.ts,
// on the memory cache, does not reach) with a logger at its most verbose level, STS faults of every kind,
// the CLI's `explain` and its stderr; and the permissions of the AWS CLI cache (0600 files, 0700 directory).
// The secrets may appear only in the credentials the caller asked for (and in the cache file, the AWS CLI's
// documented place for them).
import { chmod, mkdir, readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSessionCache } from "../../src/cache/cache-settings.js";
import { resolveCacheSettings } from "../../src/resolve/settings.js";
import { systemClock } from "../../src/runtime/clock.js";
import { assertBuilt, cliEnv, runCli } from "../cli/cli-process.js";
import { errorTexts, expectNoSecrets } from "../support/no-secrets.js";
import { BASE, MFA_SERIAL, openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";
import type { StsFault } from "../../src/testing/index.js";

const MFA_CODE = "836104";
let world: RoleWorld;
let cacheDir: string;

beforeEach(async () => {
  world = await startRoleWorld({ roles: [openRole("Admin"), openRole("Mfa", { mfaRequired: true }), { arn: role("Nope"), trust: [] }] });
  await world.config(
    `[profile r]\nrole_arn = ${role("Admin")}\nsource_profile = base\n` +
      `[profile m]\nrole_arn = ${role("Mfa")}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\n` +
      `[profile denied]\nrole_arn = ${role("Nope")}\nsource_profile = base\n` +
      `[profile partial]\nrole_arn = ${role("Admin")}\nsource_profile = half\n[profile half]\naws_secret_access_key = ${BASE.secretAccessKey}\n`,
  );
  world.sts.addMfaCodes(MFA_SERIAL, [MFA_CODE]);
  cacheDir = join(world.home, ".aws", "cli", "cache");
});
afterEach(() => world.close());

/** A provider on the real disk cache (memory in front of ~/.aws/cli/cache) rather than the world's memory cache. */
function diskProvider(options: Parameters<RoleWorld["provider"]>[0] = {}) {
  const cache = createSessionCache(resolveCacheSettings({ cacheDir }, world.env), world.log.logger, systemClock);
  return world.provider(options, { cache });
}

describe("canary secrets on the disk-cache paths", () => {
  it("appear only in the returned credentials and the cache file, across success, faults, errors, trace logging and the CLI", async () => {
    const texts: string[] = [];
    const secrets: (string | undefined)[] = [BASE.secretAccessKey, MFA_CODE];

    const good = await diskProvider({ profile: "r" })();
    const mfa = await diskProvider({ profile: "m", mfaCodeProvider: async () => MFA_CODE })();
    secrets.push(good.secretAccessKey, good.sessionToken, mfa.secretAccessKey, mfa.sessionToken);
    // A second process-like provider reads both from disk.
    expect((await diskProvider({ profile: "r" })()).accessKeyId).toBe(good.accessKeyId);

    const faults: StsFault[] = [
      { code: "Throttling" },
      { code: "InternalFailure", status: 500 },
      { code: "ExpiredToken" },
      { code: "AccessDenied" },
      { drop: true },
    ];
    for (const fault of faults) {
      world.sts.failNext(fault);
      texts.push(...errorTexts(await diskProvider({ profile: "r" })({ forceRefresh: true } as never).catch((e: unknown) => e)));
    }
    for (const profile of ["denied", "partial", "missing"]) {
      texts.push(...errorTexts(await diskProvider({ profile })().catch((e: unknown) => e)));
    }
    texts.push(...errorTexts(await diskProvider({ profile: "m", mfaCodeProvider: async () => "000000" })({ forceRefresh: true } as never).catch((e: unknown) => e)));
    // A cache entry that is corrupt in the middle of a secret: the warning must not quote it.
    const [entry] = (await readdir(cacheDir)).filter((n) => n.endsWith(".json"));
    const text = await readFile(join(cacheDir, entry!), "utf8");
    await import("node:fs/promises").then((fs) => fs.writeFile(join(cacheDir, entry!), text.slice(0, text.indexOf("SecretAccessKey") + 30)));
    await diskProvider({ profile: "r" })();
    await diskProvider({ profile: "m", mfaCodeProvider: async () => MFA_CODE })().catch(() => undefined);

    // Every level was recorded, trace and debug included (the most verbose logger), and the debug log
    // really followed the secrets' path: plans, cache hits, STS calls, MFA, new sessions.
    texts.push(world.log.all());
    expect(world.log.lines.warn.join("\n")).toContain("Ignoring the AWS CLI cache file");
    const debugLog = world.log.lines.debug.join("\n");
    for (const step of ["profile chain r -> base", "calling AssumeRole", "needs an MFA code for", "new session until", "cached session", "credentials until"]) {
      expect(debugLog).toContain(step);
    }

    // The CLI: explain (plan and cache status) and the stderr of failures.
    assertBuilt();
    const env = cliEnv(world);
    const explain = await runCli(["explain", "-p", "r"], env);
    const explainJson = await runCli(["explain", "--json", "-p", "m"], env);
    const denied = await runCli(["export", "-p", "denied", "--debug"], env);
    const partial = await runCli(["export", "-p", "partial", "--debug"], env);
    // --debug on success: stdout holds the credentials the user asked for; stderr must hold none of them.
    const exported = await runCli(["export", "-f", "json", "-p", "r", "--debug", "--no-cache"], env);
    const explainDebug = await runCli(["explain", "-p", "m", "--debug"], env);
    expect(exported.status).toBe(0);
    const printed = JSON.parse(exported.stdout) as Record<string, string>;
    expect(printed.AWS_SECRET_ACCESS_KEY).toMatch(/.{20,}/);
    expect(printed.AWS_SESSION_TOKEN).toMatch(/.{20,}/);
    secrets.push(printed.AWS_SECRET_ACCESS_KEY, printed.AWS_SESSION_TOKEN);
    expect(exported.stderr).toContain("calling AssumeRole");
    // Without --debug, stderr carries warnings and errors only.
    const quiet = await runCli(["export", "-p", "r", "--no-cache"], env);
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).not.toContain("calling AssumeRole");
    texts.push(exported.stderr, explainDebug.stdout, explainDebug.stderr);
    expect(explain.status).toBe(0);
    expect(denied.status).toBe(1);
    expect(denied.stderr).toContain("AccessDenied");
    texts.push(explain.stdout, explain.stderr, explainJson.stdout, explainJson.stderr, denied.stdout, denied.stderr, partial.stdout, partial.stderr);

    expect(texts.join("\n")).toContain(role("Admin"));
    expectNoSecrets(texts, secrets);
  });
});

describe("cache permissions", () => {
  it("creates the cache directory 0700 and every entry 0600, with no temp files left behind", async () => {
    await diskProvider({ profile: "r" })();
    await diskProvider({ profile: "m", mfaCodeProvider: async () => MFA_CODE })();
    expect((await stat(cacheDir)).mode & 0o777).toBe(0o700);
    const names = await readdir(cacheDir);
    expect(names.filter((n) => n.endsWith(".json"))).toHaveLength(2);
    expect(names.filter((n) => n.endsWith(".tmp"))).toEqual([]);
    for (const name of names.filter((n) => n.endsWith(".json"))) {
      expect((await stat(join(cacheDir, name))).mode & 0o777, name).toBe(0o600);
    }
  });

  it("keeps new entries 0600 even under a permissive umask-made directory it did not create", async () => {
    await mkdir(cacheDir, { recursive: true });
    await chmod(cacheDir, 0o755);
    await diskProvider({ profile: "r" })();
    const [name] = (await readdir(cacheDir)).filter((n) => n.endsWith(".json"));
    expect((await stat(join(cacheDir, name!))).mode & 0o777).toBe(0o600);
    // An existing directory keeps its mode (the AWS CLI's behaviour): it is the user's.
    expect((await stat(cacheDir)).mode & 0o777).toBe(0o755);
  });
});
