// Copies of values with their secrets masked, for anything that leaves the library other than the
// credentials asked for: what the STS client's logger receives (runtime/redacting-logger.ts) and the SDK
// errors kept as `cause` (execute/sts-errors.ts). Members named like secrets are masked, known secret
// values are replaced in any text, and the SDK's hidden raw response bodies ($responseBodyText,
// $response), which may hold newly issued credentials, are dropped.

/** The SDK's own mask for sensitive members. */
export const MASK = "***SensitiveInformation***";

/** `value` with secrets masked; objects and errors are copied (same prototype), never changed. */
export function redacted(value: unknown, secrets: readonly string[] = []): unknown {
  return copy(value, secrets.filter((secret) => secret.length > 0), new WeakMap(), 0);
}

// --- internal ---

const MAX_DEPTH = 12;

/** Members that hold a secret in STS's requests and answers (and in the SDK's credential objects). */
const SECRET_MEMBERS = new Set([
  "SecretAccessKey",
  "SessionToken",
  "TokenCode",
  "WebIdentityToken",
  "SAMLAssertion",
  "secretAccessKey",
  "sessionToken",
]);

/** Where the SDK keeps raw response bodies. */
const HIDDEN = new Set(["$responseBodyText", "$response"]);

function copy(value: unknown, secrets: readonly string[], seen: WeakMap<object, unknown>, depth: number): unknown {
  if (typeof value === "string") return secrets.reduce((text, secret) => text.replaceAll(secret, MASK), value);
  if (typeof value !== "object" || value === null || isOpaque(value)) return value;
  if (seen.has(value)) return seen.get(value);
  if (depth > MAX_DEPTH) return "[…]";
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    seen.set(value, items);
    for (const item of value) items.push(copy(item, secrets, seen, depth + 1));
    return items;
  }
  // Same prototype, so an Error stays an Error (instanceof, name) and a class keeps its methods.
  const out = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
  seen.set(value, out);
  const source = value as Record<string, unknown>;
  // An error's own members are kept even when hidden (message, stack, $metadata, cause).
  const keys = value instanceof Error ? Object.getOwnPropertyNames(value) : Object.keys(value);
  for (const key of keys) {
    if (HIDDEN.has(key)) continue;
    const member = source[key];
    const masked = SECRET_MEMBERS.has(key) && member !== undefined ? MASK : copy(member, secrets, seen, depth + 1);
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    Object.defineProperty(out, key, { value: masked, enumerable: descriptor?.enumerable ?? true, writable: true, configurable: true });
  }
  return out;
}

/** Values kept as they are: they hold no member a logger would print as text. */
function isOpaque(value: object): boolean {
  return value instanceof Date || value instanceof RegExp || ArrayBuffer.isView(value) || value instanceof Map || value instanceof Set || value instanceof Promise;
}
