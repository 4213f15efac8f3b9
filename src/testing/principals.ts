// Who is calling: the identity behind a verified signature, and the ARN / unique-id arithmetic STS does
// (role ARN -> assumed-role ARN, AROA…:session ids). Trust-policy matching lives in assume-role.ts.
import { createHash } from "node:crypto";

/** An IAM user, signing with long-term keys or with GetSessionToken credentials derived from them. */
export interface UserCaller {
  kind: "user";
  arn: string;
  account: string;
  /** `AIDA…`, the user's unique id. */
  userId: string;
  /** True for GetSessionToken credentials: STS refuses GetSessionToken with session credentials. */
  temporary: boolean;
  /** True for GetSessionToken credentials obtained with an MFA code (`aws:MultiFactorAuthPresent`). */
  mfaAuthenticated: boolean;
}

/** A role session (issued by AssumeRole or AssumeRoleWithWebIdentity). Calls made with it are role chaining. */
export interface RoleSessionCaller {
  kind: "role-session";
  /** `arn:aws:sts::ACCOUNT:assumed-role/Name/session`. */
  arn: string;
  account: string;
  /** `AROA…:session`. */
  userId: string;
  /** The IAM role ARN; trust policies match role sessions on this, not on the session ARN. */
  roleArn: string;
  temporary: true;
  /**
   * True when the session was made with MFA: a TokenCode in its AssumeRole, or signed by an MFA-authenticated
   * session (GetSessionToken with MFA, or a role session made from one). Chained sessions carry it on.
   */
  mfaAuthenticated: boolean;
}

export type Caller = UserCaller | RoleSessionCaller;

/** The identity a user's long-term keys stand for. */
export function userCaller(userArn: string): UserCaller {
  return {
    kind: "user",
    arn: userArn,
    account: accountOf(userArn),
    userId: uniqueId("AIDA", userArn),
    temporary: false,
    mfaAuthenticated: false,
  };
}

/** The identity of a new session of `roleArn` named `sessionName`, MFA-authenticated or not. */
export function roleSessionCaller(roleArn: string, sessionName: string, mfaAuthenticated = false): RoleSessionCaller {
  const [, partition, , , account] = roleArn.split(":");
  return {
    kind: "role-session",
    arn: `arn:${partition}:sts::${account}:assumed-role/${roleNameOf(roleArn)}/${sessionName}`,
    account: account ?? "",
    userId: `${uniqueId("AROA", roleArn)}:${sessionName}`,
    roleArn,
    temporary: true,
    mfaAuthenticated,
  };
}

/** The account id field of an ARN. */
export function accountOf(arn: string): string {
  return arn.split(":")[4] ?? "";
}

/** `arn:PARTITION:iam::ACCOUNT:root`: in a trust policy it stands for every principal of the account. */
export function accountRootOf(arn: string): string {
  const [, partition, , , account] = arn.split(":");
  return `arn:${partition}:iam::${account}:root`;
}

/** True for `arn:PARTITION:iam::ACCOUNT:TYPE/...` with a 12-digit account. */
export function isIamArn(arn: string, type: "user" | "role"): boolean {
  return new RegExp(`^arn:[\\w-]+:iam::\\d{12}:${type}/(.+/)?[\\w+=,.@-]+$`).test(arn);
}

// --- internal ---

/** A role's name is the last path segment: role/path/to/Name -> Name, as in assumed-role ARNs. */
function roleNameOf(roleArn: string): string {
  return roleArn.slice(roleArn.lastIndexOf("/") + 1);
}

/**
 * IAM unique ids are a 4-letter type prefix plus 17 characters. Deriving them from the ARN keeps them
 * stable across runs, so tests can compare UserId values.
 */
function uniqueId(prefix: "AIDA" | "AROA", arn: string): string {
  return prefix + createHash("sha256").update(arn).digest("hex").slice(0, 17).toUpperCase();
}
