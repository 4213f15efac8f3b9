// The MFA session decision in the resolution (docs/semantics.md §5.5), pure: the switches and their
// errors, which device, key and file, which hops drop their SerialNumber, the 1-hour clamp, the skipped
// cases, and keys that can never be the AWS CLI's.
import { describe, expect, it } from "vitest";
import { assumeRoleCacheKey, mfaRoleCacheKey, mfaSessionCacheKey } from "../../src/cache/cache-key.js";
import { resolveFromProfiles, type PlanResolution, type Resolution } from "../../src/resolve/resolve-profile.js";
import { resolveMfaSessionSettings, resolveSettings, type SettingsOptions } from "../../src/resolve/settings.js";

const DIR = "/home/me/.aws/cli/cache";
const DEVICE = "arn:aws:iam::111111111111:mfa/alice";
const OTHER = "arn:aws:iam::111111111111:mfa/other";
const role = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
const KEYS = { aws_access_key_id: "AKIAALICE00000000001", aws_secret_access_key: "alice-secret-canary" };
const PROFILES = {
  base: { ...KEYS },
  temp: { ...KEYS, aws_session_token: "token-canary" },
  a: { role_arn: role("A"), source_profile: "base", mfa_serial: DEVICE, duration_seconds: "7200" },
  b: { role_arn: role("B"), source_profile: "a", mfa_serial: DEVICE, role_session_name: "bee" },
  c: { role_arn: role("C"), source_profile: "b", mfa_serial: OTHER },
  plain: { role_arn: role("P"), source_profile: "base" },
  t: { role_arn: role("A"), source_profile: "temp", mfa_serial: DEVICE },
  user: { ...KEYS, mfa_serial: DEVICE },
  sso: { role_arn: role("A"), source_profile: "ssobase", mfa_serial: DEVICE },
  ssobase: { sso_session: "corp", sso_account_id: "111111111111", sso_role_name: "Dev" },
};

function resolve(name: string, options: SettingsOptions = { mfaSession: true }): Resolution {
  return resolveFromProfiles(PROFILES, { kind: "profile", name, explicit: true }, resolveSettings({ cacheDir: DIR, ...options }, {}));
}
const plan = (name: string, options?: SettingsOptions) => resolve(name, options) as PlanResolution;

describe("MFA session settings", () => {
  it.each([
    [{}, {}, undefined],
    [{ mfaSession: true }, {}, { durationSeconds: 43200, renew: false }],
    [{ mfaSession: false }, { AWS_PROFILE_CREDENTIALS_MFA_SESSION: "on" }, undefined],
    [{ mfaSession: { durationSeconds: 900, renew: true } }, {}, { durationSeconds: 900, renew: true }],
    [{}, { AWS_PROFILE_CREDENTIALS_MFA_SESSION: "On" }, { durationSeconds: 43200, renew: false }],
    [{}, { AWS_PROFILE_CREDENTIALS_MFA_SESSION: "129600" }, { durationSeconds: 129600, renew: false }],
    [{}, { AWS_PROFILE_CREDENTIALS_MFA_SESSION: "off" }, undefined],
  ] as const)("%j with %j -> %j", (options, env, expected) => {
    expect(resolveMfaSessionSettings(options as SettingsOptions, env)).toEqual(expected);
  });

  it.each([
    [{ mfaSession: { durationSeconds: 899 } }, {}, "mfaSession.durationSeconds"],
    [{ mfaSession: { durationSeconds: 129601 } }, {}, "mfaSession.durationSeconds"],
    [{ mfaSession: { durationSeconds: 1000.5 } }, {}, "mfaSession.durationSeconds"],
    [{}, { AWS_PROFILE_CREDENTIALS_MFA_SESSION: "600" }, "AWS_PROFILE_CREDENTIALS_MFA_SESSION"],
    [{}, { AWS_PROFILE_CREDENTIALS_MFA_SESSION: "12h" }, "AWS_PROFILE_CREDENTIALS_MFA_SESSION"],
  ] as const)("rejects %j %j naming %s", (options, env, key) => {
    expect(() => resolveMfaSessionSettings(options as SettingsOptions, env)).toThrow(expect.objectContaining({ code: "INVALID_DURATION_SECONDS", key }));
  });
});

