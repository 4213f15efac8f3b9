// AWS CLI cache keys: botocore's `_create_cache_key`, so that this library and the CLI find each other's
// entries in ~/.aws/cli/cache (docs/semantics.md §6.2). Which arguments the user configured (as opposed to
// generated ones such as a default RoleSessionName) is decided by the caller; the Python JSON encoding lives
// in python-json.ts.
import { createHash } from "node:crypto";
import { sep } from "node:path";
import { pythonJsonDumps } from "./python-json.js";

/** The configured AssumeRole arguments that make up a cache key. */
export interface AssumeRoleKeyArgs {
  RoleArn: string;
  /** Only when the user configured it: a generated session name is never part of the key. */
  RoleSessionName?: string;
  ExternalId?: string;
  /** The `mfa_serial` value. */
  SerialNumber?: string;
  /** Hashed as a JSON integer. */
  DurationSeconds?: number;
  /** A JSON policy document as a string; it is parsed so that its keys are sorted too. */
  Policy?: string;
  PolicyArns?: { arn?: string }[];
  /** Further programmatic AssumeRole parameters are hashed as given. */
  [parameter: string]: unknown;
}

/** The configured AssumeRoleWithWebIdentity arguments that make up a cache key. */
export interface WebIdentityKeyArgs {
  RoleArn: string;
  /** Only when configured (profile or AWS_ROLE_SESSION_NAME). */
  RoleSessionName?: string;
}

/**
 * The AWS CLI cache key (40 lowercase hex characters) for an AssumeRole hop: SHA-1 of Python's
 * `json.dumps(args, sort_keys=True)`. Undefined members are left out, and `TokenCode` never counts.
 * A `Policy` that is not JSON throws a SyntaxError, as it does in botocore.
 *
 * @example assumeRoleCacheKey({ RoleArn: "arn:aws:iam::123456789012:role/Admin" })
 *   // "51e7b105b5040ce662656c8dc6ab4de70c4de7ad"
 */
export function assumeRoleCacheKey(args: AssumeRoleKeyArgs): string {
  // botocore builds the key before the MFA code is added to the request.
  const { TokenCode: _tokenCode, ...keyArgs }: Record<string, unknown> = args;
  if (typeof keyArgs.Policy === "string") keyArgs.Policy = JSON.parse(keyArgs.Policy);
  return hashArgs(keyArgs);
}

/** The AWS CLI cache key for an AssumeRoleWithWebIdentity hop; the token is never part of it. */
export function webIdentityCacheKey(args: WebIdentityKeyArgs): string {
  return hashArgs({ RoleArn: args.RoleArn, RoleSessionName: args.RoleSessionName });
}

/**
 * Prefixes of the keys of this library's own entries in the cache directory, which the AWS CLI's 40-hex
 * keys can never equal (docs/semantics.md §5.5): an MFA session (GetSessionToken), and a role session
 * assumed with an MFA session, whose request differs from the one the CLI would send for that profile.
 */
export const MFA_SESSION_KEY_PREFIX = "mfa-session-";
export const MFA_ROLE_KEY_PREFIX = "mfa-role-";

/** The key of an MFA session: the long-term access key id and the device serial, never a secret. */
export function mfaSessionCacheKey(args: { AccessKeyId: string; SerialNumber: string }): string {
  return MFA_SESSION_KEY_PREFIX + hashArgs({ AccessKeyId: args.AccessKeyId, SerialNumber: args.SerialNumber });
}

/** The key of a role session assumed with the MFA session of `serial`: the request as sent, and the device. */
export function mfaRoleCacheKey(args: AssumeRoleKeyArgs, serial: string): string {
  return MFA_ROLE_KEY_PREFIX + assumeRoleCacheKey({ ...args, MfaSession: serial });
}

// --- internal ---

function hashArgs(args: Record<string, unknown>): string {
  const digest = createHash("sha1").update(pythonJsonDumps(args, { sortKeys: true }), "utf8").digest("hex");
  // botocore's `_make_file_safe`; a no-op on hex, kept so the steps read as botocore's.
  return digest.replaceAll(":", "_").replaceAll(sep, "_").replaceAll("/", "_");
}
