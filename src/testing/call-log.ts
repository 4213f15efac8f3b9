// The record of every request the emulator received, which is what tests assert on ("exactly one
// AssumeRole, signed by AKIDBASE"). Secrets sent as parameters never enter it.
import type { StsActionName } from "./actions/index.js";
import type { StsErrorCode } from "./sts-error.js";

/**
 * How a call ended: `"ok"`, the STS error code it was answered with, `"dropped"` when the connection was
 * cut (a drop fault, or `close()` during a delay), `"pending"` while it is in flight.
 */
export type StsCallOutcome = "ok" | "pending" | "dropped" | StsErrorCode;

/** One request, in arrival order. */
export interface StsCall {
  /**
   * The `Action` parameter, e.g. `AssumeRole`: one of the served actions, or whatever else a malformed
   * request sent (answered `InvalidAction`; empty when missing).
   */
  action: StsActionName | (string & {});
  /**
   * Every form/query parameter except `Action` and `Version`. `TokenCode` and `WebIdentityToken` are
   * recorded as {@link REDACTED} when present, so logs and snapshots never hold a secret.
   */
  params: Readonly<Record<string, string>>;
  /** Access key id from the Authorization header; undefined for unsigned requests. Set even if the signature was bad. */
  signedBy?: string;
  /** Region from the SigV4 credential scope. */
  region?: string;
  /** `"ok"`, the STS error code returned, `"dropped"` when the connection was cut, `"pending"` while in flight. */
  outcome: StsCallOutcome;
  /** HTTP status sent; undefined when dropped or pending. */
  status?: number;
  /** Access key id of the temporary credentials this call issued. */
  issuedAccessKeyId?: string;
  /** The RequestId returned in the body and the `x-amzn-RequestId` header. */
  requestId: string;
  /** Arrival time by the emulator's clock (epoch ms). */
  at: number;
}

/** Stand-in value for secret parameters in the call log. */
export const REDACTED = "<redacted>";

const SECRET_PARAMS = new Set(["TokenCode", "WebIdentityToken"]);
const UNRECORDED_PARAMS = new Set(["Action", "Version"]);

/** The parameters as recorded: protocol fields dropped, secrets replaced by {@link REDACTED}. */
export function recordedParams(params: Readonly<Record<string, string>>): Record<string, string> {
  const recorded: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (!UNRECORDED_PARAMS.has(name)) recorded[name] = SECRET_PARAMS.has(name) ? REDACTED : value;
  }
  return recorded;
}
