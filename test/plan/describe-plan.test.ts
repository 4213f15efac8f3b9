// describePlan() and formatPlanDescription(): the redacted plan `explain` prints, pinned line by line.
import { describe, expect, it } from "vitest";
import {
  describePlan,
  formatDurationMs,
  formatPlanDescription,
  maskAccessKeyId,
  type HopCacheStatus,
} from "../../src/plan/describe-plan.js";
import type { AssumeRoleStep, Plan, WebIdentityStep } from "../../src/plan/steps.js";

const SECRET = "CANARY-secret-describe-0001";
const TOKEN = "CANARY-token-describe-0001";
const ADMIN = "arn:aws:iam::123456789012:role/Admin";
const MID = "arn:aws:iam::123456789012:role/Mid";
const SERIAL = "arn:aws:iam::111111111111:mfa/alice";
const FILE = (key: string) => `/home/me/.aws/cli/cache/${key}.json`;

const chain: Plan = {
  profile: "admin",
  chain: ["admin", "mid", "base"],
  base: { kind: "staticKeys", profile: "base", accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: SECRET, sessionToken: TOKEN },
  roles: [
    { kind: "assumeRole", profile: "mid", roleArn: MID },
    { kind: "assumeRole", profile: "admin", roleArn: ADMIN, mfaSerial: SERIAL, externalId: "ext-42", roleSessionName: "alice", durationSeconds: 3600 },
  ],
  region: "eu-west-1",
  warnings: ["profile \"mid\": duration_seconds \"1h\" is not a whole number; ignored"],
};

const webIdentity: Plan = {
  profile: "web",
  chain: ["web"],
  base: { kind: "webIdentity", profile: "web", roleArn: ADMIN, tokenFile: "/var/run/token" },
  roles: [],
  warnings: [],
};

const NOW = Date.UTC(2026, 10, 22, 3, 0, 0);

function statuses(map: Map<string, HopCacheStatus>) {
  return (step: AssumeRoleStep | WebIdentityStep) => map.get(step.profile);
}

describe(describePlan.name, () => {
  it("lists the base step first and the outermost role last, without secrets", () => {
    const description = describePlan(chain);
    expect(description.steps.map((step) => [step.index, step.kind, step.profile])).toEqual([
      [1, "staticKeys", "base"],
      [2, "assumeRole", "mid"],
      [3, "assumeRole", "admin"],
    ]);
    expect(description.steps[0]).toEqual({ index: 1, kind: "staticKeys", profile: "base", accessKeyId: "AKIA…MPLE", sessionToken: true });
    expect(description.steps[2]).toMatchObject({ mfaSerial: SERIAL, externalId: "ext-42", roleSessionName: "alice", durationSeconds: 3600 });
    const json = JSON.stringify(description);
    expect(json).not.toContain(SECRET);
    expect(json).not.toContain(TOKEN);
    expect(json).not.toContain("AKIAIOSFODNN7EXAMPLE");
  });

  it("attaches the cache status of each hop the lookup knows", () => {
    const usable: HopCacheStatus = { state: "usable", key: "k".repeat(40), file: FILE("k".repeat(40)), expiresAt: NOW + 3_600_000, usableForMs: 2_700_000 };
    const description = describePlan(chain, statuses(new Map([["admin", usable]])));
    expect(description.steps[2]).toMatchObject({ cache: usable });
    expect(description.steps[1]).not.toHaveProperty("cache");
  });
});

