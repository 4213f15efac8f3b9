// The sandbox's profile files: a small description of profiles rendered as ~/.aws/config and
// ~/.aws/credentials text (keys go to the credentials file, as `aws configure` puts them), plus the web
// identity token files they point at. Pure text; sandbox.ts writes it.

/** Keys for a profile's credentials-file section. An `StsUser` fits, so the emulator's users can be reused. */
export interface SandboxKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * One profile. snake_case members are ~/.aws/config settings, written as given; camelCase members are
 * sandbox helpers that write something for you.
 *
 * @example
 * { base: { keys: alice }, deploy: { role_arn: DEPLOY, source_profile: "base", region: "eu-west-1" } }
 */
export interface SandboxProfile {
  /** Written to the credentials file as `aws_access_key_id` / `aws_secret_access_key` / `aws_session_token`. */
  keys?: SandboxKeys;
  /** Written to a file inside the sandbox, whose path becomes the profile's `web_identity_token_file`. */
  webIdentityToken?: string;
  role_arn?: string;
  source_profile?: string;
  credential_source?: "Environment" | "Ec2InstanceMetadata" | "EcsContainer";
  mfa_serial?: string;
  external_id?: string;
  role_session_name?: string;
  duration_seconds?: number;
  region?: string;
  credential_process?: string;
  web_identity_token_file?: string;
  /** Any other setting, written as `key = value` (e.g. `{ output: "json" }`). */
  settings?: Record<string, string | number>;
}

export interface ProfileFiles {
  config: string;
  credentials: string;
  /** Web identity token files to write: profile name -> token. */
  tokens: Map<string, string>;
}

/**
 * Renders `profiles` into file text. `tokenPath(name)` is where a profile's web identity token will be
 * written. Names or values that would break the INI layout (newlines, `]` in a name) throw a TypeError.
 */
export function renderProfiles(profiles: Readonly<Record<string, SandboxProfile>>, tokenPath: (profile: string) => string): ProfileFiles {
  const config: string[] = [];
  const credentials: string[] = [];
  const tokens = new Map<string, string>();
  for (const [name, profile] of Object.entries(profiles)) {
    checkName(name);
    const { keys, webIdentityToken, settings, ...configured } = profile;
    const lines = settingLines(name, { ...configured, ...settings });
    if (webIdentityToken !== undefined) {
      tokens.set(name, webIdentityToken);
      lines.push(`web_identity_token_file = ${tokenPath(name)}`);
    }
    config.push(name === "default" ? "[default]" : `[profile ${name}]`, ...lines, "");
    if (keys) {
      const values = { aws_access_key_id: keys.accessKeyId, aws_secret_access_key: keys.secretAccessKey, aws_session_token: keys.sessionToken };
      credentials.push(`[${name}]`, ...settingLines(name, values), "");
    }
  }
  return { config: config.join("\n"), credentials: credentials.join("\n"), tokens };
}

// --- internal ---

function checkName(name: string): void {
  if (name.trim() === "" || /[\]\r\n]/.test(name) || name !== name.trim()) {
    throw new TypeError(`createSandbox: profile name ${JSON.stringify(name)} cannot be written to a config file (empty, "]", a newline or outer spaces)`);
  }
}

function settingLines(profile: string, values: Record<string, string | number | undefined>): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (!/^[A-Za-z0-9_.-]+$/.test(key) || /[\r\n]/.test(String(value))) {
      throw new TypeError(`createSandbox: profile ${profile}: setting ${JSON.stringify(key)} cannot be written to a config file (bad key or a newline in its value)`);
    }
    lines.push(`${key} = ${value}`);
  }
  return lines;
}
