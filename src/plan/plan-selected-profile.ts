// buildPlan() for the profile a fetch selected (see profile/select-profile.ts): the implicit default when
// none was chosen, and AWS_ROLE_SESSION_NAME as web identity's fallback session name. Shared by the
// provider and inspectProfile().
import { DEFAULT_PROFILE, envKeys } from "../profile/keys.js";
import type { ProfileSet } from "../profile/load-profiles.js";
import type { Env } from "../runtime/env.js";
import { buildPlan } from "./build-plan.js";
import type { Resolution } from "./steps.js";

export function planSelectedProfile(profiles: ProfileSet, selected: string | undefined, env: Env): Resolution {
  const envRoleSessionName = env[envKeys.roleSessionName];
  return buildPlan(profiles, selected ?? DEFAULT_PROFILE, {
    explicit: selected !== undefined,
    ...(envRoleSessionName ? { envRoleSessionName } : {}),
  });
}
