// Whether and where role sessions are cached on disk, and the SessionCache that follows from it. The disk
// layer is the AWS CLI's own cache (`<home>/.aws/cli/cache`), on by default; the `cache` option wins over
// the AWS_PROFILE_CREDENTIALS_CACHE variable, which turns it off for a whole process tree.
import { join } from "node:path";
import type { Logger } from "@smithy/types";
import { envKeys } from "../profile/keys.js";
import type { Clock } from "../runtime/clock.js";
import { homeDirectory, type Env } from "../runtime/env.js";
import { createFileCache } from "./file-cache.js";
import { createLayeredCache } from "./layered-cache.js";
import { createMemoryCache } from "./memory-cache.js";
import type { SessionCache } from "./session-cache.js";

/** The AWS CLI's threshold: a cached session is used only while at least 15 minutes of it are left. */
export const DEFAULT_MIN_CACHED_SESSION_REMAINING_MS = 15 * 60_000;

export interface CacheSettings {
  enabled: boolean;
  dir: string;
  minRemainingMs: number;
}

export interface CacheOptions {
  cache?: boolean;
  cacheDir?: string;
  minCachedSessionRemainingMs?: number;
}

export function resolveCacheSettings(options: CacheOptions, env: Env): CacheSettings {
  const setting = env[envKeys.disableCache]?.trim().toLowerCase();
  return {
    enabled: options.cache ?? !(setting !== undefined && CACHE_OFF.has(setting)),
    dir: options.cacheDir ?? join(homeDirectory(env), ".aws", "cli", "cache"),
    minRemainingMs: options.minCachedSessionRemainingMs ?? DEFAULT_MIN_CACHED_SESSION_REMAINING_MS,
  };
}

/** Memory in front of the disk cache, or memory alone when the disk cache is off. */
export function createSessionCache(settings: CacheSettings, logger: Logger, clock: Clock): SessionCache {
  const memory = createMemoryCache();
  if (!settings.enabled) return memory;
  return createLayeredCache(memory, createFileCache({ dir: settings.dir, logger, clock }));
}

// --- internal ---

const CACHE_OFF = new Set(["off", "false", "0", "no"]);
