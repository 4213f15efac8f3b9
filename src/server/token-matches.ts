// The comparison of a presented Authorization header with the server's token, in time independent of
// where they differ, so a caller cannot learn the token a byte at a time.
import { createHash, timingSafeEqual } from "node:crypto";

/** True when `presented` is exactly `token`. Both are hashed first: timingSafeEqual needs equal lengths. */
export function tokenMatches(token: string, presented: string): boolean {
  return timingSafeEqual(digest(token), digest(presented));
}

// --- internal ---

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}
