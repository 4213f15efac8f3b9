// Which source a fetch resolves, in the JS SDK's order: a chosen profile (the option, then the calling
// client's, then AWS_PROFILE); otherwise the environment keys when both are set; otherwise the default
// profile. The provider and inspectProfile() decide with these same functions, so `explain` always tells
// what a fetch would do.
import type { Env } from "../runtime/env.js";
import { envKeys } from "./keys.js";

/** The first non-empty of `chosen`, else AWS_PROFILE; undefined when no profile was chosen. */
export function selectedProfile(env: Env, ...chosen: (string | undefined)[]): string | undefined {
  for (const name of chosen) if (name) return name;
  return env[envKeys.profile] || undefined;
}

/** AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are both set: they win when no profile was chosen. */
export function hasEnvironmentKeys(env: Env): boolean {
  return Boolean(env[envKeys.accessKeyId] && env[envKeys.secretAccessKey]);
}
