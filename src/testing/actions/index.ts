// The actions the emulator serves, by their Query-protocol `Action` name. Anything else is InvalidAction.
import { assumeRole } from "./assume-role.js";
import { assumeRoleWithWebIdentity } from "./assume-role-with-web-identity.js";
import { getCallerIdentity } from "./get-caller-identity.js";
import { getSessionToken } from "./get-session-token.js";
import type { StsAction } from "./sts-action.js";

/** The STS actions the emulator serves, by their Query-protocol name (`callsTo`, fault scopes). */
export type StsActionName = "AssumeRole" | "AssumeRoleWithWebIdentity" | "GetCallerIdentity" | "GetSessionToken";

// A Map rather than an object literal, so that `Action=toString` cannot reach Object.prototype. Keyed by
// string: requests name any action they like, and anything else is InvalidAction.
export const STS_ACTIONS: ReadonlyMap<string, StsAction> = new Map<StsActionName, StsAction>([
  ["AssumeRole", assumeRole],
  ["AssumeRoleWithWebIdentity", assumeRoleWithWebIdentity],
  ["GetCallerIdentity", getCallerIdentity],
  ["GetSessionToken", getSessionToken],
]);

export type { ActionOutcome, StsAction, StsParams } from "./sts-action.js";
