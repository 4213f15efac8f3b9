// The CLI's MFA session switches (docs/semantics.md §5.5): --mfa-session[=SECONDS|on|off|renew] turned into
// the mfaSession option, `logout [--all]`, and `explain` showing the MFA session. In process, with the
// real SDK STS client against the emulator on 127.0.0.1 and a prompter that types the code.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cliProviderOptions } from "../../src/cli/cli-deps.js";
import { run } from "../../src/cli/main.js";
import { parseArgs } from "../../src/cli/parse-args.js";
import { createSdkStsClient } from "../../src/runtime/sdk-sts-client.js";
import type { Prompter } from "../../src/runtime/terminal-prompt.js";
import { captureLogger } from "../support/capture-logger.js";
import { expectNoSecrets } from "../support/no-secrets.js";
import { BASE, MFA_SERIAL, openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";
import { fakeIo } from "./fake-io.js";

// Not substrings of any account id or ARN in the world, so the secret scan can look for them.
const CODES = ["918273", "827364", "736455"];
let world: RoleWorld;
let asked: string[];
const typing: Prompter = {
  isInteractive: () => true,
  ask: async (question) => {
    asked.push(question);
    return CODES[asked.length - 1] ?? "000000";
  },
};

beforeEach(async () => {
  asked = [];
  world = await startRoleWorld({ roles: [openRole("A", { mfaRequired: true }), openRole("B", { mfaRequired: true })] });
  await world.config(
    `[profile a]\nrole_arn = ${role("A")}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\n` +
      `[profile b]\nrole_arn = ${role("B")}\nsource_profile = a\nmfa_serial = ${MFA_SERIAL}\n`,
  );
  world.sts.addMfaCodes(MFA_SERIAL, CODES);
});
afterEach(() => world.close());

function cli(argv: string[]) {
  const io = fakeIo(
    { ...world.env, PATH: process.env.PATH ?? "" },
    {
      deps: {
        cache: undefined,
        prompter: typing,
        createSts: async ({ region }) => createSdkStsClient({ region, clientConfig: { endpoint: world.sts.endpoint, maxAttempts: 1 } }),
      },
    },
  );
  return run(argv, io.io).then((code) => ({ code, stdout: io.stdout(), stderr: io.stderr() }));
}
const cacheFiles = async () => (await readdir(join(world.home, ".aws", "cli", "cache"))).filter((n) => n.endsWith(".json")).sort();

describe("--mfa-session", () => {
  it.each([
    [["export", "--mfa-session"], true],
    [["export", "--mfa-session=on"], true],
    [["export", "--mfa-session=off"], false],
    [["export", "--mfa-session=renew"], "renew"],
    [["export", "--mfa-session=129600"], 129600],
  ] as const)("%j -> %j", (argv, value) => {
    expect(parseArgs(argv)).toMatchObject({ mfaSession: value });
  });

  it("leaves exec's command alone", () => {
    expect(parseArgs(["exec", "-p", "a", "--mfa-session", "aws", "s3", "ls"])).toMatchObject({ command: "aws", args: ["s3", "ls"], mfaSession: true });
    expect(parseArgs(["exec", "--", "tool", "--mfa-session"])).toMatchObject({ command: "tool", args: ["--mfa-session"] });
    expect(parseArgs(["exec", "tool", "--mfa-session"])).not.toHaveProperty("mfaSession");
  });

  it.each([["--mfa-session=899"], ["--mfa-session=129601"], ["--mfa-session=12h"]])("refuses %s", async (flag) => {
    const result = await cli(["export", flag]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--mfa-session must be on, off, renew or a whole number of seconds from 900 to 129600");
  });

  it("becomes the mfaSession option", () => {
    const { logger } = captureLogger();
    const options = (flag: true | false | number | "renew") => cliProviderOptions({ noCache: false, mfaSession: flag }, { logger }).mfaSession;
    expect([options(true), options(false), options(7200), options("renew")]).toEqual([true, false, { durationSeconds: 7200 }, { renew: true }]);
  });

  it("resolves two profiles with one code, then renew asks again, then logout ends the session", async () => {
    expect((await cli(["export", "-p", "a", "--mfa-session"])).code).toBe(0);
    expect((await cli(["export", "-p", "b", "--mfa-session=7200"])).code).toBe(0);
    expect(asked).toEqual([`Enter MFA code for ${MFA_SERIAL}: `]);
    expect(world.sts.callsTo("GetSessionToken").map((c) => c.params.DurationSeconds)).toEqual(["43200"]);

    expect((await cli(["export", "-p", "a", "--mfa-session=renew"])).code).toBe(0);
    expect(asked).toHaveLength(2);
    expect(world.sts.callsTo("GetSessionToken")).toHaveLength(2);

    const files = await cacheFiles();
    expect(files.filter((n) => n.startsWith("mfa-session-"))).toHaveLength(1);
    const logout = await cli(["logout", "-p", "b"]);
    expect(logout.code).toBe(0);
    expect(logout.stdout).toMatch(/^removed .*mfa-session-[0-9a-f]{40}\.json\n$/);
    expect((await cacheFiles()).filter((n) => n.startsWith("mfa-session-"))).toEqual([]);
    expect((await cacheFiles()).filter((n) => n.startsWith("mfa-role-"))).toHaveLength(2);

    // Without the file the next use asks for a new code.
    expect((await cli(["export", "-p", "b", "--mfa-session", "--no-cache"])).code).toBe(0);
    expect(asked).toHaveLength(3);

    const all = await cli(["logout", "-p", "b", "--all"]);
    expect(all.stdout.trim().split("\n")).toHaveLength(2);
    expect((await cacheFiles()).filter((n) => n.startsWith("mfa-"))).toEqual([]);
    expect((await cli(["logout", "-p", "b", "--all"])).stdout).toBe('No cached MFA session or role session of profile "b" to remove.\n');
  });

  it("explain shows the device, the hops that use it and until when it is valid, without a secret", async () => {
    const before = await cli(["explain", "-p", "b", "--mfa-session"]);
    expect(before.stdout).toContain(`mfa session: GetSessionToken with ${MFA_SERIAL} and the keys of profile "base" (AKID…0001), 12h 00m`);
    expect(before.stdout).toContain("used by: a -> b (the first signed by it; no MFA code for a, b)");
    expect(before.stdout).toMatch(/cache: none\n\s+cache file: .*mfa-session-[0-9a-f]{40}\.json/);

    const exported = await cli(["export", "-p", "b", "--mfa-session", "--format", "json", "--debug"]);
    const after = await cli(["explain", "-p", "b", "--mfa-session", "--debug"]);
    const gst = world.sts.callsTo("GetSessionToken")[0]!;
    const until = new Date(gst.at + 43200_000).toISOString().slice(0, 16);
    expect(after.stdout).toMatch(new RegExp(`mfa session: [^\\n]+\\n\\s+used by: [^\\n]+\\n\\s+cache: usable for \\d+h \\d+m, until ${until}`));
    const json = JSON.parse((await cli(["explain", "-p", "b", "--mfa-session", "--json"])).stdout);
    expect(json.mfaSession).toMatchObject({ device: MFA_SERIAL, profile: "base", usedBy: ["a", "b"], withoutCode: ["a", "b"], cache: { state: "usable" } });
    expect(json.mfaSession.cache.accessKeyId).toMatch(/^ASIA…/);

    // The MFA session's own credentials never show: not in explain, nor in the debug log of export.
    const dir = join(world.home, ".aws", "cli", "cache");
    const session = JSON.parse(await readFile(join(dir, (await cacheFiles()).find((n) => n.startsWith("mfa-session-"))!), "utf8"));
    const secrets = [session.Credentials.SecretAccessKey, session.Credentials.SessionToken, BASE.secretAccessKey, CODES[0]];
    expectNoSecrets([before.stdout, before.stderr, after.stdout, after.stderr, exported.stderr, JSON.stringify(json)], secrets);
    expect(exported.stderr).toContain("calling GetSessionToken");
  });
});
