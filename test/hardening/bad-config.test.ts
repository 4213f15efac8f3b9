// Hardening, area 2: malformed configuration through the whole provider (SDK ini loader, planner, executor,
// SDK source providers) against the STS emulator. Each row gives its specific error code with a message that
// names the profile, the chain and the key, or the documented fallback; no row calls STS unless it must; no
// row hangs (each is raced against a 5 s bound); no row ends in the SDK chain's "Could not load credentials
// from any providers" (AWS_EC2_METADATA_DISABLED is set by test/support/isolate-env.ts, and every error
// must be ours, with tryNextLink false).
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatChain, isProfileCredentialsError, shown, type ErrorCode, type ProfileCredentialsError } from "../../src/errors.js";
import { nodeFileSystem } from "../../src/runtime/fs.js";
import { openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";

const ADMIN = role("Admin");
const BASE_KEYS = ["aws_access_key_id = AKIDBASE000000000001", "aws_secret_access_key = SBASE-canary-secret-0001"];
const ROLE = (source = "base") => [`role_arn = ${ADMIN}`, `source_profile = ${source}`];

interface Row {
  name: string;
  /** Config file: lines, or raw bytes. Absent: no config file. */
  config?: string[] | Buffer;
  /** Credentials file; default: [base] with static keys. */
  credentials?: string[] | Buffer;
  /** Extra setup in the temp HOME; returns env additions. */
  setup?: (home: string) => Promise<Record<string, string>>;
  profile: string;
  expect:
    | {
        code: ErrorCode;
        key?: string;
        /** error.chain: the selected profile to the one at fault. */
        chain?: string[];
        /** The profile path the message shows, when it goes further than `chain` (a cycle, a missing source). */
        path?: string[];
        includes?: string[];
        stsCalls?: number;
      }
    | { resolves: true; stsCalls: number; warns?: string; durationSeconds?: string | undefined };
}

const ringNames = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);
const hopNames = (n: number) => Array.from({ length: n }, (_, i) => `h${i}`);
/** Hop i assumes role Hop<i>: distinct roles (a chain that assumes one role twice: same-role-chain.test.ts). */
const HOPS = 50;

const ring = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => [`[profile c${i}]`, `role_arn = ${ADMIN}`, `source_profile = c${(i + 1) % n}`]).flat();

const longChain = (hops: number, end: string): string[] =>
  Array.from({ length: hops }, (_, i) => [`[profile h${i}]`, `role_arn = ${role(`Hop${i}`)}`, `source_profile = ${i === hops - 1 ? end : `h${i + 1}`}`]).flat();

