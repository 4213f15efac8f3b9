// Finds, before anything runs, a credential_process that calls this CLI again for a profile already
// being resolved (itself, or a cycle such as a -> b -> a), so the user sees CREDENTIAL_PROCESS_LOOP
// instead of the SDK's "Could not load credentials from any providers" from deep inside the recursion.
// Pure. Commands that run this CLI only through a wrapper script are not recognised here; the
// AWS_PROFILE_CREDENTIALS_RESOLVING marker (resolve-cli-credentials.ts) still stops those.
import { basename, isAbsolute, resolve } from "node:path";
import { delegatedSourceKeys, roleKeys, staticKeys, webIdentityKeys } from "../profile/keys.js";
import { splitWords } from "../profile/shell-words.js";
import type { Profile, ProfileSet } from "../profile/load-profiles.js";

export interface LoopSearch {
  profiles: ProfileSet;
  /** The profile this process resolves. */
  profile: string;
  /** Profiles the CLI processes above this one are resolving (outermost first). */
  resolving: readonly string[];
  /** The profile a nested call without --profile resolves (its inherited AWS_PROFILE, else "default"). */
  defaultProfile: string;
  /** The real path of this CLI's script, to recognise `node /path/to/cli.js credential-process`. */
  selfScript?: string;
}

/** The profile path that leads back to a profile being resolved, e.g. ["a", "b", "a"], or undefined. */
export function findCredentialProcessLoop(search: LoopSearch): string[] | undefined {
  return visit(search, search.profile, [...search.resolving, search.profile], new Set());
}

// --- internal ---

const MAX_SOURCE_HOPS = 32;

function visit(search: LoopSearch, start: string, stack: string[], done: Set<string>): string[] | undefined {
  if (done.has(start)) return undefined;
  done.add(start);
  let name: string | undefined = start;
  for (let hop = 0; name !== undefined && hop < MAX_SOURCE_HOPS; hop += 1) {
    const profile = own(search.profiles, name);
    if (!profile) return undefined;
    const target = usesCredentialProcess(profile) ? selfTarget(profile[delegatedSourceKeys.credentialProcess] as string, search) : undefined;
    if (target !== undefined) {
      if (stack.includes(target)) return [...stack, target];
      return visit(search, target, [...stack, target], done);
    }
    const next = profile[roleKeys.sourceProfile];
    name = profile[roleKeys.roleArn] !== undefined && next !== name ? next : undefined;
  }
  return undefined;
}

/** As the SDK's fromIni: role, static keys and web identity come before credential_process. */
function usesCredentialProcess(profile: Profile): boolean {
  return (
    profile[delegatedSourceKeys.credentialProcess] !== undefined &&
    profile[roleKeys.roleArn] === undefined &&
    profile[staticKeys.accessKeyId] === undefined &&
    profile[webIdentityKeys.tokenFile] === undefined
  );
}

/** The profile a `credential-process` call of this CLI in `commandLine` resolves, if it is one. */
function selfTarget(commandLine: string, search: LoopSearch): string | undefined {
  const words = splitWords(commandLine);
  const self = words.findIndex((word) => isSelf(word, search.selfScript));
  if (self < 0) return undefined;
  const rest = words.slice(self + 1);
  const at = rest.indexOf("credential-process");
  if (at < 0) return undefined;
  const args = rest.slice(at + 1);
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === "--profile" || arg === "-p") return args[i + 1];
    if (arg.startsWith("--profile=")) return arg.slice("--profile=".length);
  }
  return search.defaultProfile;
}

function isSelf(word: string, selfScript: string | undefined): boolean {
  if (/^aws-profile-credentials(@[^/\\]*)?(\.(c?js|mjs|cmd|ps1|exe))?$/.test(basename(word))) return true;
  return selfScript !== undefined && isAbsolute(word) && resolve(word) === selfScript;
}

function own(profiles: ProfileSet, name: string): Profile | undefined {
  return Object.prototype.hasOwnProperty.call(profiles, name) ? profiles[name] : undefined;
}
