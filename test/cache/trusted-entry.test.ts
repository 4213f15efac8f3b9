// readTrustedEntry / checkCacheDirectory: what a cache entry or directory must be before it is used
// (docs/semantics.md §6.4, §6.9). Owners come through the FileSystem seam, so a test needs no second user.
import { execFileSync } from "node:child_process";
import * as nodeFs from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { serializeCacheEntry } from "../../src/cache/cache-entry.js";
import { checkCacheDirectory, MAX_CACHE_ENTRY_BYTES, MAX_STS_SESSION_MS, readTrustedEntry, type Trust } from "../../src/cache/trusted-entry.js";
import { nodeFileSystem, type FileSystem } from "../../src/runtime/fs.js";
import { removeTempDirs, tempDir } from "../support/sandbox-home.js";
import { fakeSession, KEY_A } from "./cache.contract.js";

const ME = 1000;
const OTHER = 4242;
const NOW = Date.UTC(2026, 10, 22, 3, 0, 0);

let root: string;
let reads: string[];
beforeEach(async () => {
  root = await tempDir("apc-trusted-");
  reads = [];
});
afterEach(removeTempDirs);

/** The real file system, reporting `OTHER` as the owner of the paths in `foreign` (or of their targets, via stat). */
function trust(options: { foreignLstat?: string[]; foreignStat?: string[]; uid?: number | undefined } = {}): Trust {
  const owned = (paths: string[] | undefined, get: FileSystem["stat"]): FileSystem["stat"] => async (path) => {
    const status = await get(path);
    return { ...status, uid: paths?.includes(path) ? OTHER : ME };
  };
  const fs: FileSystem = {
    ...nodeFileSystem,
    lstat: owned(options.foreignLstat, nodeFileSystem.lstat),
    stat: owned(options.foreignStat, nodeFileSystem.stat),
    readFile: (path, readOptions) => (reads.push(path), nodeFileSystem.readFile(path, readOptions)),
  };
  return { fs, uid: "uid" in options ? options.uid : ME };
}

const entryFile = () => join(root, `${KEY_A}.json`);
const writeEntry = (expiresAt = NOW + 3_600_000) => nodeFs.writeFile(entryFile(), serializeCacheEntry(fakeSession(1, expiresAt)));

describe(readTrustedEntry.name, () => {
  it("reads an entry of the current user's", async () => {
    await writeEntry();
    expect(await readTrustedEntry(trust(), entryFile(), NOW)).toEqual({ kind: "entry", session: fakeSession(1, NOW + 3_600_000) });
  });

  it("refuses an entry owned by another user, naming the owner and the chown fix, without reading it", async () => {
    await writeEntry();
    const found = await readTrustedEntry(trust({ foreignLstat: [entryFile()] }), entryFile(), NOW);
    expect(found).toMatchObject({ kind: "refused", fix: `sudo chown ${ME} ${entryFile()}` });
    expect(found.kind === "refused" && found.reason).toContain(`owned by user id ${OTHER}, not by the current user (${ME})`);
    expect(reads).toEqual([]);
  });

  it("refuses an entry that is our symbolic link to another user's file", async () => {
    const target = join(root, "planted.json");
    await nodeFs.writeFile(target, serializeCacheEntry(fakeSession(1, NOW + 3_600_000)));
    await nodeFs.symlink(target, entryFile());
    const found = await readTrustedEntry(trust({ foreignStat: [entryFile()] }), entryFile(), NOW);
    expect(found.kind === "refused" && found.reason).toContain("through its symbolic link");
    expect(reads).toEqual([]);
  });

  it("does not check owners where the platform has no user ids (Windows)", async () => {
    await writeEntry();
    expect((await readTrustedEntry(trust({ foreignLstat: [entryFile()], uid: undefined }), entryFile(), NOW)).kind).toBe("entry");
  });

  it("never opens a FIFO named like an entry", async () => {
    execFileSync("mkfifo", [entryFile()]);
    const found = await readTrustedEntry(trust(), entryFile(), NOW);
    expect(found).toEqual({ kind: "refused", reason: "it is not a regular file" });
    expect(reads).toEqual([]);
  });

  it("refuses an entry over 64 KB without reading it whole", async () => {
    await nodeFs.writeFile(entryFile(), Buffer.alloc(MAX_CACHE_ENTRY_BYTES + 1, 0x20));
    expect(await readTrustedEntry(trust(), entryFile(), NOW)).toEqual({ kind: "refused", reason: "it is larger than 64 KB" });
    expect(reads).toEqual([]);
  });

  it("refuses an entry that grew past 64 KB after it was looked at (the bounded read stops it)", async () => {
    await nodeFs.writeFile(entryFile(), Buffer.alloc(MAX_CACHE_ENTRY_BYTES * 4, 0x20));
    const lying: Trust = { ...trust(), fs: { ...trust().fs, lstat: async (p) => ({ ...(await nodeFileSystem.lstat(p)), uid: ME, size: 10 }) } };
    expect(await readTrustedEntry(lying, entryFile(), NOW)).toEqual({ kind: "refused", reason: "it is larger than 64 KB" });
  });

  it("refuses an Expiration further away than the 36 hours STS can issue, and takes one exactly 36 hours away", async () => {
    await writeEntry(NOW + MAX_STS_SESSION_MS + 1000);
    const found = await readTrustedEntry(trust(), entryFile(), NOW);
    expect(found.kind === "refused" && found.reason).toContain("further away than the 36 hours STS can issue");
    await writeEntry(NOW + MAX_STS_SESSION_MS);
    expect((await readTrustedEntry(trust(), entryFile(), NOW)).kind).toBe("entry");
  });

  it("finds nothing, quietly, where there is no entry or no directory", async () => {
    expect(await readTrustedEntry(trust(), entryFile(), NOW)).toEqual({ kind: "missing" });
    expect(await readTrustedEntry(trust(), join(root, "none", `${KEY_A}.json`), NOW)).toEqual({ kind: "missing" });
  });
});

describe(checkCacheDirectory.name, () => {
  it("accepts the current user's directory and refuses another user's, with the chown -R fix", async () => {
    expect(await checkCacheDirectory(trust(), root)).toMatchObject({ kind: "ok" });
    expect(await checkCacheDirectory(trust({ foreignLstat: [root] }), root)).toMatchObject({ kind: "refused", fix: `sudo chown -R ${ME} ${root}` });
  });

  it("refuses a symbolic link into another user's directory", async () => {
    const theirs = join(root, "theirs");
    const link = join(root, "cache");
    await nodeFs.mkdir(theirs);
    await nodeFs.symlink(theirs, link);
    const found = await checkCacheDirectory(trust({ foreignStat: [link] }), link);
    expect(found.kind === "refused" && found.reason).toContain("through its symbolic link");
  });
});
