// AssumeRoleWithWebIdentity: unsigned; the identity token is the only proof. The role must be federated
// (StsRole.webIdentity) and accept the token. No role chaining applies, only the role's MaxSessionDuration.
import { DEFAULT_MAX_SESSION_SECONDS } from "../sts-state.js";
import { roleSessionCaller } from "../principals.js";
import { validateParams } from "../validate-params.js";
import { POLICY, ROLE_ARN, ROLE_DURATION_SECONDS, ROLE_SESSION_NAME, WEB_IDENTITY_TOKEN } from "../param-constraints.js";
import { durationExceedsRoleMax, invalidIdentityToken, validationErrors, webIdentityDenied } from "../sts-error.js";
import { credentialsElement, packedPolicySize, type UnsignedAction } from "./sts-action.js";

const DEFAULT_DURATION_SECONDS = 3600;

export const assumeRoleWithWebIdentity: UnsignedAction = {
  signed: false,
  run(params, state) {
    validateParams(
      params,
      [ROLE_ARN, ROLE_SESSION_NAME, WEB_IDENTITY_TOKEN, ROLE_DURATION_SECONDS, POLICY],
      validationErrors,
    );
    const roleArn = params.RoleArn ?? "";
    const role = state.rolesByArn.get(roleArn);
    const federation = role?.webIdentity;
    if (!role || !federation) throw webIdentityDenied();
    if (!federation.acceptedTokens.includes(params.WebIdentityToken ?? "")) throw invalidIdentityToken();

    const durationSeconds = Number(params.DurationSeconds ?? DEFAULT_DURATION_SECONDS);
    if (durationSeconds > (role.maxSessionDuration ?? DEFAULT_MAX_SESSION_SECONDS)) throw durationExceedsRoleMax();

    const session = roleSessionCaller(roleArn, params.RoleSessionName ?? "");
    const issued = state.issued.issue(session, state.clock.now(), durationSeconds);
    return {
      issued,
      result: {
        Credentials: credentialsElement(issued),
        SubjectFromWebIdentityToken: federation.subject,
        AssumedRoleUser: { AssumedRoleId: session.userId, Arn: session.arn },
        PackedPolicySize: packedPolicySize(params.Policy),
        Provider: federation.provider,
        Audience: federation.audience,
      },
    };
  },
};
