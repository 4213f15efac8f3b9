import { execFileSync } from "node:child_process";
import * as nodeFs from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { serializeCacheEntry } from "../../src/cache/cache-entry.js";
import { createFileCache, STALE_TEMP_MS, type FileCacheOptions } from "../../src/cache/file-cache.js";
import { systemDeps } from "../../src/runtime/deps.js";
import { nodeFileSystem, type FileSystem } from "../../src/runtime/fs.js";
import { FakeClock } from "../support/fake-clock.js";
import { removeTempDirs, tempDir } from "../support/sandbox-home.js";
import { fakeSession, KEY_A, KEY_B, runSessionCacheContract } from "./cache.contract.js";

const SSO_KEY = "c30b99aca80d8f5b3178e353f05b2abcc9a4ccd3";
const fixture = (name: string) => nodeFs.readFile(new URL(`../fixtures/cli-cache/${name}`, import.meta.url), "utf8");

let root: string;
let warnings: string[];
let debugs: string[];

beforeEach(async () => {
  root = await tempDir("apc-file-cache-");
  warnings = [];
  debugs = [];
});

afterEach(removeTempDirs);

function cacheIn(dir: string, options: Partial<FileCacheOptions> = {}) {
  const logger = { warn: (message: string) => warnings.push(message), debug: (message: string) => debugs.push(message) };
  return createFileCache({ dir, logger, ...options });
}

/** The real file system with one call replaced, to simulate failures a root-run test cannot provoke. */
function failingFs(overrides: Partial<FileSystem>): Partial<FileCacheOptions> {
  return { system: { ...systemDeps(), fs: { ...nodeFileSystem, ...overrides } } };
}

const ioError = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });
const listing = async (dir: string) => (await nodeFs.readdir(dir)).sort();

