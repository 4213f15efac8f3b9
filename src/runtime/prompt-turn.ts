// Prompts of several processes on one terminal take turns (eight test workers needing different roles): a
// turn is a lock file per user and terminal in the temp directory, created exclusively, holding the pid of
// the process that is asking. A turn whose process has died is taken over. Any other problem with the
// file means asking without a turn: the turn is a courtesy, never an error.
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FileSystem } from "./fs.js";

export interface PromptTurnDeps {
  fs: FileSystem;
  pid: number;
  uid: number | undefined;
  /** @default the system temp directory */
  dir?: string;
  /** Pause between looks at a held turn. @default 100 */
  retryIntervalMs?: number;
  /** Whether a process is alive. @default a signal-0 probe */
  isAlive?: (pid: number) => boolean;
}

/** Waits for this terminal's turn; resolves with the function that gives it back. */
export async function takePromptTurn(terminal: string, deps: PromptTurnDeps): Promise<() => Promise<void>> {
  const { fs, pid, uid } = deps;
  const file = join(deps.dir ?? tmpdir(), `aws-profile-credentials-${uid ?? "user"}-tty${terminal}.prompt.lock`);
  const isAlive = deps.isAlive ?? processAlive;
  for (;;) {
    try {
      const handle = await fs.open(file, "wx", 0o600);
      try {
        await handle.writeFile(String(pid), "utf8");
      } finally {
        await handle.close();
      }
      return () => fs.unlink(file).catch(() => undefined);
    } catch (error) {
      if ((error as NodeJS.ErrnoException)?.code !== "EEXIST") return async () => undefined;
    }
    const holder = await readHolder(fs, file, uid);
    if (holder === "foreign") return async () => undefined;
    if (holder === "gone") continue;
    if (holder === "stale" || (holder !== "writing" && !isAlive(holder))) {
      await takeOver(fs, file, uid, isAlive);
      continue;
    }
    await new Promise((resolve) => setTimeout(resolve, deps.retryIntervalMs ?? 100));
  }
}

// --- internal ---

/**
 * Removes a dead holder's turn, under a guard file: two processes that both saw it dead must not both remove
 * it, or the second would remove the turn the first has just taken (after a test's prompt is killed, the
 * next terminal with the same number finds its turn left behind).
 */
async function takeOver(fs: FileSystem, file: string, uid: number | undefined, isAlive: (pid: number) => boolean): Promise<void> {
  const guard = `${file}.takeover`;
  try {
    await (await fs.open(guard, "wx", 0o600)).close();
  } catch {
    // Another process is taking over; a guard left by one that died is removed once old.
    const status = await fs.lstat(guard).catch(() => undefined);
    if (status && Date.now() - status.mtimeMs > EMPTY_STALE_MS) await fs.unlink(guard).catch(() => undefined);
    return;
  }
  try {
    // Looked at again under the guard: another process may already have taken the turn.
    const holder = await readHolder(fs, file, uid);
    if (holder === "stale" || (typeof holder === "number" && !isAlive(holder))) await fs.unlink(file).catch(() => undefined);
  } finally {
    await fs.unlink(guard).catch(() => undefined);
  }
}

/** A turn file still being written (created, pid not yet in it) for longer than this is abandoned. */
const EMPTY_STALE_MS = 5_000;

/** `writing`: just created, its pid not written yet (a live holder); `stale`: empty for too long; `gone`: released. */
async function readHolder(fs: FileSystem, file: string, uid: number | undefined): Promise<number | "writing" | "stale" | "gone" | "foreign"> {
  try {
    const status = await fs.lstat(file);
    // Another user's file (or a link) in a shared temp directory is not ours to wait for or remove.
    if (!status.isFile || (uid !== undefined && status.uid !== uid)) return "foreign";
    const pid = Number(Buffer.from(await fs.readFile(file, { maxBytes: 32 })).toString("utf8"));
    if (Number.isInteger(pid) && pid > 0) return pid;
    return Date.now() - status.mtimeMs > EMPTY_STALE_MS ? "stale" : "writing";
  } catch {
    // Released between the create and the read: try again.
    return "gone";
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException)?.code === "EPERM";
  }
}
