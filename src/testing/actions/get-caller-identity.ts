// GetCallerIdentity: who signed the request. Never denied, so it is the probe tests use to prove which
// credentials a client ended up with.
import type { SignedAction } from "./sts-action.js";

export const getCallerIdentity: SignedAction = {
  signed: true,
  run: (_params, caller) => ({ result: { Arn: caller.arn, UserId: caller.userId, Account: caller.account } }),
};
