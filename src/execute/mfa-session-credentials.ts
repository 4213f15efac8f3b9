// The MFA session of a plan (docs/semantics.md §5.5): STS GetSessionToken signed with the base's long-term
// keys, with the device's serial and one code. execute-plan.ts runs it under the cache's lock for the
// session's own key, like a role hop, so concurrent callers and processes make one call and ask one code.
import { shown } from "../errors.js";
import type { StaticKeysStep } from "../plan/steps.js";
import type { MfaSessionUse } from "../resolve/mfa-session.js";
import type { StsClient, StsSession } from "../runtime/sts.js";
import { staticCredentials } from "./base-credentials.js";
import type { HeldLock } from "../cache/session-cache.js";
import { withMfaCode, type MfaSources } from "./mfa-code.js";
import { toStsCallError, type StsCallContext } from "./sts-errors.js";

export interface MfaSessionContext {
  chain: readonly string[];
  steps: number;
  mfa: MfaSources;
  sts: () => Promise<StsClient>;
  debug: (message: string) => void;
}

/** `held` is the cache lock for the session's key: waiters keep waiting while its holder asks for the code. */
export async function fetchMfaSession(use: MfaSessionUse, base: StaticKeysStep, held: HeldLock, context: MfaSessionContext): Promise<StsSession> {
  // The code is asked for the profile that names the device (its mfa_serial and mfa_process), not the keys'.
  const chain = context.chain.slice(0, context.chain.indexOf(use.mfaProfile) + 1);
  context.debug(`a new MFA session for ${shown(use.serial)} (profile "${use.mfaProfile}") needs an MFA code`);
  const getSessionToken = async (TokenCode: string): Promise<StsSession> => {
    const sts = await context.sts();
    if (!sts.getSessionToken) throw new TypeError("internal: the STS client cannot call GetSessionToken");
    context.debug(`calling GetSessionToken for ${use.serial} (step 1 of ${context.steps}, ${use.durationSeconds} s)`);
    try {
      const session = await sts.getSessionToken({ SerialNumber: use.serial, TokenCode, DurationSeconds: use.durationSeconds }, staticCredentials(base));
      const accountId = base.accountId;
      return accountId && !session.credentials.accountId ? { ...session, credentials: { ...session.credentials, accountId } } : session;
    } catch (error) {
      const where: StsCallContext = { action: "GetSessionToken", roleArn: use.serial, profile: use.profile, chain: context.chain, step: 1, steps: context.steps };
      throw toStsCallError(error, where);
    }
  };
  const mfaProcess = use.mfaProcess;
  return held.whileAsking(() => withMfaCode({ serial: use.serial, profile: use.mfaProfile, chain, ...(mfaProcess !== undefined ? { mfaProcess } : {}) }, context.mfa, getSessionToken));
}

/** Added to an AssumeRole denied while signed through an MFA session. */
export function mfaSessionDeniedNote(use: MfaSessionUse): string {
  return (
    `The role was asked with an MFA session for ${use.serial}: it may require a fresher MFA ` +
    `(an aws:MultiFactorAuthAge condition). Start a new MFA session with "--mfa-session=renew" on the command line ` +
    `or the option mfaSession: { renew: true }, or turn MFA sessions off for this role.`
  );
}
