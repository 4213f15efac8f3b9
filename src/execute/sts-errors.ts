// Turns an error from an STS call into a StsCallError that names the role, the profile and the chain,
// keeps the STS code and the original error as `cause`, says whether retrying later can help, and adds
// what to do about it. STS messages are kept: they never carry secrets.
import { formatChain, StsCallError, type ErrorCode } from "../errors.js";

export interface StsCallContext {
  action: "AssumeRole" | "AssumeRoleWithWebIdentity" | "GetSessionToken";
  /** The role; for GetSessionToken, the MFA device. */
  roleArn: string;
  profile: string;
  chain: readonly string[];
  /** 1-based position of this call among the plan's STS calls, and their number. */
  step: number;
  steps: number;
  /** Said after the hint when STS denies the call (MFA sessions: the role may want a fresher MFA). */
  deniedNote?: string;
}

export function toStsCallError(error: unknown, context: StsCallContext): StsCallError {
  const stsCode = errorCode(error);
  const { code, retryable, hint } = classify(stsCode, error);
  const detail = (error as Error)?.message ?? String(error);
  const where = `${context.action} ${context.roleArn} (step ${context.step} of ${context.steps}, profile "${context.profile}", profile chain: ${formatChain(context.chain)})`;
  const note = code === "STS_ACCESS_DENIED" && context.deniedNote ? ` ${context.deniedNote}` : "";
  return new StsCallError(`${where} failed: ${stsCode ?? "error"}: ${detail}${hint ? ` ${hint}` : ""}${note}`, {
    code,
    profile: context.profile,
    chain: context.chain,
    roleArn: context.roleArn,
    ...(stsCode ? { stsCode } : {}),
    retryable,
    cause: error,
  });
}

// --- internal ---

const MFA_TEXT = /MultiFactorAuthentication/;
/** STS's text for a wrong, stale or reused one-time code (not for an unknown serial): the code was refused. */
const REFUSED_CODE_TEXT = /invalid MFA one time pass code/;
/** STS's texts for a request signed more than 15 minutes away from its clock. */
const SKEW_TEXT = /^Signature (expired|not yet current):/;

/** The STS error code: the SDK names modeled errors `<Code>Exception` and keeps `Code` for the others. */
function errorCode(error: unknown): string | undefined {
  const e = error as { name?: string; Code?: string; code?: string; $metadata?: unknown } | undefined;
  if (!e) return undefined;
  if (e.$metadata !== undefined) return e.Code ?? (e.name && e.name !== "Error" ? e.name.replace(/Exception$/, "") : undefined);
  return (typeof e.code === "string" ? e.code : undefined) ?? (e.name !== "Error" ? e.name : undefined);
}

function classify(stsCode: string | undefined, error: unknown): { code: ErrorCode; retryable: boolean; hint?: string } {
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  if (stsCode === "SignatureDoesNotMatch" && isClockSkew(error)) {
    // Not bad keys: the SDK has already taken STS's time as this client's clock offset, so a later call signs right.
    return {
      code: "STS_ERROR",
      retryable: true,
      hint: "This machine's clock is more than 15 minutes away from STS's; set it right. With the SDK's retries on (maxAttempts 2 or more, the default 3) the SDK corrects for the difference by itself.",
    };
  }
  switch (stsCode) {
    case "AccessDenied":
      if (REFUSED_CODE_TEXT.test((error as Error)?.message ?? "")) {
        return { code: "MFA_CODE_INVALID", retryable: false, hint: "Enter a current code that has not been used yet." };
      }
      if (MFA_TEXT.test((error as Error)?.message ?? "")) {
        return { code: "STS_ACCESS_DENIED", retryable: false, hint: "Check mfa_serial: it must name an MFA device of the source identity." };
      }
      return { code: "STS_ACCESS_DENIED", retryable: false, hint: "Check the role's trust policy, external_id and mfa_serial." };
    case "ValidationError":
      return { code: "STS_VALIDATION_ERROR", retryable: false, hint: "Check role_arn, duration_seconds and role_session_name." };
    case "ExpiredToken":
      return { code: "STS_EXPIRED_TOKEN", retryable: false, hint: "The source credentials have expired; renew them." };
    case "InvalidClientTokenId":
    case "SignatureDoesNotMatch":
    case "UnrecognizedClientException":
      return { code: "STS_ACCESS_DENIED", retryable: false, hint: "The source credentials are not valid." };
    case "InvalidIdentityToken":
    case "IDPRejectedClaim":
    case "IDPCommunicationError":
      return { code: "STS_ACCESS_DENIED", retryable: false, hint: "The web identity token was rejected." };
    case "Throttling":
    case "RequestLimitExceeded":
      return { code: "STS_THROTTLED", retryable: true };
  }
  if ((status !== undefined && status >= 500) || isNetworkError(error)) {
    return { code: "STS_UNAVAILABLE", retryable: true, hint: "STS could not be reached; a later call retries." };
  }
  return { code: "STS_ERROR", retryable: false };
}

/** STS's clock-skew texts, or the SDK's mark on an error after which it corrected its clock offset. */
function isClockSkew(error: unknown): boolean {
  const e = error as { message?: string; $metadata?: { clockSkewCorrected?: boolean } } | undefined;
  return e?.$metadata?.clockSkewCorrected === true || SKEW_TEXT.test(e?.message ?? "");
}

function isNetworkError(error: unknown): boolean {
  const e = error as { name?: string; code?: string; $metadata?: unknown };
  return (
    e?.$metadata === undefined ||
    e.name === "TimeoutError" ||
    ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN"].includes(e.code ?? "")
  );
}
