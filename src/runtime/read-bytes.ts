// The file reader of the error path that looks at the shared config files (profile/profile-file-notes.ts);
// a parameter there, so tests can pass their own.
import { readFile } from "node:fs/promises";

export type ReadBytes = (path: string) => Promise<Uint8Array>;

export const readBytes: ReadBytes = (path) => readFile(path);
