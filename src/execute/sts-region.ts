// The region of the one STS client that serves every hop, in the JS SDK's order (docs/semantics.md §4.5):
// clientConfig.region, the selected role profile's region, the calling client's region, AWS_REGION,
// the region of the calling client's profile or of AWS_PROFILE/default, then us-east-1 with the SDK's warning.
import type { Logger } from "@smithy/types";
import { DEFAULT_PROFILE, envKeys, regionKey } from "../profile/keys.js";
import type { ProfileSet } from "../profile/load-profiles.js";
import type { Env } from "../runtime/env.js";

export type RegionInput = string | (() => Promise<string | undefined> | string | undefined) | undefined;

export interface StsRegionSources {
  clientConfigRegion?: RegionInput;
  profileRegion?: string;
  callerRegion?: RegionInput;
  callerProfile?: string;
  env: Env;
  profiles: ProfileSet;
  logger: Logger;
}

export const DEFAULT_STS_REGION = "us-east-1";
export const DEFAULT_REGION_WARNING =
  "@aws-sdk - WARN - default STS region of us-east-1 used. See @aws-sdk/credential-providers README and set a region explicitly.";

export async function resolveStsRegion(sources: StsRegionSources): Promise<string> {
  const fromProfile = (name: string | undefined) => (name ? sources.profiles[name]?.[regionKey] : undefined);
  const region =
    (await read(sources.clientConfigRegion)) ||
    sources.profileRegion ||
    (await read(sources.callerRegion)) ||
    sources.env[envKeys.region] ||
    fromProfile(sources.callerProfile) ||
    fromProfile(sources.env[envKeys.profile] || DEFAULT_PROFILE);
  if (region) return region;
  sources.logger.warn(DEFAULT_REGION_WARNING);
  return DEFAULT_STS_REGION;
}

// --- internal ---

async function read(input: RegionInput): Promise<string | undefined> {
  if (typeof input === "function") {
    try {
      return (await input()) || undefined;
    } catch {
      // A calling client whose own region cannot be resolved must not break credential resolution.
      return undefined;
    }
  }
  return input || undefined;
}
