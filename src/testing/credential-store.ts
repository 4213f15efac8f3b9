// Temporary credentials the emulator has issued: minting key ids, secrets and tokens from the instance's
// random source (seedable, see issued-randomness.ts) and looking them up again when a later request is
// signed with them. Expiry is judged by the caller against its clock.
import type { Caller } from "./principals.js";
import type { RandomSource } from "./issued-randomness.js";

/** One set of temporary credentials and the identity it stands for. */
export interface IssuedCredentials {
  /** `ASIAEMU` + 13 random base32 characters (20 in all, like a real key id), different for each emulator. */
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch ms, whole seconds (STS expirations carry no milliseconds). */
  expiresAt: number;
  /** Who signs when these credentials are used. */
  identity: Caller;
}

export interface CredentialStore {
  issue(identity: Caller, nowMs: number, durationSeconds: number): IssuedCredentials;
  find(accessKeyId: string): IssuedCredentials | undefined;
}

/** Issued key ids start with this, so a reader can tell emulator credentials from real ones at a glance. */
export const ISSUED_KEY_PREFIX = "ASIAEMU";

/** `sessionSecondsOverride`, when set, replaces every requested session length (see LocalStsOptions). */
export function createCredentialStore(random: RandomSource, sessionSecondsOverride?: number): CredentialStore {
  const byKeyId = new Map<string, IssuedCredentials>();
  return {
    issue(identity, nowMs, durationSeconds) {
      let accessKeyId: string;
      do accessKeyId = ISSUED_KEY_PREFIX + base32(random.bytes(13));
      while (byKeyId.has(accessKeyId));
      const issued: IssuedCredentials = {
        accessKeyId,
        secretAccessKey: random.bytes(30).toString("base64"),
        // Real tokens are opaque base64 of a few hundred bytes; clients must not parse them.
        sessionToken: `IQoJb3JpZ2luX2VtdQ${random.bytes(96).toString("base64")}`,
        expiresAt: Math.floor(nowMs / 1000) * 1000 + (sessionSecondsOverride ?? durationSeconds) * 1000,
        identity,
      };
      byKeyId.set(issued.accessKeyId, issued);
      return issued;
    },
    find: (accessKeyId) => byKeyId.get(accessKeyId),
  };
}

/** STS's Expiration format: ISO-8601 UTC with no fractional seconds, e.g. `2026-11-22T05:00:00Z`. */
export function formatExpiration(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, "Z");
}

// --- internal ---

/** The alphabet of real AWS key ids (A-Z, 2-7): one character per byte, 32 values each. */
const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32(bytes: Buffer): string {
  return Array.from(bytes, (byte) => KEY_ALPHABET[byte % 32]).join("");
}