const rows: Row[] = [
  // --- broken ini lines ---
  { name: "a section header without its closing bracket", config: ["[profile r", ...ROLE()], profile: "r", expect: { code: "PROFILE_NOT_FOUND", chain: ["r"], includes: ['Line 1 of the config file, starting "[profile r", is not a section header: it has no closing "]"'] } },
  { name: "a section header with a key on the same line", config: [`[profile r] role_arn = ${ADMIN}`, "source_profile = base"], profile: "r", expect: { code: "PROFILE_NOT_FOUND", includes: ['Line 1 of the config file, starting "[profile r]", is not a section header: text follows its "]"'] } },
  { name: "a comment right after a section header, with no space before it", config: ["[profile r]#mine", ...ROLE()], profile: "r", expect: { code: "PROFILE_NOT_FOUND", includes: ['starting "[profile r]", is not a section header', "needs a space before the #"] } },
  { name: "a credentials header without its bracket, the secret on its line", config: ["[profile r]", ...ROLE()], credentials: ["[base aws_secret_access_key SBASE-canary-secret-0001", "aws_access_key_id = AKIDBASE000000000001"], profile: "r", expect: { code: "SOURCE_PROFILE_NOT_FOUND", key: "source_profile", path: ["r", "base"], includes: ['Line 1 of the credentials file, starting "[base", is not a section header'] } },
  { name: "a credentials header with the secret on its line", config: ["[profile r]", ...ROLE()], credentials: ["[base] aws_secret_access_key = SBASE-canary-secret-0001", "aws_access_key_id = AKIDBASE000000000001"], profile: "r", expect: { code: "SOURCE_PROFILE_NOT_FOUND", key: "source_profile", path: ["r", "base"], includes: ['Line 1 of the credentials file, starting "[base]", is not a section header'] } },
  { name: "a role_arn line without '='", config: ["[profile r]", `role_arn ${ADMIN}`, "source_profile = base"], profile: "r", expect: { code: "PROFILE_HAS_NO_CREDENTIALS", chain: ["r"] } },
  { name: "a source_profile line without '='", config: ["[profile r]", `role_arn = ${ADMIN}`, "source_profile base"], profile: "r", expect: { code: "MISSING_CREDENTIAL_SOURCE", key: "source_profile", chain: ["r"] } },
  { name: "a stray line of garbage between valid keys (ignored: documented fallback)", config: ["[profile r]", `role_arn = ${ADMIN}`, "}}}{{{ !!!", "source_profile = base"], profile: "r", expect: { resolves: true, stsCalls: 1 } },
  { name: "a file of random binary bytes", config: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), profile: "r", expect: { code: "PROFILE_NOT_FOUND", includes: ["not UTF-8"] } },
  { name: "NUL bytes inside a value", config: ["[profile r]", `role_arn = ${ADMIN}\u0000x`, "source_profile = base"], profile: "r", expect: { code: "INVALID_ROLE_ARN", key: "role_arn", includes: ["Admin\\u0000x"] } },
  // --- unknown or misspelt keys ---
  { name: "a misspelt role_arn (rol_arn)", config: ["[profile r]", `rol_arn = ${ADMIN}`, "source_profile = base"], profile: "r", expect: { code: "PROFILE_HAS_NO_CREDENTIALS" } },
  { name: "a wrong-case key (Role_Arn) counts, as in the AWS CLI", config: ["[profile r]", `Role_Arn = ${ADMIN}`, "source_profile = base"], profile: "r", expect: { resolves: true, stsCalls: 1 } },
  { name: "a misspelt source_profile (sourceprofile)", config: ["[profile r]", `role_arn = ${ADMIN}`, "sourceprofile = base"], profile: "r", expect: { code: "MISSING_CREDENTIAL_SOURCE", key: "source_profile" } },
  { name: "unknown keys next to a valid role (ignored: documented fallback)", config: ["[profile r]", ...ROLE(), "colour = blue", "s3 =", "  max_concurrent_requests = 20"], profile: "r", expect: { resolves: true, stsCalls: 1 } },
  // --- role ARNs that are not ARNs ---
  { name: "role_arn is a bare role name", config: ["[profile r]", "role_arn = Admin", "source_profile = base"], profile: "r", expect: { code: "INVALID_ROLE_ARN", key: "role_arn", includes: ['"Admin"'] } },
  { name: "role_arn has an 11-digit account", config: ["[profile r]", "role_arn = arn:aws:iam::12345678901:role/Admin", "source_profile = base"], profile: "r", expect: { code: "INVALID_ROLE_ARN", key: "role_arn" } },
  { name: "role_arn is an S3 bucket ARN", config: ["[profile r]", "role_arn = arn:aws:s3:::my-bucket", "source_profile = base"], profile: "r", expect: { code: "INVALID_ROLE_ARN", key: "role_arn" } },
  { name: "role_arn is quoted", config: ["[profile r]", `role_arn = "${ADMIN}"`, "source_profile = base"], profile: "r", expect: { code: "INVALID_ROLE_ARN", key: "role_arn" } },
  { name: "role_arn on the second hop is a user ARN", config: ["[profile r]", ...ROLE("mid"), "[profile mid]", "role_arn = arn:aws:iam::123456789012:user/alice", "source_profile = base"], profile: "r", expect: { code: "INVALID_ROLE_ARN", key: "role_arn", chain: ["r", "mid"] } },
  { name: "role_arn of 100 kB", config: ["[profile r]", `role_arn = arn:aws:iam::123456789012:role/${"x".repeat(100_000)}`, "source_profile = base"], profile: "r", expect: { code: "INVALID_ROLE_ARN", key: "role_arn", includes: ["… (100031 characters)"] } },
  // --- duration_seconds ---
  { name: "duration_seconds = 1h (warned and omitted: documented fallback)", config: ["[profile r]", ...ROLE(), "duration_seconds = 1h"], profile: "r", expect: { resolves: true, stsCalls: 1, warns: "duration_seconds", durationSeconds: undefined } },
  { name: "duration_seconds = -5", config: ["[profile r]", ...ROLE(), "duration_seconds = -5"], profile: "r", expect: { code: "INVALID_DURATION_SECONDS", key: "duration_seconds", includes: ['"-5"'] } },
  { name: "duration_seconds = 99999", config: ["[profile r]", ...ROLE(), "duration_seconds = 99999"], profile: "r", expect: { code: "INVALID_DURATION_SECONDS", key: "duration_seconds", includes: ['"99999"'] } },
  { name: "duration_seconds = 0 on a source hop", config: ["[profile r]", ...ROLE("mid"), "[profile mid]", ...ROLE(), "duration_seconds = 0"], profile: "r", expect: { code: "INVALID_DURATION_SECONDS", key: "duration_seconds", chain: ["r", "mid"] } },
  { name: "duration_seconds of 400 digits", config: ["[profile r]", ...ROLE(), `duration_seconds = ${"9".repeat(400)}`], profile: "r", expect: { code: "INVALID_DURATION_SECONDS", key: "duration_seconds" } },
  // --- empty values ---
  { name: "an empty role_arn", config: ["[profile r]", "role_arn =", "source_profile = base"], profile: "r", expect: { code: "PROFILE_HAS_NO_CREDENTIALS" } },
  { name: "an empty source_profile", config: ["[profile r]", `role_arn = ${ADMIN}`, "source_profile ="], profile: "r", expect: { code: "MISSING_CREDENTIAL_SOURCE", key: "source_profile" } },
  { name: "an empty credential_source", config: ["[profile r]", `role_arn = ${ADMIN}`, "credential_source ="], profile: "r", expect: { code: "MISSING_CREDENTIAL_SOURCE" } },
  { name: "an empty aws_secret_access_key on the source", config: ["[profile r]", ...ROLE("k")], credentials: ["[k]", "aws_access_key_id = AKIDK", "aws_secret_access_key ="], profile: "r", expect: { code: "PARTIAL_STATIC_KEYS", key: "aws_secret_access_key", chain: ["r", "k"] } },
  { name: "a role_session_name with spaces", config: ["[profile r]", ...ROLE(), "role_session_name = my session"], profile: "r", expect: { code: "INVALID_ROLE_SESSION_NAME", key: "role_session_name" } },
  { name: "an unsupported credential_source (Ec2)", config: ["[profile r]", `role_arn = ${ADMIN}`, "credential_source = Ec2"], profile: "r", expect: { code: "UNSUPPORTED_CREDENTIAL_SOURCE", key: "credential_source" } },
  { name: "both source_profile and credential_source", config: ["[profile r]", ...ROLE(), "credential_source = Environment"], profile: "r", expect: { code: "CONFLICTING_CREDENTIAL_SOURCES", key: "credential_source" } },
  // --- files ---
  {
    name: "a web identity token file that is a directory",
    config: ["[profile w]", `role_arn = ${ADMIN}`, "web_identity_token_file = TOKEN_DIR"],
    setup: async (home) => {
      await mkdir(join(home, "token-dir"));
      return {};
    },
    profile: "w",
    expect: { code: "WEB_IDENTITY_TOKEN_UNREADABLE", key: "web_identity_token_file", includes: ["EISDIR"] },
  },
  { name: "a missing config file, profile selected", setup: async (home) => ({ AWS_CONFIG_FILE: join(home, "nope", "config") }), profile: "r", expect: { code: "PROFILE_NOT_FOUND", includes: [`${join("nope", "config")} (does not exist)`] } },
  {
    name: "a web identity token file that does not exist",
    config: ["[profile w]", `role_arn = ${ADMIN}`, "web_identity_token_file = /nonexistent/token"],
    profile: "w",
    expect: { code: "WEB_IDENTITY_TOKEN_UNREADABLE", key: "web_identity_token_file", includes: ["ENOENT", "/nonexistent/token"] },
  },
  {
    name: "a credentials file that is a directory (the source is then not found)",
    config: ["[profile r]", ...ROLE()],
    setup: async (home) => {
      await mkdir(join(home, "creds-dir"));
      return { AWS_SHARED_CREDENTIALS_FILE: join(home, "creds-dir") };
    },
    profile: "r",
    expect: { code: "SOURCE_PROFILE_NOT_FOUND", key: "source_profile", chain: ["r"], path: ["r", "base"], includes: ["creds-dir (a directory, not a file"] },
  },
  {
    name: "a config file that is a directory",
    setup: async (home) => {
      await mkdir(join(home, "config-dir"));
      return { AWS_CONFIG_FILE: join(home, "config-dir") };
    },
    profile: "r",
    expect: { code: "PROFILE_NOT_FOUND", includes: ["config-dir (a directory, not a file"] },
  },
  // --- names ---
  { name: "a profile name with spaces", config: ["[profile my role]", ...ROLE()], profile: "my role", expect: { code: "PROFILE_NOT_FOUND", includes: ["must be quoted in the config file: [profile \"my role\"]"] } },
  { name: "a selected profile name of 100 kB", config: ["[profile r]", ...ROLE()], profile: "p".repeat(100_000), expect: { code: "PROFILE_NOT_FOUND", includes: ["… (100000 characters)"] } },
  { name: "a selected profile name with a terminal escape", config: ["[profile r]", ...ROLE()], profile: "a\u001b[31mb", expect: { code: "PROFILE_NOT_FOUND", includes: ["a\\u001b[31mb"] } },
  { name: "a profile name in the wrong case", config: ["[profile Dev]", ...ROLE()], profile: "dev", expect: { code: "PROFILE_NOT_FOUND", includes: ['case-sensitive; defined: "Dev"'] } },
  { name: "a credential_source in the wrong case (environment)", config: ["[profile r]", `role_arn = ${ADMIN}`, "credential_source = environment"], profile: "r", expect: { code: "UNSUPPORTED_CREDENTIAL_SOURCE", key: "credential_source", includes: ["case-sensitive"] } },
  { name: "a [profile __proto__] section", config: ["[profile r]", ...ROLE(), "[profile __proto__]", ...ROLE()], profile: "r", expect: { code: "PROFILE_NOT_FOUND" } },
  { name: "a source_profile naming constructor", config: ["[profile r]", ...ROLE("constructor")], profile: "r", expect: { code: "SOURCE_PROFILE_NOT_FOUND", key: "source_profile", chain: ["r"], path: ["r", "constructor"] } },
  // --- non-UTF-8 bytes ---
  {
    name: "Latin-1 bytes in role_session_name",
    config: Buffer.concat([Buffer.from(`[profile r]\nrole_arn = ${ADMIN}\nsource_profile = base\nrole_session_name = caf`), Buffer.from([0xe9]), Buffer.from("\n")]),
    profile: "r",
    expect: { code: "INVALID_ROLE_SESSION_NAME", key: "role_session_name" },
  },
  {
    name: "a config file in UTF-16LE",
    config: Buffer.from(`[profile r]\nrole_arn = ${ADMIN}\nsource_profile = base\n`, "utf16le"),
    profile: "r",
    expect: { code: "PROFILE_NOT_FOUND", includes: ["it looks like UTF-16"] },
  },
  { name: "a UTF-8 BOM and CRLF line ends (documented fallback: read as usual)", config: Buffer.from(`\ufeff[profile r]\r\nrole_arn = ${ADMIN}\r\nsource_profile = base\r\n`), profile: "r", expect: { resolves: true, stsCalls: 1 } },
  // --- chains and cycles ---
  { name: "a 50-hop chain (resolves with 50 AssumeRole calls)", config: longChain(50, "base"), profile: "h0", expect: { resolves: true, stsCalls: 50 } },
  { name: "a 50-hop chain whose end is missing", config: longChain(50, "gone"), profile: "h0", expect: { code: "SOURCE_PROFILE_NOT_FOUND", key: "source_profile", chain: hopNames(50), path: [...hopNames(50), "gone"] } },
  ...[1, 2, 3, 4, 5].map(
    (n): Row => ({
      name: `a cycle of length ${n}`,
      config: ring(n),
      profile: "c0",
      expect: { code: "SOURCE_PROFILE_CYCLE", key: "source_profile", chain: ringNames(n), path: [...ringNames(n), "c0"] },
    }),
  ),
  // --- sources the SDK resolves ---
  { name: "credential_source Ec2InstanceMetadata with IMDS disabled", config: ["[profile r]", `role_arn = ${ADMIN}`, "credential_source = Ec2InstanceMetadata"], profile: "r", expect: { code: "SOURCE_CREDENTIALS_UNAVAILABLE", includes: ["Ec2InstanceMetadata"] } },
  { name: "credential_source EcsContainer outside a container", config: ["[profile r]", `role_arn = ${ADMIN}`, "credential_source = EcsContainer"], profile: "r", expect: { code: "SOURCE_CREDENTIALS_UNAVAILABLE", includes: ["EcsContainer"] } },
  { name: "a credential_process source that prints no JSON", config: ["[profile r]", ...ROLE("p"), "[profile p]", `credential_process = ${process.execPath} -e "console.log('nope')"`], profile: "r", expect: { code: "SOURCE_CREDENTIALS_UNAVAILABLE", chain: ["r", "p"] } },
  { name: "a credential_process source that exits 3", config: ["[profile r]", ...ROLE("p"), "[profile p]", `credential_process = ${process.execPath} -e "process.exit(3)"`], profile: "r", expect: { code: "SOURCE_CREDENTIALS_UNAVAILABLE", chain: ["r", "p"] } },
  { name: "an SSO source naming a missing sso-session", config: ["[profile r]", ...ROLE("s"), "[profile s]", "sso_session = gone", "sso_account_id = 111111111111", "sso_role_name = Dev"], profile: "r", expect: { code: "SOURCE_CREDENTIALS_UNAVAILABLE", chain: ["r", "s"] } },
];

