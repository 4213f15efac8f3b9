// STS errors as the emulator raises them: code, HTTP status and message, with the wording real STS uses.
// Every message text lives here so tests and callers have one source. Rendering to XML is in xml.ts.

/**
 * The STS error codes the emulator answers with, by itself or as a scripted fault. A fault may use any of
 * them; status and message then default to STS's usual ones.
 */
export type StsErrorCode =
  | "AccessDenied"
  | "ExpiredToken"
  | "IDPCommunicationError"
  | "IDPRejectedClaim"
  | "IncompleteSignature"
  | "InternalFailure"
  | "InvalidAction"
  | "InvalidClientTokenId"
  | "InvalidIdentityToken"
  | "MalformedPolicyDocument"
  | "MissingAuthenticationToken"
  | "PackedPolicyTooLarge"
  | "RegionDisabledException"
  | "ServiceUnavailable"
  | "SignatureDoesNotMatch"
  | "Throttling"
  | "ValidationError";

/** An STS error response. Throw it from an action; the request handler renders it as `<ErrorResponse>`. */
export class StsError extends Error {
  override readonly name = "StsError";
  constructor(
    /** The `<Code>` element, e.g. `AccessDenied`. */
    readonly code: StsErrorCode,
    /** HTTP status of the response. */
    readonly status: number,
    message: string,
  ) {
    super(message);
  }

  /** `Receiver` for server-side (5xx) failures, `Sender` otherwise, as in STS's `<Type>` element. */
  get type(): "Sender" | "Receiver" {
    return this.status >= 500 ? "Receiver" : "Sender";
  }
}

/** Status and message STS uses for well-known codes; used to fill in scripted faults. */
const KNOWN_CODES: Partial<Record<StsErrorCode, { status: number; message: string }>> = {
  Throttling: { status: 400, message: "Rate exceeded" },
  InternalFailure: {
    status: 500,
    message: "The request processing has failed because of an unknown error, exception or failure.",
  },
  ServiceUnavailable: { status: 503, message: "The request has failed due to a temporary failure of the server." },
  AccessDenied: { status: 403, message: "Access denied" },
  ExpiredToken: { status: 400, message: "The security token included in the request is expired" },
  InvalidClientTokenId: { status: 403, message: "The security token included in the request is invalid." },
  IDPCommunicationError: {
    status: 400,
    message: "The request could not be fulfilled because the identity provider (IDP) that was asked to verify the incoming identity token could not be reached.",
  },
  RegionDisabledException: {
    status: 403,
    message: "STS is not activated in this region for account. Your account administrator can activate STS in this region using the IAM Console.",
  },
};

/** Builds the error for `code`, taking status and message from STS's usual ones unless given. */
export function stsErrorFor(code: StsErrorCode, status?: number, message?: string): StsError {
  const known = KNOWN_CODES[code];
  return new StsError(code, status ?? known?.status ?? 400, message ?? known?.message ?? code);
}

export const accessDenied = (callerArn: string, action: string, resourceArn: string): StsError =>
  new StsError("AccessDenied", 403, `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resourceArn}`);

export const webIdentityDenied = (): StsError =>
  new StsError("AccessDenied", 403, "Not authorized to perform sts:AssumeRoleWithWebIdentity");

export const invalidIdentityToken = (): StsError =>
  new StsError(
    "InvalidIdentityToken",
    400,
    "The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.",
  );

export const sessionCredentialsCannotGetSessionToken = (): StsError =>
  new StsError("AccessDenied", 403, "Cannot call GetSessionToken with session credentials");

// MFA texts are the ones observed from STS (docs/semantics.md §5.4), including the double space.
export const mfaInvalidCode = (): StsError =>
  new StsError("AccessDenied", 403, "MultiFactorAuthentication failed with invalid MFA one time pass code.");

export const mfaUnknownSerial = (): StsError =>
  new StsError(
    "AccessDenied",
    403,
    "MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.",
  );

export const durationExceedsRoleMax = (): StsError =>
  new StsError("ValidationError", 400, "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");

export const durationExceedsChainingLimit = (): StsError =>
  new StsError(
    "ValidationError",
    400,
    "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
  );

/** STS's Coral-style constraint errors: `N validation error(s) detected: a; b`. */
export const validationErrors = (violations: string[]): StsError =>
  new StsError(
    "ValidationError",
    400,
    `${violations.length} validation error${violations.length === 1 ? "" : "s"} detected: ${violations.join("; ")}`,
  );

export const missingAuthenticationToken = (): StsError =>
  new StsError("MissingAuthenticationToken", 403, "Request is missing Authentication Token");

export const incompleteSignature = (detail: string): StsError => new StsError("IncompleteSignature", 400, detail);

export const invalidClientTokenId = (): StsError => stsErrorFor("InvalidClientTokenId");

export const expiredToken = (): StsError => stsErrorFor("ExpiredToken");

export const signatureDoesNotMatch = (): StsError =>
  new StsError(
    "SignatureDoesNotMatch",
    403,
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
  );

/** STS's answer to a request signed more than 15 minutes away from its own clock (`SignatureDoesNotMatch`, 403). */
export const signingTimeOutOfRange = (signed: string, now: string, bound: string, direction: "expired" | "future"): StsError =>
  new StsError(
    "SignatureDoesNotMatch",
    403,
    direction === "expired"
      ? `Signature expired: ${signed} is now earlier than ${bound} (${now} - 15 min.)`
      : `Signature not yet current: ${signed} is still later than ${bound} (${now} + 15 min.)`,
  );

export const wrongSigningService = (): StsError =>
  new StsError("SignatureDoesNotMatch", 403, "Credential should be scoped to correct service: 'sts'. ");

export const invalidAction = (action: string, version: string): StsError =>
  new StsError("InvalidAction", 400, `Could not find operation ${action} for version ${version}`);

/** `detail` names an emulator bug, so that a failing test shows it rather than a bare 500. */
export const internalFailure = (detail: string): StsError => {
  const standard = stsErrorFor("InternalFailure");
  return new StsError(standard.code, standard.status, `${standard.message} (emulator: ${detail})`);
};
