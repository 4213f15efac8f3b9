// A group- or world-writable cache directory gets one warning naming it and its mode: another local user
// could plant a <key>.json entry with credentials of their choosing, or read and delete entries.
import { chmod, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createSessionCache } from "../../src/cache/cache-settings.js";
import { resolveCacheSettings } from "../../src/resolve/settings.js";
import { systemClock } from "../../src/runtime/clock.js";
import { openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";

let world: RoleWorld;
beforeEach(async () => {
  world = await startRoleWorld({ roles: [openRole("Admin")] });
  await world.config(`[profile r]\nrole_arn = ${role("Admin")}\nsource_profile = base\n`);
});
afterEach(() => world.close());

it.each([0o777, 0o775, 0o770, 0o1777])("warns once, naming the directory and its mode, when the cache directory has mode %o", async (mode) => {
  const cacheDir = join(world.home, ".aws", "cli", "cache");
  await mkdir(cacheDir, { recursive: true });
  await chmod(cacheDir, mode);
  const cache = createSessionCache(resolveCacheSettings({ cacheDir }, world.env), world.log.logger, systemClock);
  const provider = world.provider({ profile: "r" }, { cache });
  await provider();
  await world.provider({ profile: "r" }, { cache })();
  const warnings = world.log.lines.warn.filter((line) => line.includes(cacheDir) && /writable/i.test(line));
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(/group|world|others/i);
});

it("does not warn for 0700 or 0755", async () => {
  for (const mode of [0o700, 0o755]) {
    const cacheDir = join(world.home, `cache-${mode.toString(8)}`);
    await mkdir(cacheDir, { recursive: true });
    await chmod(cacheDir, mode);
    const cache = createSessionCache(resolveCacheSettings({ cacheDir }, world.env), world.log.logger, systemClock);
    await world.provider({ profile: "r" }, { cache })();
  }
  expect(world.log.lines.warn.filter((line) => /writable/i.test(line))).toEqual([]);
});
