// Typed errors. Every error the library throws is a ProfileCredentialsError: it extends the SDK's
// CredentialsProviderError so the SDK's provider chains treat it correctly (tryNextLink is true only when
// nothing at all is configured), carries a stable `code`, the profile chain it concerns and the original
// error as `cause`. Messages never contain a secret; the wording of each code lives in message builders
// here, so tests and docs have one source.
import { CredentialsProviderError } from "@smithy/property-provider";

/** Every code a ProfileCredentialsError can carry (the README lists each with its meaning). */
export const ERROR_CODES = [
  "PROFILE_NOT_FOUND",
  "PROFILE_HAS_NO_CREDENTIALS",
  "SOURCE_PROFILE_NOT_FOUND",
  "SOURCE_PROFILE_CYCLE",
  "SOURCE_PROFILE_HAS_NO_CREDENTIALS",
  "CONFLICTING_CREDENTIAL_SOURCES",
  "MISSING_CREDENTIAL_SOURCE",
  "UNSUPPORTED_CREDENTIAL_SOURCE",
  "PARTIAL_STATIC_KEYS",
  "INVALID_ROLE_ARN",
  "INVALID_ROLE_SESSION_NAME",
  "INVALID_DURATION_SECONDS",
  "INVALID_PROFILE_VALUE",
  "WEB_IDENTITY_MISSING_ROLE_ARN",
  "WEB_IDENTITY_TOKEN_UNREADABLE",
  "SOURCE_CREDENTIALS_UNAVAILABLE",
  "PROFILE_NOT_READABLE_BY_SDK",
  "EC2_METADATA_DISABLED",
  "MFA_CODE_REQUIRED",
  "MFA_CODE_INVALID",
  "STS_ACCESS_DENIED",
  "STS_VALIDATION_ERROR",
  "STS_EXPIRED_TOKEN",
  "STS_THROTTLED",
  "STS_UNAVAILABLE",
  "STS_ERROR",
  "CREDENTIALS_EXPIRED",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ProfileCredentialsErrorOptions {
  code: ErrorCode;
  /** The profile the error is about (the offending one, not necessarily the selected one). */
  profile?: string;
  /** Profile path from the selected profile to the offending one, e.g. ["dev", "base"]. */
  chain?: readonly string[];
  /** The profile key at fault, e.g. "source_profile". */
  key?: string;
  cause?: unknown;
  /** True only when nothing is configured, so the SDK's chain may try its next provider. */
  tryNextLink?: boolean;
}

/** Base class of every error this library throws. */
export class ProfileCredentialsError extends CredentialsProviderError {
  override name = "ProfileCredentialsError";
  readonly code: ErrorCode;
  readonly profile: string | undefined;
  readonly chain: readonly string[];
  readonly key: string | undefined;

  constructor(message: string, options: ProfileCredentialsErrorOptions) {
    super(message, { tryNextLink: options.tryNextLink ?? false });
    // CredentialsProviderError resets the prototype to its own; restore the subclass's.
    Object.setPrototypeOf(this, new.target.prototype);
    this.code = options.code;
    this.profile = options.profile;
    this.chain = options.chain ?? [];
    this.key = options.key;
    if (options.cause !== undefined) {
      Object.defineProperty(this, "cause", { value: options.cause, enumerable: false, writable: true, configurable: true });
    }
  }
}

/** A mistake in the shared config/credentials files, found before any STS call or MFA prompt. */
export class ProfileConfigError extends ProfileCredentialsError {
  override name = "ProfileConfigError";
}

/** A failed STS call, with the role and profile it was for. The STS error is the `cause`. */
export class StsCallError extends ProfileCredentialsError {
  override name = "StsCallError";
  readonly roleArn: string;
  /** The STS error code, e.g. "AccessDenied", "Throttling"; undefined for network failures. */
  readonly stsCode: string | undefined;
  /** Whether a later call may succeed without a configuration change. */
  readonly retryable: boolean;

  constructor(
    message: string,
    options: ProfileCredentialsErrorOptions & { roleArn: string; stsCode?: string; retryable: boolean },
  ) {
    super(message, options);
    this.roleArn = options.roleArn;
    this.stsCode = options.stsCode;
    this.retryable = options.retryable;
  }
}

/** An MFA code was needed but could not be had, or STS rejected it. */
export class MfaError extends ProfileCredentialsError {
  override name = "MfaError";
}

/** True for any error thrown by this library (works across module copies, by name and code). */
export function isProfileCredentialsError(error: unknown): error is ProfileCredentialsError {
  return (
    error instanceof ProfileCredentialsError ||
    (error instanceof Error && typeof (error as { code?: unknown }).code === "string" && error.name in ERROR_NAMES)
  );
}

const MAX_SHOWN = 120;

/**
 * A value from the files, a profile name or a path as a message shows it: control characters escaped (a
 * NUL byte reads as \u0000 rather than as nothing, a terminal escape is not run) and at most 120
 * characters with the full length after them, so a 100 kB value cannot make a 100 kB message.
 */
export function shown(value: string): string {
  const escaped = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return escaped.length > MAX_SHOWN ? `${escaped.slice(0, MAX_SHOWN)}… (${value.length} characters)` : escaped;
}

/** Renders a profile path for messages: `a -> b -> a`. */
export function formatChain(chain: readonly string[]): string {
  return chain.join(" -> ");
}

/**
 * The candidates closest to a misspelt `word` (one edit per three characters, at most two), nearest
 * first: the "did you mean" of profile names and command-line options.
 */
export function closestNames(word: string, candidates: Iterable<string>): string[] {
  const limit = Math.min(2, Math.floor(word.length / 3));
  return [...new Set(candidates)]
    .filter((candidate) => candidate !== word)
    .map((candidate) => ({ candidate, distance: editDistance(word, candidate) }))
    .filter(({ distance }) => distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .map(({ candidate }) => candidate);
}

// --- internal ---

/** Levenshtein distance with adjacent transpositions counted as one edit. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

const ERROR_NAMES: Record<string, true> = {
  ProfileCredentialsError: true,
  ProfileConfigError: true,
  StsCallError: true,
  MfaError: true,
};
