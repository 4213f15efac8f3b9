import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCacheEntry, parseCacheExpiration, serializeCacheEntry } from "../../src/cache/cache-entry.js";
import type { StsSession } from "../../src/runtime/sts.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/cli-cache/${name}`, import.meta.url), "utf8");

function parsed(text: string): StsSession {
  const entry = parseCacheEntry(text);
  if ("error" in entry) throw new Error(entry.error);
  return entry;
}

describe(parseCacheEntry.name, () => {
  // [file, accessKeyId, expiration, accountId, extra member names]
  it.each([
    ["cli-v1-z.json", "ASIAFIXTURECLIV1AAAA", "2026-11-22T03:59:39.000Z", "123456789012", []],
    ["cli-v2-offset.json", "ASIAFIXTURECLIV2BBBB", "2026-11-22T03:59:39.000Z", "123456789012", ["PackedPolicySize", "SourceIdentity"]],
    ["boto3-utc.json", "ASIAFIXTUREBOTO3CCCC", "2026-11-22T04:00:04.000Z", "210987654321", []],
    ["fractional-seconds.json", "ASIAFIXTUREFRACDDDD", "2026-11-22T03:59:39.123Z", "123456789012", []],
    ["web-identity.json", "ASIAFIXTUREWEBIEEEE", "2026-11-22T05:00:00.000Z", "123456789012", ["SubjectFromWebIdentityToken", "Provider", "Audience"]],
    ["sso.json", "ASIAFIXTURESSOFFFF", "2026-11-22T06:00:00.000Z", "123456789012", ["ProviderType"]],
    ["minimal.json", "ASIAFIXTUREMINIGGGG", "2026-11-22T03:59:39.000Z", undefined, []],
  ])("reads %s", (file, accessKeyId, expiration, accountId, extraNames) => {
    const session = parsed(fixture(file));
    expect(session.credentials.accessKeyId).toBe(accessKeyId);
    expect(session.credentials.secretAccessKey).toMatch(/^fixture-secret-/);
    expect(session.credentials.sessionToken).toMatch(/^fixture-token-/);
    expect(session.credentials.expiration.toISOString()).toBe(expiration);
    expect(session.credentials.accountId).toBe(accountId);
    expect(Object.keys(session.extra ?? {})).toEqual(extraNames);
  });

  it("keeps the assumed-role user and the request id, and drops the rest of ResponseMetadata", () => {
    const session = parsed(fixture("web-identity.json"));
    expect(session.assumedRoleUser).toEqual({
      AssumedRoleId: "AROAFIXTUREROLEID0003:ci",
      Arn: "arn:aws:sts::123456789012:assumed-role/WebRole/ci",
    });
    expect(session.requestId).toBe("55555555-6666-7777-8888-999999999999");
    expect(session.extra?.SubjectFromWebIdentityToken).toBe("system:serviceaccount:default:josé");
  });

  it.each([
    ["truncated JSON", '{"Credentials": {"AccessKeyId": "AS', "the file is not valid JSON"],
    ["an empty file", "", "the file is empty"],
    ["only whitespace", " \n", "the file is empty"],
    ["an array", "[]", "the file does not hold a JSON object"],
    ["null", "null", "the file does not hold a JSON object"],
    ["no Credentials", '{"AssumedRoleUser": {}}', "Credentials is missing"],
    ["Credentials not an object", '{"Credentials": "x"}', "Credentials is missing"],
    [
      "no Expiration",
      '{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "fixture-secret", "SessionToken": "T"}}',
      "Credentials.Expiration is missing or not a string",
    ],
    [
      "a numeric Expiration",
      '{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": 1795316379}}',
      "Credentials.Expiration is missing or not a string",
    ],
    [
      "no SessionToken",
      '{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "Expiration": "2026-11-22T03:59:39Z"}}',
      "Credentials.SessionToken is missing or not a string",
    ],
    [
      "an unparseable Expiration",
      '{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "fixture-secret", "SessionToken": "T", "Expiration": "tomorrow"}}',
      "Credentials.Expiration is not a supported timestamp",
    ],
  ])("rejects %s without quoting the content", (_docs, text, reason) => {
    expect(parseCacheEntry(text)).toEqual({ error: reason });
  });
});

