// The contract between the request handler and one STS action, plus the response pieces several actions
// share (the Credentials element, PackedPolicySize). Each action lives in its own file beside this one.
import { formatExpiration, type IssuedCredentials } from "../credential-store.js";
import type { Caller } from "../principals.js";
import type { StsState } from "../sts-state.js";
import type { XmlFields } from "../xml.js";

/** Form parameters of one request, by name (`RoleArn`, `DurationSeconds`, …). */
export type StsParams = Readonly<Record<string, string>>;

/** What an action returns: the `<…Result>` members, and the credentials it issued, if any. */
export interface ActionOutcome {
  result: XmlFields;
  issued?: IssuedCredentials;
}

/** An action that requires a SigV4 signature; it runs with the verified caller. */
export interface SignedAction {
  signed: true;
  run(params: StsParams, caller: Caller, state: StsState): ActionOutcome;
}

/** An action STS serves without authentication (AssumeRoleWithWebIdentity: the token is the proof). */
export interface UnsignedAction {
  signed: false;
  run(params: StsParams, state: StsState): ActionOutcome;
}

export type StsAction = SignedAction | UnsignedAction;

/** The `<Credentials>` element, members in STS's order. */
export function credentialsElement(issued: IssuedCredentials): XmlFields {
  return {
    AccessKeyId: issued.accessKeyId,
    SecretAccessKey: issued.secretAccessKey,
    SessionToken: issued.sessionToken,
    Expiration: formatExpiration(issued.expiresAt),
  };
}

/**
 * STS reports how much of the packed session-policy allowance a session policy used, as a percentage, and
 * only when one was passed. Real STS compresses the policy first; the raw length is a fair stand-in.
 */
export function packedPolicySize(policy: string | undefined): number | undefined {
  return policy === undefined ? undefined : Math.max(1, Math.ceil((policy.length * 100) / 2048));
}
