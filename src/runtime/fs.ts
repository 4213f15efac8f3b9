// The one file-system seam: every file the library reads or writes goes through a FileSystem in Deps
// (the SDK's INI loader, which reads the shared config files itself, is the one named exception). The
// shape is what the cache needs: owner and type before opening, bounded reads, exclusive creates.
import { constants } from "node:fs";
import * as fsp from "node:fs/promises";

export interface FileStatus {
  /** Permission and type bits, as `stat.mode`. */
  mode: number;
  /** The owner's user id (0 where the platform has none, e.g. Windows). */
  uid: number;
  size: number;
  mtimeMs: number;
  isFile: boolean;
  isDirectory: boolean;
  isSymbolicLink: boolean;
}

export interface WritableFile {
  writeFile(data: string, encoding: "utf8"): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface ReadFileOptions {
  /**
   * Refuse (EFBIG) a file larger than this without reading it whole. The file is opened without blocking
   * and refused (ENOTREG) unless it is a regular file, so a FIFO or a device never hangs a read.
   */
  maxBytes?: number;
}

export interface FileSystem {
  readFile(path: string, options?: ReadFileOptions): Promise<Uint8Array>;
  stat(path: string): Promise<FileStatus>;
  lstat(path: string): Promise<FileStatus>;
  readdir(path: string): Promise<string[]>;
  mkdir(path: string, options: { recursive: true; mode: number }): Promise<string | undefined>;
  /** Creates `path` exclusively ("wx"): fails with EEXIST when anything is there. */
  open(path: string, flags: "wx", mode: number): Promise<WritableFile>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

export const nodeFileSystem: FileSystem = {
  readFile: readBounded,
  stat: async (path) => status(await fsp.stat(path)),
  lstat: async (path) => status(await fsp.lstat(path)),
  readdir: (path) => fsp.readdir(path),
  mkdir: (path, options) => fsp.mkdir(path, options),
  open: (path, flags, mode) => fsp.open(path, flags, mode),
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
};

/** A Node-style error with a `code`, as the seam's implementations raise them. */
export function fileError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

// --- internal ---

function status(st: import("node:fs").Stats): FileStatus {
  return {
    mode: st.mode,
    uid: st.uid,
    size: st.size,
    mtimeMs: st.mtimeMs,
    isFile: st.isFile(),
    isDirectory: st.isDirectory(),
    isSymbolicLink: st.isSymbolicLink(),
  };
}

async function readBounded(path: string, options: ReadFileOptions = {}): Promise<Uint8Array> {
  if (options.maxBytes === undefined) return fsp.readFile(path);
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer (0 where unsupported).
  const handle = await fsp.open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw fileError("ENOTREG", `${path} is not a regular file`);
    if (st.size > options.maxBytes) throw fileError("EFBIG", `${path} is larger than ${options.maxBytes} bytes`);
    // One byte more than allowed tells a file that grew since fstat from one that did not.
    const buffer = Buffer.alloc(options.maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > options.maxBytes) throw fileError("EFBIG", `${path} is larger than ${options.maxBytes} bytes`);
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}
