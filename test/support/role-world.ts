// A test world for integration tests: a temp HOME with ~/.aws/config and ~/.aws/credentials, the local
// STS emulator on 127.0.0.1 with the users and roles of docs/semantics.md §11, and providers wired to
// it through the real SDK STS client. Tests inject the clock, env, prompter and cache through Deps.
import { createMemoryCache } from "../../src/cache/memory-cache.js";
import { createProvider } from "../../src/from-profile-with-role-assumption.js";
import type { FromProfileWithRoleAssumptionOptions } from "../../src/options.js";
import { defaultDeps, type Deps } from "../../src/runtime/deps.js";
import type { Clock } from "../../src/runtime/clock.js";
import type { Prompter } from "../../src/runtime/terminal-prompt.js";
import { startLocalSts, type LocalSts, type StsRole, type StsUser, type StsWorld } from "../../src/testing/index.js";
import { captureLogger } from "./capture-logger.js";
import { childEnv, sandboxHome } from "./sandbox-home.js";

export const ACCOUNT = "123456789012";
export const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

export const BASE: StsUser = {
  accessKeyId: "AKIDBASE000000000001",
  secretAccessKey: "SBASE-canary-secret-0001",
  arn: "arn:aws:iam::111111111111:user/base",
};
export const HOP_USER: StsUser = {
  accessKeyId: "AKIDHOP0000000000001",
  secretAccessKey: "SHOP-canary-secret-0001",
  arn: "arn:aws:iam::111111111111:user/hop",
};
export const ENV_USER: StsUser = {
  accessKeyId: "AKIDENV0000000000001",
  secretAccessKey: "SENV-canary-secret-0001",
  arn: "arn:aws:iam::111111111111:user/env",
};
export const MFA_SERIAL = "arn:aws:iam::111111111111:mfa/base";

/** Roles that anyone in the world may assume (the trust rules are tested in the emulator's own tests). */
export function openRole(name: string, extra: Partial<StsRole> = {}): StsRole {
  return { arn: role(name), trust: "*", ...extra };
}

export const CREDENTIALS_FILE = `[base]
aws_access_key_id = ${BASE.accessKeyId}
aws_secret_access_key = ${BASE.secretAccessKey}
`;

export interface RoleWorld {
  sts: LocalSts;
  home: string;
  env: Record<string, string>;
  log: ReturnType<typeof captureLogger>;
  config(text: string): Promise<void>;
  credentials(text: string): Promise<void>;
  /** The whole environment of a child process in this world: childEnv() with HOME and the emulator's endpoint. */
  childEnv(extra?: Record<string, string | undefined>): NodeJS.ProcessEnv;
  /** A provider wired to the emulator; `deps` replaces any injected part. */
  provider(options?: FromProfileWithRoleAssumptionOptions, deps?: Partial<Deps>): ReturnType<typeof createProvider>;
  close(): Promise<void>;
}

/**
 * `clock`, when given, drives both the emulator (issue and expiry times) and the providers.
 * `checkSigningTime` makes the emulator refuse requests signed 15 minutes or more away from its clock;
 * `sessionDurationSeconds` makes it issue every session for that long.
 */
export async function startRoleWorld(
  world: StsWorld = {},
  setup: { clock?: Clock; checkSigningTime?: boolean; sessionDurationSeconds?: number } = {},
): Promise<RoleWorld> {
  const sandbox = await sandboxHome({ prefix: "apc-world-", credentials: CREDENTIALS_FILE });
  const home = sandbox.home;
  const sts = await startLocalSts(
    {
      users: [BASE, HOP_USER, ENV_USER, ...(world.users ?? [])],
      roles: [...(world.roles ?? [])],
      mfaDevices: [{ serial: MFA_SERIAL, codes: ["123456", "234567", "345678"] }, ...(world.mfaDevices ?? [])],
    },
    {
      ...(setup.clock ? { clock: setup.clock } : {}),
      ...(setup.checkSigningTime ? { checkSigningTime: true } : {}),
      ...(setup.sessionDurationSeconds ? { sessionDurationSeconds: setup.sessionDurationSeconds } : {}),
    },
  );
  const env: Record<string, string> = { HOME: home };
  const log = captureLogger();
  return {
    sts,
    home,
    env,
    log,
    config: sandbox.config,
    credentials: sandbox.credentials,
    childEnv: (extra = {}) => childEnv({ HOME: home, AWS_ENDPOINT_URL_STS: sts.endpoint, ...extra }),
    provider: (options = {}, deps = {}) =>
      createProvider(
        { ...options, clientConfig: { endpoint: sts.endpoint, maxAttempts: 1, ...options.clientConfig } },
        { ...defaultDeps(log.logger), env, cache: createMemoryCache(), prompter: noTerminal, ...(setup.clock ? { clock: setup.clock } : {}), ...deps },
      ),
    close: async () => {
      await sts.close();
      await sandbox.remove();
    },
  };
}

export const noTerminal: Prompter = {
  isInteractive: () => false,
  ask: () => Promise.reject(new Error("no terminal in tests")),
};