describe("MFA session in the resolution", () => {
  it("is absent when off: hops keep the AWS CLI's keys and their SerialNumber", () => {
    const off = plan("b", {});
    expect(off.mfaSession).toBeUndefined();
    expect(off.hops.map((h) => h.key)).toEqual([
      assumeRoleCacheKey({ RoleArn: role("A"), SerialNumber: DEVICE, DurationSeconds: 7200 }),
      assumeRoleCacheKey({ RoleArn: role("B"), SerialNumber: DEVICE, RoleSessionName: "bee" }),
    ]);
  });

  it("names the device, the long-term key id, the key and file, and the hops that use it", () => {
    const on = plan("c");
    const key = mfaSessionCacheKey({ AccessKeyId: KEYS.aws_access_key_id, SerialNumber: DEVICE });
    expect(key).toMatch(/^mfa-session-[0-9a-f]{40}$/);
    expect(on.mfaSession).toMatchObject({ serial: DEVICE, profile: "base", accessKeyId: KEYS.aws_access_key_id, durationSeconds: 43200, key, file: `${DIR}/${key}.json` });
    expect(on.mfaSession?.hops.map((h) => h.profile)).toEqual(["a", "b", "c"]);
    expect(on.mfaSession?.withoutCode.map((h) => h.profile)).toEqual(["a", "b"]);
    // a and b drop the device's SerialNumber; c keeps its other device; only the first hop is clamped.
    expect(on.hops.map((h) => h.request)).toEqual([
      { RoleArn: role("A"), DurationSeconds: 3600 },
      { RoleArn: role("B"), RoleSessionName: "bee" },
      { RoleArn: role("C"), SerialNumber: OTHER },
    ]);
    expect(on.plan.warnings).toEqual([expect.stringContaining('DurationSeconds 7200 of profile "a" is lowered to 3600')]);
  });

  it("gives every hop a key the AWS CLI never computes, neither for the request as configured nor as sent", () => {
    const on = plan("b");
    const off = plan("b", {});
    on.hops.forEach((hop, i) => {
      expect(hop.key).toMatch(/^mfa-role-[0-9a-f]{40}$/);
      expect(hop.key).toBe(mfaRoleCacheKey(hop.request, DEVICE));
      expect(hop.key).not.toBe(off.hops[i]!.key);
      expect(hop.key.slice("mfa-role-".length)).not.toBe(assumeRoleCacheKey(hop.request));
      expect(hop.file).toBe(`${DIR}/${hop.key}.json`);
    });
    // The key never holds a secret, and differs per device and per key id.
    expect(mfaSessionCacheKey({ AccessKeyId: "AKIAOTHER", SerialNumber: DEVICE })).not.toBe(on.mfaSession?.key);
    expect(mfaSessionCacheKey({ AccessKeyId: KEYS.aws_access_key_id, SerialNumber: OTHER })).not.toBe(on.mfaSession?.key);
  });

  it("is not used for a chain that needs no device", () => {
    const p = plan("plain");
    expect(p.mfaSession).toBeUndefined();
    expect(p.hops[0]?.key).toBe(assumeRoleCacheKey({ RoleArn: role("P") }));
  });

  it.each([
    ["t", "temporary keys (with a session token)"],
    ["sso", "SSO, credential_process or login credentials"],
  ])("is skipped with a warning for %s, whose base is not long-term keys", (name, what) => {
    const p = plan(name);
    expect(p.mfaSession).toBeUndefined();
    expect(p.hops[0]?.request.SerialNumber).toBe(DEVICE);
    expect(p.plan.warnings).toEqual([expect.stringContaining(what)]);
    expect(p.plan.warnings[0]).toContain("GetSessionToken needs long-term IAM user keys");
  });

  it("makes static keys with mfa_serial a plan of their own only when on", () => {
    expect(resolve("user", {}).kind).toBe("delegate");
    const on = plan("user");
    expect(on.kind).toBe("plan");
    expect(on.plan.roles).toEqual([]);
    expect(on.plan.base).toMatchObject({ kind: "staticKeys", profile: "user" });
    expect(on.mfaSession).toMatchObject({ serial: DEVICE, profile: "user", hops: [] });
  });
});
