// Which source a fetch resolves, in the JS SDK's order (docs/semantics.md §1): a chosen profile (the
// `profile` option, then the calling client's, then AWS_PROFILE); otherwise the environment keys when both
// are set; otherwise the implicit `default` profile. The one selection rule: the provider, inspectProfile()
// and every CLI command decide with it. Cheap on purpose: no file read, no SDK import.
import { DEFAULT_PROFILE, envKeys } from "../profile/keys.js";
import type { Env } from "../runtime/env.js";

export type Source =
  | { kind: "environment" }
  /** `explicit`: chosen by option, caller or AWS_PROFILE, rather than the implicit default. */
  | { kind: "profile"; name: string; explicit: boolean };

/** `chosen`: the `profile` option, then the calling client's profile; empty strings count as unset. */
export function selectSource(env: Env, ...chosen: (string | undefined)[]): Source {
  for (const name of [...chosen, env[envKeys.profile]]) if (name) return { kind: "profile", name, explicit: true };
  if (hasEnvironmentKeys(env)) return { kind: "environment" };
  return { kind: "profile", name: DEFAULT_PROFILE, explicit: false };
}

/** AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are both set. */
export function hasEnvironmentKeys(env: Env): boolean {
  return Boolean(env[envKeys.accessKeyId] && env[envKeys.secretAccessKey]);
}