describe(createFileCache.name, () => {
  runSessionCacheContract(() => cacheIn(join(root, "cache")));

  it("creates missing directories with mode 0700 and the entry with mode 0600, atomically", async () => {
    const dir = join(root, "home", ".aws", "cli", "cache");
    await nodeFs.mkdir(join(root, "home"), { mode: 0o755 });
    await nodeFs.chmod(join(root, "home"), 0o755);
    await cacheIn(dir).write(KEY_A, fakeSession(1));

    expect((await nodeFs.stat(join(root, "home"))).mode & 0o777).toBe(0o755);
    for (const created of [join(root, "home", ".aws"), join(root, "home", ".aws", "cli"), dir]) {
      expect((await nodeFs.stat(created)).mode & 0o777).toBe(0o700);
    }
    expect((await nodeFs.stat(join(dir, `${KEY_A}.json`))).mode & 0o777).toBe(0o600);
    expect(await nodeFs.readFile(join(dir, `${KEY_A}.json`), "utf8")).toBe(serializeCacheEntry(fakeSession(1)));
    expect(await listing(dir)).toEqual([`${KEY_A}.json`]);
    expect(warnings).toEqual([]);
  });

  it("writes through a uniquely named 0600 temp file in the cache directory", async () => {
    const opened: [string, string, number][] = [];
    const fs = failingFs({
      open: async (path, flags, mode) => {
        opened.push([path, flags, mode]);
        return nodeFs.open(path, flags, mode);
      },
    });
    await cacheIn(root, fs).write(KEY_A, fakeSession(1));
    expect(opened).toHaveLength(1);
    const [path, flags, mode] = opened[0]!;
    expect(path.slice(0, root.length + 1)).toBe(`${root}/`);
    expect(path.slice(root.length + 1)).toMatch(new RegExp(`^\\.${KEY_A}\\.${process.pid}\\.[0-9a-f]{12}\\.tmp$`));
    expect([flags, mode]).toEqual(["wx", 0o600]);
  });

  it.each(["cli-v1-z.json", "cli-v2-offset.json", "boto3-utc.json", "fractional-seconds.json", "web-identity.json", "minimal.json"])(
    "reads an entry the CLI wrote (%s)",
    async (file) => {
      await nodeFs.writeFile(join(root, `${KEY_A}.json`), await fixture(file));
      const session = await cacheIn(root).read(KEY_A);
      expect(session?.credentials.accessKeyId).toMatch(/^ASIAFIXTURE/);
      expect(warnings).toEqual([]);
    },
  );

  it.each([
    ["truncated", '{"Credentials": {"AccessKeyId": "AS'],
    ["empty", ""],
    ["lacking Expiration", '{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "fixture-secret", "SessionToken": "T"}}'],
    [
      "with an unparseable Expiration",
      '{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "fixture-secret", "SessionToken": "T", "Expiration": "soon"}}',
    ],
  ])("treats a %s entry as a miss, warns naming the file, then replaces it atomically", async (_docs, content) => {
    const file = join(root, `${KEY_A}.json`);
    await nodeFs.writeFile(file, content, { mode: 0o644 });
    const before = await nodeFs.stat(file);
    const cache = cacheIn(root);

    expect(await cache.read(KEY_A)).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(file);
    expect(warnings[0]).not.toContain("fixture-secret");
    expect(warnings[0]).not.toContain('"AS');

    await cache.write(KEY_A, fakeSession(2));
    const after = await nodeFs.stat(file);
    expect(after.ino).not.toBe(before.ino);
    expect(after.mode & 0o777).toBe(0o600);
    expect(await cache.read(KEY_A)).toEqual(fakeSession(2));
    expect(await listing(root)).toEqual([`${KEY_A}.json`]);
    expect(warnings).toHaveLength(1);
  });

  it("warns when an entry exists but cannot be read", async () => {
    await nodeFs.mkdir(join(root, `${KEY_A}.json`));
    expect(await cacheIn(root).read(KEY_A)).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(join(root, `${KEY_A}.json`));
  });

  it("leaves foreign files byte for byte untouched", async () => {
    const foreign: Record<string, string> = {
      "tmpab12.tmp": '{"Credentials": {"AccessKeyId": "ASIAFIXTURE', // a crashed CLI write
      "notes.txt": "not a cache entry\n",
      [`${SSO_KEY}.json`]: await fixture("sso.json"),
    };
    for (const [name, content] of Object.entries(foreign)) await nodeFs.writeFile(join(root, name), content);
    const statsBefore = await Promise.all(Object.keys(foreign).map((name) => nodeFs.stat(join(root, name))));
    const cache = cacheIn(root);

    expect(await cache.read(KEY_A)).toBeUndefined();
    await cache.withLock(KEY_A, () => cache.write(KEY_A, fakeSession(1)));
    await cache.write(KEY_B, fakeSession(2));
    expect(await cache.read(KEY_A)).toEqual(fakeSession(1));

    expect(await listing(root)).toEqual([...Object.keys(foreign), `${KEY_A}.json`, `${KEY_B}.json`].sort());
    for (const [i, [name, content]] of Object.entries(foreign).entries()) {
      expect(await nodeFs.readFile(join(root, name), "utf8")).toBe(content);
      const after = await nodeFs.stat(join(root, name));
      expect([after.ino, after.mtimeMs, after.mode]).toEqual([statsBefore[i]!.ino, statsBefore[i]!.mtimeMs, statsBefore[i]!.mode]);
    }
    expect(warnings).toEqual([]);
  });

  it("throws on anything but a CLI cache key, without touching the disk", async () => {
    const cache = cacheIn(join(root, "cache"));
    for (const key of [SSO_KEY.toUpperCase(), "../config", `${KEY_A}.json`, KEY_A.slice(1), ""]) {
      await expect(cache.read(key)).rejects.toThrow(TypeError);
      await expect(cache.write(key, fakeSession(1))).rejects.toThrow(TypeError);
      await expect(cache.withLock(key, async () => 1)).rejects.toThrow(TypeError);
    }
    expect(await listing(root)).toEqual([]);
  });

  it("logs one warning and resolves when a regular file occupies the cache directory's path", async () => {
    const dir = join(root, "cache");
    await nodeFs.writeFile(dir, "occupied");
    const cache = cacheIn(dir);
    // The whole miss path: read, lock, write.
    const result = await cache.withLock(KEY_A, async () => {
      expect(await cache.read(KEY_A)).toBeUndefined();
      await cache.write(KEY_A, fakeSession(1));
      return "credentials";
    });
    expect(result).toBe("credentials");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(join(dir, `${KEY_A}.json`));
    expect(await nodeFs.readFile(dir, "utf8")).toBe("occupied");
  });

  it.each([
    ["the disk is full", { ENOSPC: "writeFile" }],
    ["the temp file cannot be synced", { EIO: "sync" }],
    ["the rename is refused", { EACCES: "rename" }],
  ] as const)("keeps the old entry and removes the temp file when %s", async (_docs, failure) => {
    const [code, call] = Object.entries(failure)[0] as [string, string];
    await cacheIn(root).write(KEY_A, fakeSession(1));
    const fs = failingFs({
      open: async (path, flags, mode) => {
        const handle = await nodeFs.open(path, flags, mode);
        if (call === "writeFile") handle.writeFile = async () => Promise.reject(ioError(code));
        if (call === "sync") handle.sync = async () => Promise.reject(ioError(code));
        return handle;
      },
      ...(call === "rename" ? { rename: async () => Promise.reject(ioError(code)) } : {}),
    });

    await expect(cacheIn(root, fs).write(KEY_A, fakeSession(2))).resolves.toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(code);
    expect(await listing(root)).toEqual([`${KEY_A}.json`]);
    expect(await cacheIn(root).read(KEY_A)).toEqual(fakeSession(1));
  });

  it("logs one warning when the directory cannot be created", async () => {
    const fs = failingFs({ mkdir: async () => Promise.reject(ioError("EACCES")) });
    await expect(cacheIn(join(root, "cache"), fs).write(KEY_A, fakeSession(1))).resolves.toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("EACCES");
  });

  it("removes its lock directory after withLock", async () => {
    const cache = cacheIn(join(root, "cache"));
    await cache.withLock(KEY_A, async () => {
      expect(await listing(join(root, "cache"))).toEqual([`${KEY_A}.json.lock`]);
      // Outside the CLI's `<key>.json` namespace.
      expect(`${KEY_A}.json.lock`).not.toMatch(/^[0-9a-f]{40}\.json$/);
    });
    expect(await listing(join(root, "cache"))).toEqual([]);
  });
});

