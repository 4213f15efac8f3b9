// Where the emulator's issued key ids, secrets and tokens come from: fresh randomness per emulator, so a
// session cached by an earlier run can never match a key of this one, or with a seed a repeatable stream
// (SHA-256 in counter mode), so a test can compare whole call logs across runs.
import { createHash, randomBytes } from "node:crypto";

export interface RandomSource {
  bytes(n: number): Buffer;
}

/** `seed` undefined: crypto randomness. Otherwise the same seed yields the same bytes, call for call. */
export function createRandomSource(seed?: string | number): RandomSource {
  if (seed === undefined) return { bytes: (n) => randomBytes(n) };
  let block = 0;
  return {
    bytes(n) {
      const chunks: Buffer[] = [];
      for (let length = 0; length < n; length += 32) {
        chunks.push(createHash("sha256").update(`${String(seed)}\u0000${block++}`).digest());
      }
      return Buffer.concat(chunks).subarray(0, n);
    },
  };
}
