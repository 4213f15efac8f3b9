// createSandbox(): the emulator plus a temporary home folder holding the profile files, with the process
// environment pointed at both and cleared of anything that could reach real credentials, all undone by
// close() or `await using`. Files are rendered by sandbox-files.ts; variables handled by sandbox-env.ts.
import { rmSync } from "node:fs";
import { mkdir, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocalSts, type LocalSts, type LocalStsOptions } from "./local-sts.js";
import { CLEARED_VARIABLES, applyEnv, claimSandboxSlot } from "./sandbox-env.js";
import { renderProfiles, type SandboxProfile } from "./sandbox-files.js";
import type { StsWorld } from "./world.js";

export interface SandboxOptions extends StsWorld, Omit<LocalStsOptions, "host"> {
  /** The profiles of the sandbox's config and credentials files, by name (`default` is `[default]`). */
  profiles?: Record<string, SandboxProfile>;
  /** Sets `AWS_PROFILE`. Default: unset, so the SDK and this library use the `default` profile. */
  profile?: string;
  /** Sets `AWS_REGION`, the region SDK clients in the test use. Default `us-east-1`. */
  region?: string;
  /** Further variables to set while the sandbox is open; restored on close like the rest. */
  env?: Record<string, string>;
}

/** Where the sandbox's files are. Everything is inside `home`, which close() deletes. */
export interface SandboxPaths {
  /** `<home>/.aws/config`, also in `AWS_CONFIG_FILE`. */
  config: string;
  /** `<home>/.aws/credentials`, also in `AWS_SHARED_CREDENTIALS_FILE`. */
  credentials: string;
  /** `<home>/.aws/cli/cache`, where this library and the AWS CLI keep role sessions (created on first write). */
  cacheDir: string;
  /** Each profile's web identity token file, by profile name. */
  tokens: Readonly<Record<string, string>>;
}

/** An open sandbox. `await using sandbox = await createSandbox(...)` closes it at the end of the scope. */
export interface Sandbox {
  /** The running emulator: its endpoint, call log, faults and world. */
  readonly sts: LocalSts;
  /** The temporary home folder (`HOME` and `USERPROFILE` while open). */
  readonly home: string;
  readonly paths: SandboxPaths;
  /**
   * Every variable the sandbox set (the cleared ones are absent from `process.env` while it is open). A
   * child process started with `process.env` meanwhile gets the same sandbox.
   */
  readonly env: Readonly<Record<string, string>>;
  /** Restores the environment, stops the emulator and deletes `home`. Safe to call more than once. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Starts the STS emulator and a temporary home with the given profiles, and points this library and
 * every AWS SDK client in the process at them until `close()`. Only one sandbox may be open per process.
 *
 * @example
 * await using sandbox = await createSandbox({
 *   users: [alice],
 *   roles: [{ arn: DEPLOY, trust: [alice.arn] }],
 *   profiles: { base: { keys: alice }, deploy: { role_arn: DEPLOY, source_profile: "base" } },
 *   profile: "deploy",
 * });
 * await fromProfileWithRoleAssumption()();
 * expect(sandbox.sts.callsTo("AssumeRole")).toHaveLength(1);
 */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const slot = claimSandboxSlot();
  let sts: LocalSts | undefined;
  let home: string | undefined;
  try {
    const { profiles = {}, profile, region = "us-east-1", env: extraEnv = {}, users, roles, mfaDevices, ...stsOptions } = options;
    home = await realpath(await mkdtemp(join(tmpdir(), "aws-sandbox-")));
    slot.home = home;
    const tokenDir = join(home, "web-identity-tokens");
    const tokenPaths = Object.fromEntries(Object.keys(profiles).map((name, i) => [name, join(tokenDir, `token-${i + 1}`)]));
    const files = renderProfiles(profiles, (name) => tokenPaths[name] ?? "");
    sts = await startLocalSts({ users, roles, mfaDevices }, stsOptions);

    const paths: SandboxPaths = {
      config: join(home, ".aws", "config"),
      credentials: join(home, ".aws", "credentials"),
      cacheDir: join(home, ".aws", "cli", "cache"),
      tokens: Object.fromEntries([...files.tokens.keys()].map((name) => [name, tokenPaths[name] ?? ""])),
    };
    await writeFiles(paths, files);

    const env: Record<string, string> = {
      HOME: home,
      USERPROFILE: home,
      AWS_CONFIG_FILE: paths.config,
      AWS_SHARED_CREDENTIALS_FILE: paths.credentials,
      AWS_ENDPOINT_URL_STS: sts.endpoint,
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_REGION: region,
      ...(profile === undefined ? {} : { AWS_PROFILE: profile }),
      ...extraEnv,
    };
    const restoreEnv = applyEnv(process.env, env, CLEARED_VARIABLES);
    return openSandbox({ sts, home, paths, env, restoreEnv, release: slot.release });
  } catch (error) {
    await sts?.close();
    if (home) await rm(home, { recursive: true, force: true });
    slot.release();
    throw error;
  }
}

// --- internal ---

interface OpenParts {
  sts: LocalSts;
  home: string;
  paths: SandboxPaths;
  env: Record<string, string>;
  restoreEnv(): void;
  release(): void;
}

function openSandbox({ sts, home, paths, env, restoreEnv, release }: OpenParts): Sandbox {
  // A test that never closes its sandbox still leaves no folder of credentials behind.
  const removeHome = () => rmSync(home, { recursive: true, force: true });
  process.once("exit", removeHome);
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      restoreEnv();
      release();
      process.removeListener("exit", removeHome);
      await sts.close();
      await rm(home, { recursive: true, force: true });
    })());
  return { sts, home, paths, env: Object.freeze({ ...env }), close, [ASYNC_DISPOSE]: close } as Sandbox;
}

/** Symbol.asyncDispose where the runtime has it, else the key transpilers' `await using` helpers fall back to. */
const ASYNC_DISPOSE: typeof Symbol.asyncDispose =
  (Symbol as { asyncDispose?: typeof Symbol.asyncDispose }).asyncDispose ?? (Symbol.for("Symbol.asyncDispose") as typeof Symbol.asyncDispose);

async function writeFiles(paths: SandboxPaths, files: ReturnType<typeof renderProfiles>): Promise<void> {
  await mkdir(join(paths.config, ".."), { recursive: true, mode: 0o700 });
  // 0600 like the files `aws configure` writes: they hold (emulator) keys.
  await writeFile(paths.config, files.config, { mode: 0o600 });
  await writeFile(paths.credentials, files.credentials, { mode: 0o600 });
  for (const [name, token] of files.tokens) {
    const path = paths.tokens[name] ?? "";
    await mkdir(join(path, ".."), { recursive: true, mode: 0o700 });
    await writeFile(path, token, { mode: 0o600 });
  }
}
