import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { assumeRoleCacheKey, webIdentityCacheKey, type AssumeRoleKeyArgs } from "../../src/cache/cache-key.js";
import { pythonJsonDumps } from "../../src/cache/python-json.js";

const ADMIN = "arn:aws:iam::123456789012:role/Admin";
const POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}';
const STAR_POLICY = '{"Version": "2012-10-17", "Statement": [{"Resource": "*", "Effect": "Allow", "Action": "*"}]}';

// docs/semantics.md §6.3: every row is [docs, configured arguments, exact hashed text, SHA-1] as computed by botocore.
const VECTORS: [string, AssumeRoleKeyArgs, string, string][] = [
  [
    "worked example (docs/semantics.md §6.3)",
    { RoleArn: ADMIN, ExternalId: "ext-42", SerialNumber: "arn:aws:iam::111122223333:mfa/alice", DurationSeconds: 3600 },
    '{"DurationSeconds": 3600, "ExternalId": "ext-42", "RoleArn": "arn:aws:iam::123456789012:role/Admin", "SerialNumber": "arn:aws:iam::111122223333:mfa/alice"}',
    "9861399b98e044d64b55de48f705c3e1e72da613",
  ],
  ["role only", { RoleArn: ADMIN }, '{"RoleArn": "arn:aws:iam::123456789012:role/Admin"}', "51e7b105b5040ce662656c8dc6ab4de70c4de7ad"],
  [
    "configured session name",
    { RoleArn: ADMIN, RoleSessionName: "alice" },
    '{"RoleArn": "arn:aws:iam::123456789012:role/Admin", "RoleSessionName": "alice"}',
    "3bb32a2920a40a5690d3fe4645e7c1ededd4319d",
  ],
  [
    "duration as an integer",
    { RoleArn: ADMIN, DurationSeconds: 3600 },
    '{"DurationSeconds": 3600, "RoleArn": "arn:aws:iam::123456789012:role/Admin"}',
    "d01f726b6165762f6f71e742b03b1bc031b82dbf",
  ],
  [
    "duration and external id (file written by CLI 1.45.11)",
    { RoleArn: ADMIN, DurationSeconds: 3600, ExternalId: "ext-42" },
    '{"DurationSeconds": 3600, "ExternalId": "ext-42", "RoleArn": "arn:aws:iam::123456789012:role/Admin"}',
    "e4f5e39ce8bbae0bd08f793c3e959a9d372b92a9",
  ],
  [
    "mfa serial (written by the CLI after the prompt)",
    { RoleArn: "arn:aws:iam::555555555555:role/Mfa", SerialNumber: "arn:aws:iam::000000000000:mfa/me" },
    '{"RoleArn": "arn:aws:iam::555555555555:role/Mfa", "SerialNumber": "arn:aws:iam::000000000000:mfa/me"}',
    "e1d380f2ecc069d78c3ca3564765481a7c3344ca",
  ],
  [
    "non-ASCII external id",
    { RoleArn: ADMIN, ExternalId: "café" },
    '{"ExternalId": "caf\\u00e9", "RoleArn": "arn:aws:iam::123456789012:role/Admin"}',
    "84bcd2573c8d952009fb73bfddf21f269e7dff49",
  ],
  [
    "policy parsed and re-sorted",
    { RoleArn: ADMIN, Policy: POLICY },
    '{"Policy": {"Statement": [{"Action": "s3:*", "Effect": "Allow", "Resource": "*"}], "Version": "2012-10-17"}, "RoleArn": "arn:aws:iam::123456789012:role/Admin"}',
    "a4c6115be20d9a637857b6a03088f68be3a24dbd",
  ],
  ["botocore unit test: myrole", { RoleArn: "myrole" }, '{"RoleArn": "myrole"}', "793d6e2f27667ab2da104824407e486bfec24a47"],
  [
    "botocore unit test: foo-role",
    { RoleArn: "arn:aws:iam::role/foo-role" },
    '{"RoleArn": "arn:aws:iam::role/foo-role"}',
    "75c539f0711ba78c5b9e488d0add95f178a54d74",
  ],
  [
    "botocore unit test: session name",
    { RoleArn: "myrole", RoleSessionName: "my_session_name" },
    '{"RoleArn": "myrole", "RoleSessionName": "my_session_name"}',
    "2964201f5648c8be5b9460a9cf842d73a266daf2",
  ],
  [
    "botocore unit test: policy",
    { RoleArn: "myrole", Policy: STAR_POLICY },
    '{"Policy": {"Statement": [{"Action": "*", "Effect": "Allow", "Resource": "*"}], "Version": "2012-10-17"}, "RoleArn": "myrole"}',
    "176f223d915e82456c253545e192aa21d68f5ab8",
  ],
  [
    "botocore unit test: foo-role with session name",
    { RoleArn: "arn:aws:iam::foo-role", RoleSessionName: "foo_role_session_name" },
    '{"RoleArn": "arn:aws:iam::foo-role", "RoleSessionName": "foo_role_session_name"}',
    "5e75ce21b6a64ab183b29c4a159b6f0248121d51",
  ],
];