let world: RoleWorld;
beforeAll(async () => {
  world = await startRoleWorld({
    roles: [openRole("Admin", { maxSessionDuration: 43200 }), ...Array.from({ length: HOPS }, (_, i) => openRole(`Hop${i}`))],
  });
});
afterAll(() => world.close());

const BOUND_MS = 5_000;

async function bounded<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no outcome within ${BOUND_MS} ms: the provider hangs`)), BOUND_MS);
  });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

async function writeInput(path: string, input: string[] | Buffer, home: string): Promise<void> {
  const text = Buffer.isBuffer(input) ? input : Buffer.from(`${input.join("\n").replace("TOKEN_DIR", join(home, "token-dir"))}\n`);
  await writeFile(path, text);
}

describe("malformed configuration, through the whole provider", () => {
  it("has at least 30 rows of distinct malformed inputs", () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
  });

  it.each(rows.map((row) => [row.name, row] as const))("%s", async (_name, row) => {
    const home = join(world.home, `row-${rows.indexOf(row)}`);
    await mkdir(join(home, ".aws"), { recursive: true });
    if (row.config) await writeInput(join(home, ".aws", "config"), row.config, home);
    await writeInput(join(home, ".aws", "credentials"), row.credentials ?? ["[base]", ...BASE_KEYS], home);
    const env = { HOME: home, ...(await row.setup?.(home)) };
    world.sts.reset();
    const warnsBefore = world.log.lines.warn.length;
    const provider = world.provider({ profile: row.profile }, { env });
    const outcome = await bounded(provider()).then(
      (credentials) => ({ credentials }),
      (error: unknown) => ({ error: error as ProfileCredentialsError }),
    );
    const assumeRoles = world.sts.callsTo("AssumeRole");

    if ("resolves" in row.expect) {
      if ("error" in outcome) throw outcome.error;
      expect(outcome.credentials.accessKeyId).toBe(assumeRoles.at(-1)?.issuedAccessKeyId);
      expect(assumeRoles).toHaveLength(row.expect.stsCalls);
      if (row.expect.warns) expect(world.log.lines.warn.slice(warnsBefore).join("\n")).toContain(row.expect.warns);
      if ("durationSeconds" in row.expect) expect(assumeRoles.at(-1)?.params.DurationSeconds).toBe(row.expect.durationSeconds);
      return;
    }

    expect("error" in outcome, "the row must fail").toBe(true);
    const { error } = outcome as { error: ProfileCredentialsError };
    const expected = row.expect;
    expect(isProfileCredentialsError(error), `not our error: ${String(error)}`).toBe(true);
    expect(error.message).not.toContain("Could not load credentials from any providers");
    expect(error.tryNextLink).toBe(false);
    expect(error.code, error.message).toBe(expected.code);
    expect(world.sts.calls, "no STS call for a configuration error").toHaveLength(expected.stsCalls ?? 0);
    // The message names the profile at fault and the chain to it, and the key when there is one.
    expect(error.message).toContain(shown(error.profile ?? row.profile));
    // No control character but a line break (the SDK's own source errors have them) reaches a terminal.
    expect(error.message).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    if (expected.chain) expect(error.chain).toEqual(expected.chain);
    const path = expected.path ?? expected.chain ?? [];
    if (path.length > 1) expect(error.message).toContain(formatChain(path));
    if (expected.key) {
      expect(error.key).toBe(expected.key);
      expect(error.message).toContain(expected.key);
    }
    for (const part of expected.includes ?? []) expect(error.message).toContain(part);
    // Bounded, whatever the input: a 100 kB value or a 50-hop chain still gives a message one can read.
    expect(error.message.length).toBeLessThan(2_000);
    // A broken configuration is found before any secret is handled: none is echoed.
    expect(error.message).not.toContain("SBASE-canary-secret-0001");
  });
});

describe("an unreadable web identity token file", () => {
  // Root reads any file, so the permission error comes from an injected reader (the provider's own seam).
  it("gives WEB_IDENTITY_TOKEN_UNREADABLE naming the file, the errno and the key, with no STS call", async () => {
    const home = join(world.home, "eacces");
    await mkdir(join(home, ".aws"), { recursive: true });
    await writeFile(join(home, ".aws", "config"), `[profile w]\nrole_arn = ${ADMIN}\nweb_identity_token_file = /var/run/token\n`);
    world.sts.reset();
    const denied = Object.assign(new Error("EACCES: permission denied, open '/var/run/token'"), { code: "EACCES" });
    const provider = world.provider({ profile: "w" }, { env: { HOME: home }, fs: { ...nodeFileSystem, readFile: (path, options) => (path === "/var/run/token" ? Promise.reject(denied) : nodeFileSystem.readFile(path, options)) } });
    const error = (await bounded(provider()).catch((e: unknown) => e)) as ProfileCredentialsError;
    expect(error.code).toBe("WEB_IDENTITY_TOKEN_UNREADABLE");
    expect(error.key).toBe("web_identity_token_file");
    expect(error.message).toContain('"/var/run/token" of profile "w": EACCES');
    expect(error.cause).toBe(denied);
    expect(world.sts.calls).toEqual([]);
  });
});
