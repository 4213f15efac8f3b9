// Hardening: cache entries the CLI must not trust, through the built CLI in real processes (issue 14's
// reproductions): a FIFO named like an entry hangs neither `export` nor `explain`; a 1 MB entry is a miss
// that is not read whole and is replaced; a far-future planted entry is never used (docs/semantics.md §6.9).
import { execFileSync } from "node:child_process";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { assumeRoleCacheKey } from "../../src/cache/cache-key.js";
import { assertBuilt, cliEnv, runCli } from "../cli/cli-process.js";
import { openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";

let world: RoleWorld;
let entry: string;

beforeAll(assertBuilt);
beforeEach(async () => {
  world = await startRoleWorld({ roles: [openRole("Admin")] });
  await world.config(`[profile r]\nrole_arn = ${role("Admin")}\nsource_profile = base\n`);
  const dir = join(world.home, ".aws", "cli", "cache");
  await mkdir(dir, { recursive: true, mode: 0o700 });
  entry = join(dir, `${assumeRoleCacheKey({ RoleArn: role("Admin") })}.json`);
});
afterEach(() => world.close());

describe("cache entries the CLI does not trust", () => {
  it("a FIFO named like the entry: explain reports it, export calls STS and replaces it", async () => {
    execFileSync("mkfifo", [entry]);
    const env = cliEnv(world);

    const explain = await runCli(["explain", "-p", "r"], env);
    expect(explain.status).toBe(0);
    expect(explain.stdout).toContain("not a regular file");

    const exported = await runCli(["export", "-p", "r"], env);
    expect(exported.status).toBe(0);
    expect(exported.stderr).toContain(`Ignoring the AWS CLI cache file ${entry}: it is not a regular file`);
    expect(world.sts.callsTo("AssumeRole")).toHaveLength(1);
    expect((await stat(entry)).isFile()).toBe(true);
  });

  it("a 1 MB entry is a miss, replaced by the new session", async () => {
    await writeFile(entry, Buffer.alloc(1 << 20, 0x20));
    const exported = await runCli(["export", "-p", "r"], cliEnv(world));
    expect(exported.status).toBe(0);
    expect(exported.stderr).toContain("larger than 64 KB");
    expect((await stat(entry)).size).toBeLessThan(4096);
  });

  it("a planted entry expiring in 10 years is never used", async () => {
    const planted = { AccessKeyId: "ASIAPLANTED000000001", SecretAccessKey: "planted", SessionToken: "planted", Expiration: "2036-01-01T00:00:00Z" };
    await writeFile(entry, JSON.stringify({ Credentials: planted }), { mode: 0o600 });
    const exported = await runCli(["export", "-p", "r"], cliEnv(world));
    expect(exported.status).toBe(0);
    expect(exported.stdout).not.toContain("ASIAPLANTED");
    expect(exported.stderr).toContain("further away than the 36 hours STS can issue");
    expect(await readFile(entry, "utf8")).not.toContain("ASIAPLANTED");
  });
});
