// Where an MFA code comes from: the mfaCodeProvider option, else a terminal prompt when a person is
// there, else the JS SDK's error. Only called on a cache miss, right before that hop's AssumeRole.
import { MfaError, shown } from "../errors.js";
import type { Prompter } from "../runtime/terminal-prompt.js";

export type MfaCodeProvider = (mfaSerial: string) => Promise<string>;

export interface MfaSources {
  mfaCodeProvider?: MfaCodeProvider;
  prompter: Prompter;
}

export async function getMfaCode(serial: string, profile: string, chain: readonly string[], sources: MfaSources): Promise<string> {
  if (sources.mfaCodeProvider) {
    return askWith(() => sources.mfaCodeProvider!(serial), profile, chain);
  }
  if (sources.prompter.isInteractive()) {
    return askWith(() => sources.prompter.ask(`Enter MFA code for ${shown(serial)}: `), profile, chain);
  }
  // The exact text of the JS SDK (SEMANTICS.md behaviour 20), so existing handlers keep matching it.
  throw new MfaError(`Profile ${profile} requires multi-factor authentication, but no MFA code callback was provided.`, {
    code: "MFA_CODE_REQUIRED",
    profile,
    chain,
    key: "mfa_serial",
  });
}

// --- internal ---

async function askWith(ask: () => Promise<string>, profile: string, chain: readonly string[]): Promise<string> {
  let code: string;
  try {
    code = String(await ask()).trim();
  } catch (error) {
    throw new MfaError(`Could not get an MFA code for profile "${profile}": ${(error as Error)?.message ?? error}`, {
      code: "MFA_CODE_REQUIRED",
      profile,
      chain,
      key: "mfa_serial",
      cause: error,
    });
  }
  if (code === "") {
    throw new MfaError(`No MFA code was entered for profile "${profile}"; enter the 6-digit code from the device.`, {
      code: "MFA_CODE_REQUIRED",
      profile,
      chain,
      key: "mfa_serial",
    });
  }
  return code;
}
