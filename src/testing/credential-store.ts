// Temporary credentials the emulator has issued: minting readable, deterministic key ids and looking them
// up again when a later request is signed with them. Expiry is judged by the caller against its clock.
import { randomBytes } from "node:crypto";
import type { Caller } from "./principals.js";

/** One set of temporary credentials and the identity it stands for. */
export interface IssuedCredentials {
  /** `ASIAEMU` + a 13-digit counter: the first issued key is `ASIAEMU0000000000001`. */
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

/** `sessionSecondsOverride`, when set, replaces every requested session length (see LocalStsOptions). */
export function createCredentialStore(sessionSecondsOverride?: number): CredentialStore {
  let counter = 0;
  const byKeyId = new Map<string, IssuedCredentials>();
  return {
    issue(identity, nowMs, durationSeconds) {
      counter += 1;
      const issued: IssuedCredentials = {
        // 20 characters like a real key id; a counter, not randomness, so tests can name keys in advance.
        accessKeyId: `ASIAEMU${String(counter).padStart(13, "0")}`,
        secretAccessKey: randomBytes(30).toString("base64"),
        // Real tokens are opaque base64 of a few hundred bytes; clients must not parse them.
        sessionToken: `IQoJb3JpZ2luX2VtdQ${randomBytes(96).toString("base64")}`,
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
