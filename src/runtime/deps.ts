// Everything the provider takes from the outside world, in one object. defaultDeps() is the one place
// that reads process globals; tests build their own Deps with a fake clock, env, prompter and STS.
import type { Logger } from "@smithy/types";
import type { SessionCache } from "../cache/session-cache.js";
import type { CredentialSourceStep, SdkProfileStep } from "../plan/steps.js";
import type { Credentials } from "./credentials.js";
import { systemClock, type Clock } from "./clock.js";
import type { Env } from "./env.js";
import { nodeFileSystem, type FileSystem } from "./fs.js";
import type { StsClient } from "./sts.js";
import { createTerminalPrompt, type Prompter } from "./terminal-prompt.js";

export interface StsClientSettings {
  region: string;
  clientConfig?: Record<string, any>;
  clientPlugins?: unknown[];
}

export interface Deps {
  clock: Clock;
  /** Uniform in [0, 1): refresh jitter only. Not for anything that must be unguessable. */
  random: () => number;
  /** Cryptographically random bytes: temp-file names, tokens. */
  randomBytes: (size: number) => Uint8Array;
  /** This process's id, as written into temp-file names. */
  pid: number;
  /** The current user's id on POSIX (undefined on Windows): whose cache files may be trusted. */
  uid: number | undefined;
  env: Env;
  logger: Logger;
  prompter: Prompter;
  /** Every file read or write except the SDK INI loader's own reads of the shared config files. */
  fs: FileSystem;
  /** Builds the STS client when the first STS call is about to happen (and only then loads STS code). */
  createSts: (settings: StsClientSettings) => Promise<StsClient>;
  /**
   * Resolves a base step the SDK's own providers serve (credential_source, SSO, credential_process, login);
   * when absent, those providers do. Tests inject one for sources this machine cannot serve.
   */
  sdkSource?: (step: CredentialSourceStep | SdkProfileStep) => Promise<Credentials>;
  /** Where role sessions are kept; when absent, built from the cache options (memory + AWS CLI disk cache). */
  cache?: SessionCache;
}

/** The parts of Deps that reach the file system and identify this process. */
export type SystemDeps = Pick<Deps, "fs" | "pid" | "uid" | "randomBytes">;

export function systemDeps(): SystemDeps {
  return { fs: nodeFileSystem, pid: process.pid, uid: process.getuid?.(), randomBytes: webRandomBytes };
}

export function defaultDeps(logger: Logger | undefined): Deps {
  const system = systemDeps();
  return {
    ...system,
    clock: systemClock,
    random: Math.random,
    env: process.env,
    logger: logger ?? consoleWarnings,
    prompter: createTerminalPrompt(undefined, system),
    createSts: createSdkSts,
  };
}

// --- internal ---

const noop = () => undefined;

// One function for every provider: its identity is part of a session's in-process identity
// (execute/session-flights.ts), so providers that talk to the same STS share sessions.
const createSdkSts: Deps["createSts"] = async (settings) => {
  const { createSdkStsClient } = await import("./sdk-sts-client.js");
  return createSdkStsClient(settings as Parameters<typeof createSdkStsClient>[0]);
};

/** Like the SDK: warnings reach the console unless a logger is given; debug output does not. */
const consoleWarnings: Logger = {
  trace: noop,
  debug: noop,
  info: noop,
  warn: (...content: unknown[]) => console.warn(...content),
  error: (...content: unknown[]) => console.error(...content),
};

/**
 * Cryptographically strong bytes from the Web Crypto global, which loads Node's crypto only when first
 * called (importing node:crypto would load it, and its streams, in every process at import).
 */
function webRandomBytes(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  // getRandomValues fills at most 65,536 bytes per call.
  for (let at = 0; at < size; at += 65_536) globalThis.crypto.getRandomValues(bytes.subarray(at, Math.min(size, at + 65_536)));
  return bytes;
}
