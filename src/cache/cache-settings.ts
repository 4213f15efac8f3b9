// The SessionCache that the cache settings (resolve/settings.ts) call for: memory in front of the AWS
// CLI's disk cache (`<home>/.aws/cli/cache`), or memory alone when the disk cache is off.
import type { Logger } from "@smithy/types";
import type { Clock } from "../runtime/clock.js";
import type { SystemDeps } from "../runtime/deps.js";
import type { CacheSettings } from "../resolve/settings.js";
import { createFileCache } from "./file-cache.js";
import { createLayeredCache } from "./layered-cache.js";
import { createMemoryCache } from "./memory-cache.js";
import type { SessionCache } from "./session-cache.js";

export function createSessionCache(settings: CacheSettings, logger: Logger, clock: Clock, system?: SystemDeps): SessionCache {
  const memory = createMemoryCache();
  if (!settings.enabled) return memory;
  return createLayeredCache(memory, createFileCache({ dir: settings.dir, logger, clock, ...(system ? { system } : {}) }));
}
