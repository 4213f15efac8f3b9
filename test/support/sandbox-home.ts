// Temp folders and sandbox homes for tests: a HOME with its own ~/.aws/config, ~/.aws/credentials and
// ~/.aws/cli/cache, and the clean environment a child process gets (no inherited AWS_* variable, no
// instance metadata probe). The test process's own HOME is already a temp folder (isolate-env.ts);
// these are for tests that need files of their own or hand a HOME to a child process.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A fresh, empty folder `<parent>/<prefix>XXXXXX`; removeTempDirs() removes it. */
export async function tempDir(prefix: string, parent = tmpdir()): Promise<string> {
  const dir = await mkdtemp(join(parent, prefix));
  made.push(dir);
  return dir;
}

/** Removes every folder tempDir() and sandboxHome() made so far: for afterEach or afterAll. */
export async function removeTempDirs(): Promise<void> {
  const dirs = made.splice(0);
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
}

export interface SandboxHome {
  home: string;
  /** ~/.aws/cli/cache, the AWS CLI disk cache (created only when asked for). */
  cacheDir: string;
  /** Writes ~/.aws/config. */
  config(text: string): Promise<void>;
  /** Writes ~/.aws/credentials. */
  credentials(text: string): Promise<void>;
  /** `{ HOME: home, ...extra }`, an environment for code that takes one injected. */
  env(extra?: Record<string, string>): Record<string, string>;
  remove(): Promise<void>;
}

export interface SandboxSetup {
  config?: string;
  credentials?: string;
  /** Also creates ~/.aws/cli/cache. */
  cacheDir?: boolean;
  /** Folder name prefix, so a leftover folder says which test made it. */
  prefix?: string;
  /** Where to make the home; the system temp folder by default. */
  parent?: string;
}

/** A temp HOME with ~/.aws and the given files. */
export async function sandboxHome(setup: SandboxSetup = {}): Promise<SandboxHome> {
  const home = await tempDir(setup.prefix ?? "apc-home-", setup.parent);
  const aws = join(home, ".aws");
  const cacheDir = join(aws, "cli", "cache");
  await mkdir(setup.cacheDir ? cacheDir : aws, { recursive: true });
  const sandbox: SandboxHome = {
    home,
    cacheDir,
    config: (text) => writeFile(join(aws, "config"), text),
    credentials: (text) => writeFile(join(aws, "credentials"), text),
    env: (extra = {}) => ({ HOME: home, ...extra }),
    remove: () => rm(home, { recursive: true, force: true }),
  };
  if (setup.config !== undefined) await sandbox.config(setup.config);
  if (setup.credentials !== undefined) await sandbox.credentials(setup.credentials);
  return sandbox;
}

/**
 * The whole environment of a child process: PATH, the instance metadata probe off and the SDK's Node 20
 * notice off (as isolate-env.ts sets for the test process), plus `extra` (HOME, AWS_* for the test...).
 * Nothing else of the test process's environment is inherited.
 */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    ...extra,
  };
}

// --- internal ---

const made: string[] = [];
