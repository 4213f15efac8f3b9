// The process environment as a read-only value, and the home directory as the JS SDK resolves it
// (HOME, then USERPROFILE, then HOMEDRIVE+HOMEPATH, then os.homedir()).
import { homedir } from "node:os";
import { sep } from "node:path";

export type Env = Readonly<Record<string, string | undefined>>;

export function homeDirectory(env: Env): string {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? `C:${sep}`}${env.HOMEPATH}`;
  return homedir();
}
