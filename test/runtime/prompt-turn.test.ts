// takePromptTurn: prompts on one terminal take turns across processes through a per-user, per-terminal
// turn file (created exclusively, holding the asker's pid); a dead asker's turn is taken over.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { nodeFileSystem } from "../../src/runtime/fs.js";
import { takePromptTurn } from "../../src/runtime/prompt-turn.js";

let dir: string;
const uid = process.getuid?.();
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "apc-turn-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const deps = (pid: number, alive: Set<number>) => ({ fs: nodeFileSystem, pid, uid, dir, retryIntervalMs: 5, isAlive: (p: number) => alive.has(p) });

describe(takePromptTurn.name, () => {
  it("gives the terminal to one asker at a time and passes it on when released", async () => {
    const alive = new Set([101, 102]);
    const first = await takePromptTurn("34816", deps(101, alive));
    const [file] = await readdir(dir);
    expect(file).toBe(`aws-profile-credentials-${uid ?? "user"}-tty34816.prompt.lock`);
    expect(await readFile(join(dir, file!), "utf8")).toBe("101");
    let secondHasIt = false;
    const second = takePromptTurn("34816", deps(102, alive)).then((release) => ((secondHasIt = true), release));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(secondHasIt).toBe(false);
    await first();
    await (await second)();
    expect(secondHasIt).toBe(true);
    expect(await readdir(dir)).toEqual([]);
  });

  it("does not make another terminal wait", async () => {
    const alive = new Set([101, 102]);
    await takePromptTurn("1", deps(101, alive));
    const release = await takePromptTurn("2", deps(102, alive));
    expect((await readdir(dir)).sort()).toHaveLength(2);
    await release();
  });

  it("takes over the turn of an asker that died", async () => {
    await writeFile(join(dir, `aws-profile-credentials-${uid ?? "user"}-tty7.prompt.lock`), "999999");
    const release = await takePromptTurn("7", deps(101, new Set([101])));
    expect(await readFile(join(dir, `aws-profile-credentials-${uid ?? "user"}-tty7.prompt.lock`), "utf8")).toBe("101");
    await release();
  });

  it("lets one asker at a time take over a dead asker's turn, however many found it at once", async () => {
    await writeFile(join(dir, `aws-profile-credentials-${uid ?? "user"}-tty8.prompt.lock`), "999999");
    const askers = [201, 202, 203, 204, 205, 206];
    const alive = new Set(askers);
    let holding = 0;
    let most = 0;
    await Promise.all(
      askers.map(async (pid) => {
        const release = await takePromptTurn("8", deps(pid, alive));
        most = Math.max(most, ++holding);
        await new Promise((resolve) => setTimeout(resolve, 10));
        holding -= 1;
        await release();
      }),
    );
    expect(most).toBe(1);
    expect(await readdir(dir)).toEqual([]);
  });

  it("asks without a turn when the turn file cannot be made", async () => {
    const release = await takePromptTurn("7", { ...deps(101, new Set()), dir: join(dir, "missing") });
    await release();
    expect(await readdir(dir)).toEqual([]);
  });
});
