// The emulator's configuration: who exists (IAM users with long-term keys, MFA devices) and which roles
// can be assumed by whom. Plain data only; the mutable runtime copy of it lives in state.ts.

/** An MFA device and the one-time codes it will accept. Each code is accepted once (TOTP codes are single-use). */
export interface StsMfaDevice {
  /** The device serial, e.g. `arn:aws:iam::111111111111:mfa/alice`; sent as `SerialNumber`. */
  serial: string;
  /** Codes STS will accept for this device, each at most once. */
  codes: string[];
}

/** An IAM user with long-term access keys. */
export interface StsUser {
  /** Long-term key id, conventionally `AKIA…`. */
  accessKeyId: string;
  secretAccessKey: string;
  /** The user's ARN, e.g. `arn:aws:iam::111111111111:user/alice`. */
  arn: string;
  /** An MFA device registered to this user: only this user may present its serial. */
  mfa?: StsMfaDevice;
}

/** Web-identity federation for a role (AssumeRoleWithWebIdentity). */
export interface StsWebIdentity {
  /** Tokens the identity provider would validate. Tokens are not single-use. */
  acceptedTokens: string[];
  /** Echoed as `Provider` in the response, when set. */
  provider?: string;
  /** Echoed as `Audience` in the response, when set. */
  audience?: string;
  /** Echoed as `SubjectFromWebIdentityToken` in the response, when set. */
  subject?: string;
}

/**
 * An IAM role and a simplified trust policy.
 *
 * @example
 * { arn: "arn:aws:iam::222222222222:role/Admin", trust: ["arn:aws:iam::111111111111:user/alice"],
 *   requiredExternalId: "ext-42", mfaRequired: true, maxSessionDuration: 7200 }
 */
export interface StsRole {
  /** `arn:aws:iam::ACCOUNT:role/[path/]Name`. */
  arn: string;
  /**
   * Principals allowed to call AssumeRole: user ARNs, role ARNs (matching any session of that role, as a
   * trust policy naming the role does), one session's `arn:aws:sts::…:assumed-role/Name/session`, account
   * roots (`arn:aws:iam::ACCOUNT:root`, any principal of that account), or `"*"` for anyone. Omitted: nobody may call AssumeRole (web identity may still be allowed).
   */
  trust?: "*" | string[];
  /** When set, AssumeRole must pass exactly this `ExternalId` (an `sts:ExternalId` trust condition). */
  requiredExternalId?: string;
  /**
   * When true, the caller must authenticate with MFA, either in this call (`SerialNumber` + `TokenCode`) or
   * through GetSessionToken credentials obtained with MFA, or a role session made from such credentials or
   * with a code (an `aws:MultiFactorAuthPresent` condition).
   */
  mfaRequired?: boolean;
  /** The role's MaxSessionDuration in seconds, 3600–43200. Default 3600, as for a new IAM role. */
  maxSessionDuration?: number;
  /** Enables AssumeRoleWithWebIdentity for this role. */
  webIdentity?: StsWebIdentity;
}

/** Everything the emulator knows at start. The emulator copies it; later edits go through LocalSts methods. */
export interface StsWorld {
  users?: StsUser[];
  roles?: StsRole[];
  /** Devices not bound to a user: any caller may present them (handy for role-chaining tests). */
  mfaDevices?: StsMfaDevice[];
}
