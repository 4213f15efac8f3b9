// The process-environment side of the sandbox: which variables it sets or clears, applying them with a
// record of the previous values, restoring exactly those, and the one-sandbox-per-process slot.

/**
 * Variables that could lead the SDK or this library to real credentials or real STS, removed while a
 * sandbox is open: keys, profile selection, container and web identity sources, the switch that would make
 * SDK clients ignore AWS_ENDPOINT_URL_STS, Windows home fallbacks and this library's own cache switch.
 */
export const CLEARED_VARIABLES = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_SECURITY_TOKEN",
  "AWS_CREDENTIAL_EXPIRATION",
  "AWS_CREDENTIAL_SCOPE",
  "AWS_ACCOUNT_ID",
  "AWS_PROFILE",
  "AWS_DEFAULT_PROFILE",
  "AWS_DEFAULT_REGION",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
  "AWS_CONTAINER_AUTHORIZATION_TOKEN",
  "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_ROLE_ARN",
  "AWS_ROLE_SESSION_NAME",
  "AWS_EC2_METADATA_SERVICE_ENDPOINT",
  "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
  "AWS_PROFILE_CREDENTIALS_CACHE",
  "HOMEDRIVE",
  "HOMEPATH",
] as const;

/** Sets `set` and deletes `cleared` in `env`; the returned function puts back exactly what was there. */
export function applyEnv(env: NodeJS.ProcessEnv, set: Readonly<Record<string, string>>, cleared: readonly string[]): () => void {
  const previous = new Map<string, string | undefined>();
  for (const key of [...cleared, ...Object.keys(set)]) if (!previous.has(key)) previous.set(key, env[key]);
  for (const key of cleared) delete env[key];
  Object.assign(env, set);
  return () => {
    for (const [key, value] of previous) {
      if (value === undefined) delete env[key];
      else env[key] = value;
    }
  };
}

/**
 * Claims the process's sandbox slot, or throws when another sandbox is open. Kept on globalThis under a
 * registered symbol so that two copies of this module (an ES and a CommonJS load) share it.
 */
export function claimSandboxSlot(): SandboxSlot {
  const holder = globalThis as { [SLOT]?: SandboxSlot };
  const current = holder[SLOT];
  if (current !== undefined) {
    const where = current.home === undefined ? "still starting" : `home ${current.home}`;
    throw new Error(
      `createSandbox: a sandbox is already open in this process (${where}). A sandbox changes process.env, ` +
        "so two at once would overwrite each other's variables: close the first one (await sandbox.close(), or " +
        "`await using`) before creating another, or give each test file its own process",
    );
  }
  const slot: SandboxSlot = {
    release: () => {
      if (holder[SLOT] === slot) delete holder[SLOT];
    },
  };
  holder[SLOT] = slot;
  return slot;
}

export interface SandboxSlot {
  /** Named in the error a second createSandbox gets. */
  home?: string;
  release(): void;
}

// --- internal ---

const SLOT = Symbol.for("aws-profile-credentials/testing.sandbox");
