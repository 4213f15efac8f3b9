// Finds, before anything runs, a credential_process that calls this CLI again for a profile already
// being resolved (itself, or a cycle such as a -> b -> a), so the user sees CREDENTIAL_PROCESS_LOOP
// instead of the SDK's "Could not load credentials from any providers" from deep inside the recursion.
// It works on resolutions: the credential_process a resolution's base runs (Resolution.process), and the
// resolution of the profile that command asks for; it never reads profiles itself. Commands that run this
// CLI only through a wrapper script are not recognised here; the AWS_PROFILE_CREDENTIALS_RESOLVING marker
// (resolve-cli-credentials.ts) still stops those.
import { basename, isAbsolute, resolve } from "node:path";
import type { Resolution } from "../resolve/resolve-profile.js";
import { splitWords } from "../profile/shell-words.js";

export interface LoopSearch {
  /** Profiles the CLI processes above this one are resolving (outermost first). */
  resolving: readonly string[];
  /** The real path of this CLI's script, to recognise `node /path/to/cli.js credential-process`. */
  selfScript?: string;
  /**
   * How a nested `credential-process` call resolves: with `--profile`, that profile; without, the selection
   * rule in the inherited environment. Undefined when it cannot be resolved (its own error is reported then).
   */
  resolve: (profile: string | undefined) => Promise<Resolution | undefined>;
}

/** The profile path that leads back to a profile being resolved, e.g. ["a", "b", "a"], or undefined. */
export async function findCredentialProcessLoop(start: Resolution, search: LoopSearch): Promise<string[] | undefined> {
  const stack = [...search.resolving, start.profile];
  const done = new Set<string>();
  for (let resolution: Resolution | undefined = start; resolution && stack.length <= MAX_NESTING; ) {
    if (done.has(resolution.profile)) return undefined;
    done.add(resolution.profile);
    const target = resolution.process ? selfTarget(resolution.process.command, search.selfScript) : undefined;
    if (!target) return undefined;
    resolution = await search.resolve(target.profile);
    if (!resolution) return undefined;
    if (stack.includes(resolution.profile)) return [...stack, resolution.profile];
    stack.push(resolution.profile);
  }
  return undefined;
}

// --- internal ---

const MAX_NESTING = 32;

/** The `credential-process` call of this CLI in `commandLine`, with its --profile if it has one. */
function selfTarget(commandLine: string, selfScript: string | undefined): { profile?: string } | undefined {
  const words = splitWords(commandLine);
  const self = words.findIndex((word) => isSelf(word, selfScript));
  if (self < 0) return undefined;
  const rest = words.slice(self + 1);
  const at = rest.indexOf("credential-process");
  if (at < 0) return undefined;
  const args = rest.slice(at + 1);
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === "--profile" || arg === "-p") return args[i + 1] !== undefined ? { profile: args[i + 1] as string } : {};
    if (arg.startsWith("--profile=")) return { profile: arg.slice("--profile=".length) };
  }
  return {};
}

function isSelf(word: string, selfScript: string | undefined): boolean {
  if (/^aws-profile-credentials(@[^/\\]*)?(\.(c?js|mjs|cmd|ps1|exe))?$/.test(basename(word))) return true;
  return selfScript !== undefined && isAbsolute(word) && resolve(word) === selfScript;
}
