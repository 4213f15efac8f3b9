// inspectProfile() and a real fetch share one resolution, so they must name the same cache files. For
// every role-profile row of the plan-case fixtures, the row's files are written to a temp HOME, the
// emulator on 127.0.0.1 gets the row's users and roles, and a fetch through the real SDK STS client writes
// the AWS CLI disk cache; the files inspectProfileWith() named beforehand are exactly the files written.
// Static keys sign for real; web identity tokens come through the fs seam (the rows name paths like
// /var/run/token); the sources the SDK's own providers serve (environment, instance metadata, containers,
// SSO, processes) through the injected base. Two kinds of row STS itself would refuse (a session key
// ASIA... as a long-term user, an external_id with characters outside STS's pattern) get a scripted STS
// client instead: what they test is the key, not the call.
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createProvider } from "../../src/from-profile-with-role-assumption.js";
import { inspectProfileWith } from "../../src/inspect/inspect-profile-with.js";
import type { BaseStep, Plan } from "../../src/plan/steps.js";
import { systemClock } from "../../src/runtime/clock.js";
import { defaultDeps } from "../../src/runtime/deps.js";
import { nodeFileSystem } from "../../src/runtime/fs.js";
import type { StsClient, StsSession } from "../../src/runtime/sts.js";
import { startLocalSts, type StsUser } from "../../src/testing/index.js";
import { captureLogger } from "../support/capture-logger.js";
import { planCases } from "../support/plan-cases.js";
import { noTerminal } from "../support/role-world.js";
import { removeTempDirs, tempDir } from "../support/sandbox-home.js";

const rows = planCases<{ plan?: { base: BaseStep; roles: Plan["roles"] } }>()
  .filter((row) => row.expect.plan !== undefined && row.expect.plan.roles.length + (row.expect.plan.base.kind === "webIdentity" ? 1 : 0) > 0);

const INJECTED: StsUser = { accessKeyId: "AKIDINJECTED00000001", secretAccessKey: "injected-secret", arn: "arn:aws:iam::111111111111:user/injected" };
const TOKEN = "web-identity-token";
const MFA_CODE = "123456";

afterAll(removeTempDirs);

describe("inspectProfile() and a fetch", () => {
  it("cover at least 25 role-profile rows", () => {
    expect(rows.length).toBeGreaterThanOrEqual(25);
  });

  it.each(rows.map((row) => [row.docs, row] as const))("name the same cache files: %s", async (_docs, row) => {
    const plan = row.expect.plan as { base: BaseStep; roles: Plan["roles"] };
    const home = await tempDir("apc-agree-");
    const configFilepath = join(home, "config");
    const filepath = join(home, "credentials");
    await writeFile(configFilepath, `${(row.config ?? []).join("\n")}\n`);
    await writeFile(filepath, `${(row.credentials ?? []).join("\n")}\n`);
    const cacheDir = join(home, "cache");

    const users = [INJECTED];
    if (plan.base.kind === "staticKeys" && !plan.base.accessKeyId.startsWith("ASIA")) {
      users.push({ accessKeyId: plan.base.accessKeyId, secretAccessKey: plan.base.secretAccessKey, arn: "arn:aws:iam::111111111111:user/row" });
    }
    const serials = [...new Set(plan.roles.flatMap((hop) => (hop.mfaSerial ? [hop.mfaSerial] : [])))];
    const sts = await startLocalSts({
      users,
      roles: [
        ...plan.roles.map((hop) => ({ arn: hop.roleArn, trust: "*" as const, maxSessionDuration: 43200 })),
        ...(plan.base.kind === "webIdentity" ? [{ arn: plan.base.roleArn, maxSessionDuration: 43200, webIdentity: { acceptedTokens: [TOKEN] } }] : []),
      ],
      mfaDevices: serials.map((serial) => ({ serial, codes: Array.from({ length: 8 }, () => MFA_CODE) })),
    });
    try {
      const env = { HOME: home, ...row.env };
      const options = {
        // A row planned with explicit false outside "default" stands for any selection of that profile.
        ...(row.explicit || row.selected !== "default" ? { profile: row.selected } : {}),
        filepath,
        configFilepath,
        cacheDir,
        clientConfig: { endpoint: sts.endpoint, region: "eu-west-1", maxAttempts: 1 },
        mfaCodeProvider: async () => MFA_CODE,
      };
      const tokenFile = plan.base.kind === "webIdentity" ? plan.base.tokenFile : undefined;
      const fs = {
        ...nodeFileSystem,
        readFile: (path: string, read?: { maxBytes?: number }) => (path === tokenFile ? Promise.resolve(Buffer.from(TOKEN)) : nodeFileSystem.readFile(path, read)),
      };

      const inspection = await inspectProfileWith(options, { env, clock: systemClock, fs });
      expect(inspection.resolution).toBe("plan");
      const named = inspection.resolution === "plan" ? inspection.steps.flatMap((step) => ("cache" in step && step.cache ? [step.cache.file] : [])) : [];
      expect(named.length).toBeGreaterThan(0);

      const log = captureLogger();
      const provider = createProvider(options, {
        ...defaultDeps(log.logger),
        env,
        fs,
        prompter: noTerminal,
        sdkSource: async () => ({ accessKeyId: INJECTED.accessKeyId, secretAccessKey: INJECTED.secretAccessKey }),
        ...(refusedBySts(plan) ? { createSts: async () => scriptedSts() } : {}),
      });
      await provider();
      const written = (await readdir(cacheDir)).filter((name) => name.endsWith(".json")).map((name) => join(cacheDir, name));
      expect(written.sort()).toEqual([...new Set(named)].sort());
    } finally {
      await sts.close();
    }
  });
});

// --- internal ---

const STS_EXTERNAL_ID = /^[\w+=,.@:/-]*$/;

function refusedBySts(plan: { base: BaseStep; roles: Plan["roles"] }): boolean {
  const sessionKeyAsUser = plan.base.kind === "staticKeys" && plan.base.accessKeyId.startsWith("ASIA");
  return sessionKeyAsUser || plan.roles.some((hop) => hop.externalId !== undefined && !STS_EXTERNAL_ID.test(hop.externalId));
}

function scriptedSts(): StsClient {
  let issued = 0;
  const session = async (): Promise<StsSession> => ({
    credentials: { accessKeyId: `ASIASCRIPTED${++issued}`, secretAccessKey: "s", sessionToken: "t", expiration: new Date(Date.now() + 3_600_000) },
  });
  return { assumeRole: session, assumeRoleWithWebIdentity: session };
}