describe(serializeCacheEntry.name, () => {
  const librarySession: StsSession = {
    credentials: {
      accessKeyId: "ASIAFIXTURELIBHHHH",
      secretAccessKey: "fixture-secret-lib",
      sessionToken: "fixture-token-lib",
      expiration: new Date(Date.UTC(2026, 10, 22, 3, 59, 39)),
    },
    assumedRoleUser: { Arn: "arn:aws:sts::123456789012:assumed-role/Admin/alice", AssumedRoleId: "AROAFIXTUREROLEID0001:alice" },
    requestId: "66666666-7777-8888-9999-000000000000",
    extra: { PackedPolicySize: 6, SourceIdentity: "alice", Note: "café 😀" },
  };

  it("writes the bytes the CLI writes, taking AccountId from the assumed-role ARN", () => {
    expect(serializeCacheEntry(librarySession)).toBe(fixture("written-by-library.json"));
  });

  it("writes Expiration in UTC with whole seconds and a +00:00 offset", () => {
    const text = serializeCacheEntry(parsed(fixture("fractional-seconds.json")));
    const { Credentials } = JSON.parse(text) as { Credentials: { Expiration: string } };
    expect(Credentials.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    expect(Credentials.Expiration).toBe("2026-11-22T03:59:39+00:00");
  });

  it("leaves out what the session does not have", () => {
    const text = serializeCacheEntry({
      credentials: { accessKeyId: "A", secretAccessKey: "S", sessionToken: "T", expiration: new Date(Date.UTC(2026, 0, 1)) },
    });
    expect(text).toBe('{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2026-01-01T00:00:00+00:00"}}');
  });

  it.each(["cli-v1-z.json", "cli-v2-offset.json", "boto3-utc.json", "web-identity.json", "sso.json", "minimal.json", "written-by-library.json"])(
    "round-trips %s",
    (file) => {
      const session = parsed(fixture(file));
      expect(parsed(serializeCacheEntry(session))).toEqual(session);
    },
  );
});

describe(parseCacheExpiration.name, () => {
  it.each([
    ["2026-11-22T03:59:39Z", "2026-11-22T03:59:39.000Z"],
    ["2026-11-22T03:59:39+00:00", "2026-11-22T03:59:39.000Z"],
    ["2026-11-22T04:00:04UTC", "2026-11-22T04:00:04.000Z"],
    ["2026-11-22T03:59:39.5Z", "2026-11-22T03:59:39.500Z"],
    ["2026-11-22T03:59:39.123456789+00:00", "2026-11-22T03:59:39.123Z"],
    ["2026-11-22T09:29:39+05:30", "2026-11-22T03:59:39.000Z"],
    ["2026-11-21T22:59:39-05:00", "2026-11-22T03:59:39.000Z"],
    ["2024-02-29T00:00:00Z", "2024-02-29T00:00:00.000Z"],
  ])("reads %s", (text, iso) => {
    expect(parseCacheExpiration(text)?.toISOString()).toBe(iso);
  });

  it.each([
    ["no offset (local to JS, naive to Python)", "2026-11-22T03:59:39"],
    ["a space instead of T", "2026-11-22 03:59:39Z"],
    ["a day that does not exist", "2026-02-29T00:00:00Z"],
    ["hour 24", "2026-11-22T24:00:00Z"],
    ["a leap second", "2026-12-31T23:59:60Z"],
    ["an offset without a colon", "2026-11-22T03:59:39+0000"],
    ["an offset of 24 hours", "2026-11-22T03:59:39+24:00"],
    ["another zone name", "2026-11-22T03:59:39GMT"],
    ["lowercase utc", "2026-11-22T03:59:39utc"],
    ["epoch seconds", "1795316379"],
    ["nothing", ""],
  ])("rejects %s", (_docs, text) => {
    expect(parseCacheExpiration(text)).toBeUndefined();
  });
});