describe(formatPlanDescription.name, () => {
  it("prints a role chain in the documented format", () => {
    const none: HopCacheStatus = { state: "none", key: "a".repeat(40), file: FILE("a".repeat(40)) };
    const usable: HopCacheStatus = {
      state: "usable",
      key: "b".repeat(40),
      file: FILE("b".repeat(40)),
      expiresAt: NOW + 3_252_000 + 900_000,
      usableForMs: 3_252_000,
      accessKeyId: "ASIA…0001",
    };
    const lines = formatPlanDescription(describePlan(chain, statuses(new Map([["mid", none], ["admin", usable]]))), {
      enabled: true,
      dir: "/home/me/.aws/cli/cache",
      minRemainingMs: 900_000,
    });
    expect(lines).toEqual([
      "profile: admin",
      "region: eu-west-1",
      "chain: admin -> mid -> base",
      '1. static keys of profile "base": access key AKIA…MPLE with a session token',
      `2. assume role ${MID} (profile "mid")`,
      "     role_session_name: (generated)",
      "     duration_seconds: (STS default, 1 hour)",
      "     cache: none",
      `     cache file: ${FILE("a".repeat(40))}`,
      `3. assume role ${ADMIN} (profile "admin")`,
      `     mfa_serial: ${SERIAL}`,
      "     external_id: ext-42",
      "     role_session_name: alice",
      "     duration_seconds: 3600",
      "     cache: usable for 54m 12s, until 2026-11-22T04:09:12Z (ASIA…0001)",
      `     cache file: ${FILE("b".repeat(40))}`,
      "cache: /home/me/.aws/cli/cache (a session is used while at least 15m 00s of it is left)",
      'warning: profile "mid": duration_seconds "1h" is not a whole number; ignored',
    ]);
  });

  it.each<[string, HopCacheStatus, string]>([
    ["unusable", { state: "unusable", key: "c", file: "f", expiresAt: NOW, reason: "9m 00s left, less than the 15m 00s a cached session must have" }, "cache: unusable: 9m 00s left, less than the 15m 00s a cached session must have"],
    ["expired", { state: "expired", key: "c", file: "f", expiresAt: NOW }, "cache: expired at 2026-11-22T03:00:00Z"],
    ["disabled", { state: "disabled", key: "c", file: "f" }, "cache: disabled"],
    ["corrupt", { state: "unusable", key: "c", file: "f", reason: "the file is not valid JSON" }, "cache: unusable: the file is not valid JSON"],
  ])("prints a %s cache entry", (_name, status, line) => {
    const lines = formatPlanDescription(describePlan(webIdentity, () => status));
    expect(lines).toContain(`     ${line}`);
  });

  it("prints a web identity base and says when the disk cache is off", () => {
    const status: HopCacheStatus = { state: "disabled", key: "d".repeat(40), file: FILE("d".repeat(40)) };
    const lines = formatPlanDescription(describePlan(webIdentity, () => status), { enabled: false, dir: "/c", minRemainingMs: 900_000 });
    expect(lines).toEqual([
      "profile: web",
      "chain: web",
      `1. assume role ${ADMIN} with web identity (profile "web")`,
      "     web_identity_token_file: /var/run/token",
      "     role_session_name: (generated)",
      "     cache: disabled",
      `     cache file: ${FILE("d".repeat(40))}`,
      "cache: disabled (/c is neither read nor written)",
    ]);
  });

  it("says a web identity below a role is not cached, and names SDK and credential sources", () => {
    const nested: Plan = { ...webIdentity, chain: ["top", "web"], profile: "top", roles: [{ kind: "assumeRole", profile: "top", roleArn: MID }] };
    expect(formatPlanDescription(describePlan(nested))).toContain(
      "     cache: not cached (a web identity below a role is not cached, as in the AWS CLI)",
    );
    const sso: Plan = { ...nested, base: { kind: "sdkProfile", profile: "corp", via: "sso" } };
    expect(formatPlanDescription(describePlan(sso))[2]).toBe('1. SSO of profile "corp", resolved by the AWS SDK');
    const imds: Plan = { ...nested, base: { kind: "credentialSource", profile: "top", source: "Ec2InstanceMetadata" } };
    expect(formatPlanDescription(describePlan(imds))[2]).toBe('1. credential_source Ec2InstanceMetadata of profile "top"');
  });
});

describe(maskAccessKeyId.name, () => {
  it.each([
    ["AKIAIOSFODNN7EXAMPLE", "AKIA…MPLE"],
    ["ASIAEMU0000000000001", "ASIA…0001"],
    ["AKIDSHORT", "AKID…"],
    ["", "…"],
  ])("masks %j as %j", (id, masked) => {
    expect(maskAccessKeyId(id)).toBe(masked);
  });
});

describe(formatDurationMs.name, () => {
  it.each([
    [0, "0s"],
    [12_999, "12s"],
    [3_252_000, "54m 12s"],
    [3_900_000, "1h 05m"],
    [-5_000, "0s"],
  ])("formats %d ms as %j", (ms, text) => {
    expect(formatDurationMs(ms)).toBe(text);
  });
});
