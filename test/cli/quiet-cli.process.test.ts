// The built CLI as a real process against the STS emulator: quiet on success (no default-region warning for
// a region the help documents, no SDK Node-version notice, even without the variable the tests set),
// except for a warning about the user's own configuration; "did you mean" for a misspelt profile; a
// helpful message when nothing is configured; `list --json`; `--debug --no-cache` says "kept in memory".
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE, MFA_SERIAL, openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";
import { assertBuilt, cliEnv, runCli } from "./cli-process.js";

let world: RoleWorld;
/** What a user's shell has: no variable that quiets the SDK. */
const userEnv = (extra: Record<string, string | undefined> = {}) => cliEnv(world, { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined, ...extra });

beforeAll(async () => {
  assertBuilt();
  world = await startRoleWorld({ roles: [openRole("Prod"), openRole("Ops")] });
  // No region anywhere: the STS region is the default the help documents.
  await world.config(
    `[profile prod]\nrole_arn = ${role("Prod")}\nsource_profile = base\n` +
      `[profile ops]\nrole_arn = ${role("Ops")}\nsource_profile = prod\nmfa_serial = ${MFA_SERIAL}\n` +
      `[profile tool]\ncredential_process = /opt/bin/get-creds --token s3cr3t-arg\n` +
      `[profile broken]\nrole_arn = ${role("Prod")}\nsource_profile = missing\n`,
  );
});
afterAll(() => world?.close());

describe("a quiet CLI", () => {
  it("export with a resolvable profile prints nothing on stderr (no region warning, no Node-version notice)", async () => {
    const result = await runCli(["export", "--profile", "prod"], userEnv());
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("export AWS_ACCESS_KEY_ID=");
    expect(result.stderr).toBe("");
  });

  it("still warns about the user's own configuration: both a profile and environment keys set", async () => {
    const result = await runCli(["export", "--profile", "prod"], userEnv({ AWS_ACCESS_KEY_ID: BASE.accessKeyId, AWS_SECRET_ACCESS_KEY: BASE.secretAccessKey }));
    expect(result.status).toBe(0);
    expect(result.stderr).toContain("Multiple credential sources detected");
    expect(result.stderr).not.toContain("us-east-1");
  });

  it("--debug shows the default region line, and says kept in memory with --no-cache", async () => {
    const result = await runCli(["export", "--profile", "prod", "--debug", "--no-cache"], userEnv());
    expect(result.status).toBe(0);
    expect(result.stderr).toContain("default STS region of us-east-1");
    expect(result.stderr).toContain("kept in memory (the disk cache is off)");
    expect(result.stderr).not.toContain("cached as");
    expect(result.stderr).not.toContain(BASE.secretAccessKey);
  });
});

describe("a helpful CLI", () => {
  it("--profile prodd names prod", async () => {
    const result = await runCli(["export", "--profile", "prodd"], userEnv());
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^aws-profile-credentials: PROFILE_NOT_FOUND: .*Did you mean "prod"\?\n$/);
  });

  it("says what it looked for, and how to set up a profile, when nothing is configured", async () => {
    const empty = await mkdtemp(join(tmpdir(), "apc-empty-"));
    try {
      const result = await runCli(["export"], { PATH: process.env.PATH, HOME: empty, AWS_EC2_METADATA_DISABLED: "true" });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("aws-profile-credentials: NO_CREDENTIALS_CONFIGURED: no credentials are configured.");
      for (const looked of ["AWS_PROFILE", "AWS_ACCESS_KEY_ID", join(empty, ".aws", "config"), join(empty, ".aws", "credentials"), "[default]", "aws configure"]) {
        expect(result.stderr).toContain(looked);
      }
      expect(result.stderr.split("\n")).toHaveLength(2);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it("list --json is valid JSON naming every profile, with kind, source, MFA device and the role's cached session", async () => {
    expect((await runCli(["export", "--profile", "prod"], userEnv())).status).toBe(0);
    const result = await runCli(["list", "--json"], userEnv());
    expect(result).toMatchObject({ status: 0, stderr: "" });
    const list = JSON.parse(result.stdout) as { name: string; kind: string; source?: unknown; mfaSerial?: string; session?: { state: string; usableForMs?: number }; error?: { code: string } }[];
    expect(list.map((p) => p.name)).toEqual(["base", "broken", "ops", "prod", "tool"]);
    const byName = Object.fromEntries(list.map((p) => [p.name, p]));
    expect(byName.base).toEqual({ name: "base", kind: "static" });
    expect(byName.tool).toEqual({ name: "tool", kind: "process" });
    expect(byName.prod).toMatchObject({ kind: "role", source: { sourceProfile: "base" }, session: { state: "usable" } });
    expect(byName.prod!.session!.usableForMs).toBeGreaterThan(30 * 60_000);
    expect(byName.ops).toMatchObject({ kind: "role", source: { sourceProfile: "prod" }, mfaSerial: MFA_SERIAL, session: { state: "none" } });
    expect(byName.broken).toMatchObject({ kind: "role", error: { code: "SOURCE_PROFILE_NOT_FOUND" } });
    expect(result.stdout).not.toContain(BASE.secretAccessKey);
  });

  it("list prints a table", async () => {
    const result = await runCli(["list"], userEnv());
    expect(result).toMatchObject({ status: 0, stderr: "" });
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^PROFILE\s+KIND\s+SOURCE\s+MFA\s+SESSION$/);
    expect(lines.find((line) => line.startsWith("ops "))).toMatch(/^ops\s+role\s+profile prod\s+arn:aws:iam::111111111111:mfa\/base\s+none$/);
    expect(lines.find((line) => line.startsWith("broken "))).toMatch(/error: SOURCE_PROFILE_NOT_FOUND$/);
    expect(lines.find((line) => line.startsWith("tool "))).toMatch(/^tool\s+process\s+-\s+-\s+-$/);
  });

  it("explain shows a process profile's program, not its arguments", async () => {
    const result = await runCli(["explain", "--profile", "tool"], userEnv());
    expect(result).toMatchObject({ status: 0, stderr: "" });
    expect(result.stdout).toContain('credential_process of profile "tool" runs: /opt/bin/get-creds (arguments not shown)');
    expect(result.stdout).not.toContain("s3cr3t-arg");
  });

  it("--version says which Node.js versions are supported", async () => {
    const result = await runCli(["--version"], userEnv());
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\nNode\.js >=20 /);
  });
});
