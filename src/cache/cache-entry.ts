// One AWS CLI cache file ⇄ one StsSession: the STS response JSON the CLI keeps in ~/.aws/cli/cache
// (docs/semantics.md §6.4, §6.5). Pure text in, text out; where the file lives, how it is written and whether
// the session is still fresh enough are file-cache.ts's and the caller's business.
import type { StsSession } from "../runtime/sts.js";
import { pythonJsonDumps } from "./python-json.js";

/**
 * Why a cache file's text is not a usable entry. The reason never quotes the file's content, which holds
 * secrets, so it can go into a log line as is.
 */
export interface CacheEntryError {
  error: string;
}

/**
 * Reads a cache file's text as the CLI does (botocore needs `Credentials.AccessKeyId`, `SecretAccessKey`,
 * `SessionToken` and `Expiration`, all strings). Returns a CacheEntryError instead of throwing, because a
 * bad entry is an expected condition (a cache miss), not a bug. `AccountId` falls back to the 5th field of
 * `AssumedRoleUser.Arn`; every other top-level member except `ResponseMetadata` is kept in `extra`.
 */
export function parseCacheEntry(text: string): StsSession | CacheEntryError {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    // The SyntaxError message may quote the content: keep it out of the reason.
    return { error: text.trim() === "" ? "the file is empty" : "the file is not valid JSON" };
  }
  if (!isRecord(document)) return { error: "the file does not hold a JSON object" };
  const { Credentials: credentials, AssumedRoleUser: user, ResponseMetadata: metadata, ...extra } = document;
  if (!isRecord(credentials)) return { error: "Credentials is missing" };
  for (const field of CREDENTIAL_FIELDS) {
    if (typeof credentials[field] !== "string") return { error: `Credentials.${field} is missing or not a string` };
  }
  const expiration = parseCacheExpiration(credentials.Expiration as string);
  if (expiration === undefined) return { error: "Credentials.Expiration is not a supported timestamp" };

  const assumedRoleUser =
    isRecord(user) && typeof user.Arn === "string" && typeof user.AssumedRoleId === "string"
      ? { Arn: user.Arn, AssumedRoleId: user.AssumedRoleId }
      : undefined;
  const accountId =
    typeof credentials.AccountId === "string" ? credentials.AccountId : accountIdFromArn(assumedRoleUser?.Arn);
  const requestId = isRecord(metadata) && typeof metadata.RequestId === "string" ? metadata.RequestId : undefined;
  return {
    credentials: {
      accessKeyId: credentials.AccessKeyId as string,
      secretAccessKey: credentials.SecretAccessKey as string,
      sessionToken: credentials.SessionToken as string,
      expiration,
      ...(accountId === undefined ? {} : { accountId }),
    },
    ...(assumedRoleUser === undefined ? {} : { assumedRoleUser }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(Object.keys(extra).length === 0 ? {} : { extra }),
  };
}

/**
 * The file text the CLI itself would write for `session`: Python `json.dumps` defaults, STS response key
 * order, one line, no trailing newline. Expiration is written as CLI v2 does (`…+00:00`, UTC, whole
 * seconds), a form every CLI version and boto3 reads.
 */
export function serializeCacheEntry(session: StsSession): string {
  const { credentials } = session;
  const accountId = credentials.accountId ?? accountIdFromArn(session.assumedRoleUser?.Arn);
  const document = {
    Credentials: {
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      SessionToken: credentials.sessionToken,
      Expiration: `${credentials.expiration.toISOString().slice(0, 19)}+00:00`,
      AccountId: accountId,
    },
    AssumedRoleUser: session.assumedRoleUser && {
      AssumedRoleId: session.assumedRoleUser.AssumedRoleId,
      Arn: session.assumedRoleUser.Arn,
    },
    ...session.extra,
    ResponseMetadata: session.requestId === undefined ? undefined : { RequestId: session.requestId },
  };
  return pythonJsonDumps(document);
}

/**
 * An `Expiration` string as any CLI or boto3 version writes it: `…Z` (CLI v1, wire format), `…±HH:MM`
 * (CLI v2), `…UTC` (boto3's `%Z`), optionally with fractional seconds. Anything else, including a time
 * without an offset (local time to JS, naive time to Python), is undefined.
 */
export function parseCacheExpiration(text: string): Date | undefined {
  const match = EXPIRATION.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction = "", zone = ""] = match;
  const fields = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number];
  const [y, mo, d, h, mi, s] = fields;
  const utcMs = Date.UTC(y, mo - 1, d, h, mi, s, Number(fraction.padEnd(3, "0").slice(0, 3)));
  const check = new Date(utcMs);
  // Date.UTC rolls 2026-02-30 over to March: reject dates that do not exist, as dateutil does.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const offsetMs = parseOffsetMs(zone);
  return offsetMs === undefined ? undefined : new Date(utcMs - offsetMs);
}

// --- internal ---

const CREDENTIAL_FIELDS = ["AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"] as const;

const EXPIRATION = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(Z|UTC|[+-]\d\d:\d\d)$/;

function parseOffsetMs(zone: string): number | undefined {
  if (zone === "Z" || zone === "UTC") return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 23 || minutes > 59) return undefined;
  return (zone.startsWith("-") ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

/** `arn:aws:sts::123456789012:assumed-role/Admin/session` → "123456789012". */
function accountIdFromArn(arn: string | undefined): string | undefined {
  const account = arn?.split(":")[4];
  return account ? account : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