describe("entries and directories the cache does not trust", () => {
  const ME = 1000;
  const OTHER = 0;
  /** The real file system, with `foreign` paths reported as owned by root (as `sudo -E` leaves them). */
  const ownedBy = (foreign: (path: string) => boolean): Partial<FileCacheOptions> => {
    const owned = (get: FileSystem["stat"]): FileSystem["stat"] => async (path) => ({ ...(await get(path)), uid: foreign(path) ? OTHER : ME });
    return { system: { ...systemDeps(), uid: ME, fs: { ...nodeFileSystem, stat: owned(nodeFileSystem.stat), lstat: owned(nodeFileSystem.lstat) } } };
  };
  const soon = () => fakeSession(1, Date.now() + 3_600_000);

  it("uses nothing in a directory owned by another user: one warning with the chown fix, no read, write or lock", async () => {
    const dir = join(root, "cache");
    await nodeFs.mkdir(dir);
    await nodeFs.writeFile(join(dir, `${KEY_A}.json`), serializeCacheEntry(soon()));
    const cache = cacheIn(dir, ownedBy((path) => path === dir));

    expect(await cache.read(KEY_A)).toBeUndefined();
    await cache.withLock(KEY_B, async () => {
      expect(await listing(dir)).toEqual([`${KEY_A}.json`]);
      await cache.write(KEY_B, soon());
    });
    expect(await cache.read(KEY_A)).toBeUndefined();
    expect(await listing(dir)).toEqual([`${KEY_A}.json`]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`Not using the AWS CLI cache directory ${dir}: it is owned by user id 0, not by the current user (1000)`);
    expect(warnings[0]).toContain(`Run: sudo chown -R 1000 ${dir}`);
  });

  it("uses nothing through a cache directory that is a symbolic link into another user's folder", async () => {
    const theirs = join(root, "other-user", "cache");
    const dir = join(root, "cache");
    await nodeFs.mkdir(theirs, { recursive: true });
    await nodeFs.writeFile(join(theirs, `${KEY_A}.json`), serializeCacheEntry(soon()));
    await nodeFs.symlink(theirs, dir);
    // stat follows the link to the other user's directory; the link itself is ours.
    const options = ownedBy((path) => path.startsWith(theirs));
    const fs = options.system!.fs;
    const cache = cacheIn(dir, { system: { ...options.system!, fs: { ...fs, stat: async (p) => ({ ...(await fs.stat(p)), uid: p === dir ? OTHER : ME }) } } });

    expect(await cache.read(KEY_A)).toBeUndefined();
    await cache.write(KEY_B, soon());
    expect(await listing(theirs)).toEqual([`${KEY_A}.json`]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("through its symbolic link");
  });

  it("ignores an entry owned by another user with one warning naming it and the fix, and replaces it on write", async () => {
    const file = join(root, `${KEY_A}.json`);
    await nodeFs.writeFile(file, serializeCacheEntry(soon()), { mode: 0o644 });
    let replaced = false;
    const cache = cacheIn(root, ownedBy((path) => path === file && !replaced));

    expect(await cache.read(KEY_A)).toBeUndefined();
    expect(await cache.read(KEY_A)).toBeUndefined();
    expect(warnings).toEqual([
      `Ignoring the AWS CLI cache file ${file}: it is owned by user id 0, not by the current user (1000), so another user could ` +
        `have planted sessions in it. It will be replaced by the next session. Run: sudo chown 1000 ${file}`,
    ]);
    // Whole seconds, as entries are written.
    const expiresAt = Math.floor((Date.now() + 7_200_000) / 1000) * 1000;
    await cache.write(KEY_A, fakeSession(2, expiresAt));
    replaced = true;
    expect(await cache.read(KEY_A)).toEqual(fakeSession(2, expiresAt));
  });

  it("does not hang on a FIFO named like an entry: a miss with a warning, replaced by the next write", async () => {
    const file = join(root, `${KEY_A}.json`);
    execFileSync("mkfifo", [file]);
    const cache = cacheIn(root);
    expect(await cache.read(KEY_A)).toBeUndefined();
    expect(warnings).toEqual([`Ignoring the AWS CLI cache file ${file}: it is not a regular file. It will be replaced by the next session.`]);
    await cache.write(KEY_A, fakeSession(1));
    expect(await cache.read(KEY_A)).toEqual(fakeSession(1));
  });

  it("treats an entry over 64 KB, or expiring further away than STS can issue, as a miss with a warning", async () => {
    await nodeFs.writeFile(join(root, `${KEY_A}.json`), Buffer.alloc(1 << 20, 0x20));
    const clock = new FakeClock(Date.UTC(2026, 10, 22, 3, 0, 0), { instantSleeps: true });
    await nodeFs.writeFile(join(root, `${KEY_B}.json`), serializeCacheEntry(fakeSession(1, clock.now() + 37 * 3_600_000)));
    const cache = cacheIn(root, { clock });
    expect(await cache.read(KEY_A)).toBeUndefined();
    expect(await cache.read(KEY_B)).toBeUndefined();
    expect(warnings[0]).toContain("it is larger than 64 KB");
    expect(warnings[1]).toContain("is further away than the 36 hours STS can issue");
  });
});

describe("temp files left by a writer that was killed", () => {
  /** Our temp files of every key kind, and others', each `ageMs` old by the file system's clock. */
  async function plant(ages: Record<string, number>): Promise<void> {
    for (const [file, ageMs] of Object.entries(ages)) {
      await nodeFs.writeFile(join(root, file), "{}");
      const at = (Date.now() - ageMs) / 1000;
      await nodeFs.utimes(join(root, file), at, at);
    }
  }
  const name = (pid: number, prefix = "") => `.${prefix}${KEY_A}.${pid}.0123456789ab.tmp`;

  it("are removed when the directory is next written, once a few minutes old; others' files stay", async () => {
    const old = STALE_TEMP_MS + 60_000;
    const files = {
      stale: name(111),
      // An MFA session (12 hours of access without a code) is the last file to leave behind.
      staleMfaSession: name(333, "mfa-session-"),
      staleMfaRole: name(444, "mfa-role-"),
      fresh: name(222),
      cli: "tmpab12.tmp",
      other: `.${KEY_A}.tmp`,
    };
    await plant({ [files.stale]: old, [files.staleMfaSession]: old, [files.staleMfaRole]: old, [files.fresh]: 60_000, [files.cli]: old, [files.other]: old });
    const cache = cacheIn(root);
    await cache.read(KEY_B);
    expect(await listing(root)).toEqual(expect.arrayContaining([files.stale, files.staleMfaSession, files.staleMfaRole]));

    await cache.write(KEY_B, fakeSession(1));
    expect(await listing(root)).toEqual([files.other, files.fresh, `${KEY_B}.json`, files.cli].sort());
    expect(warnings).toEqual([]);
  });

  it("judges age by the file system's clock, so a process whose clock is hours ahead leaves a live writer's temp file alone", async () => {
    const live = name(555, "mfa-role-");
    await plant({ [live]: 1_000 });
    const ahead = new FakeClock(Date.now() + 2 * 3600_000);
    await cacheIn(root, { clock: ahead }).write(KEY_B, fakeSession(1));
    expect(await listing(root)).toEqual([live, `${KEY_B}.json`].sort());
  });
});

