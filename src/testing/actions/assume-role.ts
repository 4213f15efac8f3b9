// AssumeRole: trust policy (principal, ExternalId, MFA), MFA code check, and the session-length rules for
// a role's MaxSessionDuration and for role chaining or GetSessionToken credentials (docs/semantics.md §4.3,
// §5.5), then a new role session, MFA-authenticated when made with a code or from an MFA-authenticated caller.
import { DEFAULT_MAX_SESSION_SECONDS } from "../sts-state.js";
import { accountRootOf, roleSessionCaller, type Caller } from "../principals.js";
import { validateParams } from "../validate-params.js";
import {
  EXTERNAL_ID,
  POLICY,
  ROLE_ARN,
  ROLE_DURATION_SECONDS,
  ROLE_SESSION_NAME,
  SERIAL_NUMBER,
  TOKEN_CODE,
} from "../param-constraints.js";
import {
  accessDenied,
  durationExceedsChainingLimit,
  durationExceedsRoleMax,
  validationErrors,
} from "../sts-error.js";
import { credentialsElement, packedPolicySize, type SignedAction } from "./sts-action.js";
import type { StsRole } from "../world.js";

/** Chained sessions, and sessions made with GetSessionToken credentials, are capped at one hour, whatever the role allows. */
const CHAINED_SESSION_MAX_SECONDS = 3600;
const DEFAULT_DURATION_SECONDS = 3600;

export const assumeRole: SignedAction = {
  signed: true,
  run(params, caller, state) {
    validateParams(
      params,
      [ROLE_ARN, ROLE_SESSION_NAME, ROLE_DURATION_SECONDS, EXTERNAL_ID, SERIAL_NUMBER, TOKEN_CODE, POLICY],
      validationErrors,
    );
    const roleArn = params.RoleArn ?? "";
    const sessionName = params.RoleSessionName ?? "";

    let mfaPresent = caller.mfaAuthenticated;
    if (params.SerialNumber !== undefined) {
      state.mfa.verify(params.SerialNumber, params.TokenCode, caller);
      mfaPresent = true;
    }

    // STS gives one message for an unknown role, an untrusted caller and a failed trust condition,
    // so that callers cannot probe which roles exist.
    const role = state.rolesByArn.get(roleArn);
    if (!role || !trusts(role, caller) || !externalIdMatches(role, params.ExternalId) || (role.mfaRequired && !mfaPresent)) {
      throw accessDenied(caller.arn, "sts:AssumeRole", roleArn);
    }

    const durationSeconds = Number(params.DurationSeconds ?? DEFAULT_DURATION_SECONDS);
    if (caller.temporary && durationSeconds > CHAINED_SESSION_MAX_SECONDS) {
      throw durationExceedsChainingLimit();
    }
    if (durationSeconds > (role.maxSessionDuration ?? DEFAULT_MAX_SESSION_SECONDS)) throw durationExceedsRoleMax();

    const session = roleSessionCaller(roleArn, sessionName, mfaPresent);
    const issued = state.issued.issue(session, state.clock.now(), durationSeconds);
    return {
      issued,
      result: {
        Credentials: credentialsElement(issued),
        AssumedRoleUser: { AssumedRoleId: session.userId, Arn: session.arn },
        PackedPolicySize: packedPolicySize(params.Policy),
        SourceIdentity: params.SourceIdentity,
      },
    };
  },
};

// --- internal ---

/** A trust policy names users, roles (any session of the role matches), single sessions or account roots. */
function trusts(role: StsRole, caller: Caller): boolean {
  if (role.trust === "*") return true;
  const names = caller.kind === "role-session" ? [caller.roleArn, caller.arn] : [caller.arn];
  names.push(accountRootOf(caller.arn));
  return (role.trust ?? []).some((allowed) => names.includes(allowed));
}

function externalIdMatches(role: StsRole, externalId: string | undefined): boolean {
  return role.requiredExternalId === undefined || role.requiredExternalId === externalId;
}
