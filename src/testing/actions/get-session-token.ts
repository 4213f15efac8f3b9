// GetSessionToken: temporary credentials for an IAM user, optionally MFA-authenticated. Such credentials
// satisfy a role's mfaRequired without a TokenCode on the AssumeRole call (the aws-vault flow).
import { validateParams } from "../validate-params.js";
import { SERIAL_NUMBER, SESSION_TOKEN_DURATION_SECONDS, TOKEN_CODE } from "../param-constraints.js";
import { sessionCredentialsCannotGetSessionToken, validationErrors } from "../sts-error.js";
import { credentialsElement, type SignedAction } from "./sts-action.js";

/** STS's default for GetSessionToken is 12 hours, unlike the 1 hour of AssumeRole. */
const DEFAULT_DURATION_SECONDS = 43200;

export const getSessionToken: SignedAction = {
  signed: true,
  run(params, caller, state) {
    validateParams(params, [SESSION_TOKEN_DURATION_SECONDS, SERIAL_NUMBER, TOKEN_CODE], validationErrors);
    if (caller.kind !== "user" || caller.temporary) throw sessionCredentialsCannotGetSessionToken();

    let mfaAuthenticated = false;
    if (params.SerialNumber !== undefined) {
      state.mfa.verify(params.SerialNumber, params.TokenCode, caller);
      mfaAuthenticated = true;
    }
    const durationSeconds = Number(params.DurationSeconds ?? DEFAULT_DURATION_SECONDS);
    const issued = state.issued.issue({ ...caller, temporary: true, mfaAuthenticated }, state.clock.now(), durationSeconds);
    return { issued, result: { Credentials: credentialsElement(issued) } };
  },
};
