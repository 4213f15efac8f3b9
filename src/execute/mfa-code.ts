// Where an MFA code comes from, and what happens when STS refuses it (docs/semantics.md §5): the
// mfaCodeProvider option, else the profile's mfa_process, else a prompt when a person is at a terminal,
// else MFA_CODE_REQUIRED naming the three ways. A refused code asks again at the prompt (3 tries, each a
// new STS call); from a callback or mfa_process it fails at once. Only called on a cache miss.
import { formatChain, MfaError, shown } from "../errors.js";
import { programOf } from "../profile/shell-words.js";
import type { Env } from "../runtime/env.js";
import type { Prompter } from "../runtime/terminal-prompt.js";

export type MfaCodeProvider = (mfaSerial: string) => Promise<string>;

export interface MfaSources {
  mfaCodeProvider?: MfaCodeProvider;
  prompter: Prompter;
  /** The environment an mfa_process runs with. */
  env: Env;
  /** Whether sessions are shared through the disk cache (what MFA_CODE_REQUIRED suggests). */
  sharedCache: boolean;
  /** @default 60 s (runtime/mfa-process.ts) */
  mfaProcessTimeoutMs?: number;
}

/** The hop that needs a code: its device, the profile naming it (with its mfa_process) and the chain. */
export interface MfaHop {
  serial: string;
  profile: string;
  chain: readonly string[];
  mfaProcess?: string;
}

/** At most this many codes are asked for at the prompt when STS refuses them. */
export const MAX_CODE_TRIES = 3;

/** Gets a code and runs `call` (the STS call) with it; nothing from a refused call is kept. */
export async function withMfaCode<T>(hop: MfaHop, sources: MfaSources, call: (code: string) => Promise<T>): Promise<T> {
  const source = codeSource(hop, sources);
  const tries = source.interactive ? MAX_CODE_TRIES : 1;
  for (let attempt = 1; ; attempt++) {
    const code = await askWith(() => source.get(attempt), hop, source.key);
    try {
      return await call(code);
    } catch (error) {
      if ((error as { code?: unknown })?.code !== "MFA_CODE_INVALID") throw error;
      if (attempt >= tries) throw refused(error as Error, hop, attempt, source.describe);
    }
  }
}

// --- internal ---

interface CodeSource {
  get(attempt: number): Promise<string>;
  interactive: boolean;
  /** The profile key a failure points at. */
  key: string;
  /** What supplied the refused code, for the message. */
  describe: string;
}

function codeSource(hop: MfaHop, sources: MfaSources): CodeSource {
  const { serial, mfaProcess } = hop;
  if (sources.mfaCodeProvider) {
    return { get: () => sources.mfaCodeProvider!(serial), interactive: false, key: "mfa_serial", describe: "the mfaCodeProvider option" };
  }
  if (mfaProcess !== undefined) {
    return { get: () => runProcess(hop, mfaProcess, sources), interactive: false, key: "mfa_process", describe: `mfa_process "${shown(programOf(mfaProcess))}"` };
  }
  if (sources.prompter.isInteractive()) {
    const question = (attempt: number) =>
      (attempt > 1 ? `The MFA code was refused by STS; try again (${attempt} of ${MAX_CODE_TRIES}).\n` : "") + `Enter MFA code for ${shown(serial)}: `;
    return { get: (attempt) => sources.prompter.ask(question(attempt)), interactive: true, key: "mfa_serial", describe: "the prompt" };
  }
  throw noWayToAsk(hop, sources.sharedCache);
}

async function runProcess(hop: MfaHop, command: string, sources: MfaSources): Promise<string> {
  const { runMfaProcess, MfaProcessError } = await import("../runtime/mfa-process.js");
  const run = (stdio: Parameters<typeof runMfaProcess>[1]["stdio"]) =>
    runMfaProcess(command, { stdio, env: sources.env, ...(sources.mfaProcessTimeoutMs !== undefined ? { timeoutMs: sources.mfaProcessTimeoutMs } : {}) });
  try {
    return await (sources.prompter.withTerminal ? sources.prompter.withTerminal(run) : run(["ignore", "ignore"]));
  } catch (error) {
    if (!(error instanceof MfaProcessError)) throw error;
    throw new MfaError(
      `mfa_process "${shown(programOf(command))}" of profile "${hop.profile}" gave no MFA code for ${shown(hop.serial)}: it ${error.message}. ` +
        `Check that the command prints the device's current code on standard output (profile chain: ${formatChain(hop.chain)}).`,
      { code: "MFA_CODE_REQUIRED", profile: hop.profile, chain: hop.chain, key: "mfa_process", cause: error },
    );
  }
}

function noWayToAsk({ profile, chain }: MfaHop, sharedCache: boolean): MfaError {
  const selected = chain[0] ?? profile;
  // The JS SDK's sentence first (docs/semantics.md §5.1), so existing handlers keep matching it.
  return new MfaError(
    `Profile ${profile} requires multi-factor authentication, but no MFA code callback was provided. ` +
      `No terminal is available to ask on. Supply the code in one of three ways: the mfaCodeProvider option; ` +
      `mfa_process in profile "${profile}" (a command that prints the code); or a terminal, where you are prompted.` +
      (sharedCache
        ? ` Or run \`aws-profile-credentials export --profile ${selected}\` once in a terminal: the session it caches in the shared AWS CLI cache is used here until it expires.`
        : ""),
    { code: "MFA_CODE_REQUIRED", profile, chain, key: "mfa_serial" },
  );
}

function refused(error: Error, hop: MfaHop, attempts: number, describe: string): MfaError {
  const times = attempts > 1 ? ` (${attempts} codes refused)` : "";
  return new MfaError(`The MFA code from ${describe} for ${shown(hop.serial)} was refused${times}: ${error.message}`, {
    code: "MFA_CODE_INVALID",
    profile: hop.profile,
    chain: hop.chain,
    key: "mfa_serial",
    cause: error,
  });
}

async function askWith(ask: () => Promise<string>, hop: MfaHop, key: string): Promise<string> {
  let code: string;
  try {
    code = String(await ask()).trim();
  } catch (error) {
    if (error instanceof MfaError) throw error;
    throw new MfaError(`Could not get an MFA code for profile "${hop.profile}": ${(error as Error)?.message ?? error}`, {
      code: "MFA_CODE_REQUIRED",
      profile: hop.profile,
      chain: hop.chain,
      key,
      cause: error,
    });
  }
  if (code === "") {
    throw new MfaError(`No MFA code was entered for profile "${hop.profile}"; enter the 6-digit code from the device.`, {
      code: "MFA_CODE_REQUIRED",
      profile: hop.profile,
      chain: hop.chain,
      key,
    });
  }
  return code;
}