const sha1 = (text: string) => createHash("sha1").update(text, "utf8").digest("hex");

describe(assumeRoleCacheKey.name, () => {
  it.each(VECTORS)("%s", (_docs, args, hashed, key) => {
    const withParsedPolicy = args.Policy === undefined ? args : { ...args, Policy: JSON.parse(args.Policy) };
    expect(pythonJsonDumps(withParsedPolicy, { sortKeys: true })).toBe(hashed);
    expect(sha1(hashed)).toBe(key);
    expect(assumeRoleCacheKey(args)).toBe(key);
  });

  it("hashes the worked example's 155 bytes", () => {
    expect(Buffer.byteLength(VECTORS[0]![2])).toBe(155);
  });

  it("never produces the JSON.stringify key", () => {
    const wrong = JSON.stringify({ RoleArn: ADMIN });
    expect(wrong).toBe('{"RoleArn":"arn:aws:iam::123456789012:role/Admin"}');
    expect(sha1(wrong)).toBe("e37a7a17cdc87871963ba06976c89fd26d4f80fb");
    expect(assumeRoleCacheKey({ RoleArn: ADMIN })).not.toBe(sha1(wrong));
  });

  it("leaves out undefined members and the MFA token code", () => {
    const key = assumeRoleCacheKey({ RoleArn: ADMIN, RoleSessionName: undefined, ExternalId: undefined, TokenCode: "123456" });
    expect(key).toBe("51e7b105b5040ce662656c8dc6ab4de70c4de7ad");
  });

  it("does not modify its argument", () => {
    const args = { RoleArn: ADMIN, Policy: POLICY, TokenCode: "123456" };
    assumeRoleCacheKey(args);
    expect(args).toEqual({ RoleArn: ADMIN, Policy: POLICY, TokenCode: "123456" });
  });

  it("rejects a Policy that is not JSON, as botocore does", () => {
    expect(() => assumeRoleCacheKey({ RoleArn: ADMIN, Policy: "{not json" })).toThrow(SyntaxError);
  });

  it("returns 40 lowercase hex characters", () => {
    expect(assumeRoleCacheKey({ RoleArn: "arn:aws:iam::123456789012:role/a/b:c" })).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe(webIdentityCacheKey.name, () => {
  it("shares the AssumeRole entry of a role with no other parameters", () => {
    expect(webIdentityCacheKey({ RoleArn: ADMIN })).toBe("51e7b105b5040ce662656c8dc6ab4de70c4de7ad");
  });

  it("includes a configured session name", () => {
    expect(webIdentityCacheKey({ RoleArn: ADMIN, RoleSessionName: "alice" })).toBe("3bb32a2920a40a5690d3fe4645e7c1ededd4319d");
  });

  it("ignores anything but RoleArn and RoleSessionName, such as the token", () => {
    const args = { RoleArn: ADMIN, WebIdentityToken: "eyJ.token" } as { RoleArn: string };
    expect(webIdentityCacheKey(args)).toBe("51e7b105b5040ce662656c8dc6ab4de70c4de7ad");
  });
});
