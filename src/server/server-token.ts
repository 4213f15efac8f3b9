// The credential server's bearer token: 256 random bits from the injected source (crypto by default).
// The comparison with a presented token is token-matches.ts's, loaded with the HTTP listener, so importing
// the package never loads node:crypto.

/** Bytes of randomness in a token: 256 bits. */
export const TOKEN_BYTES = 32;

export type RandomBytes = (size: number) => Uint8Array;

/** A new token: TOKEN_BYTES bytes from `randomBytes`, base64url (43 characters, safe in any header). */
export function createToken(randomBytes: RandomBytes): string {
  const bytes = randomBytes(TOKEN_BYTES);
  if (bytes.length < TOKEN_BYTES) {
    throw new TypeError(`the credential server's randomBytes(${TOKEN_BYTES}) returned only ${bytes.length} bytes; a token needs ${TOKEN_BYTES}`);
  }
  return Buffer.from(bytes.subarray(0, TOKEN_BYTES)).toString("base64url");
}
