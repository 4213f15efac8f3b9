// The logger the SDK's STS client gets when the user sets clientConfig.logger: that logger behind a
// filter. The SDK logs every command's input and output (and the error) in full apart from the members
// its model marks sensitive, and the MFA TokenCode and issued SessionToken are not among them. So members
// named like secrets are masked, the secrets of the call in flight are replaced in any text, and hidden
// response bodies ($responseBodyText, $response) are dropped.
import type { Logger } from "@smithy/types";

/** The SDK's own mask for sensitive members. */
export const MASK = "***SensitiveInformation***";

/** `secrets()` gives the secret values of the calls in flight (source keys, MFA code, web identity token). */
export function redactingLogger(logger: Logger, secrets: () => readonly string[]): Logger {
  const wrapped: Partial<Logger> = {};
  for (const level of LEVELS) {
    if (typeof logger[level] !== "function") continue;
    wrapped[level] = (...content: unknown[]) => {
      const known = secrets().filter((secret) => secret.length > 0);
      logger[level]!(...content.map((part) => redact(part, known, new WeakMap(), 0)));
    };
  }
  return wrapped as Logger;
}

/** `value` with secrets masked: strings have the known secrets replaced; objects and errors are copied. */
export function redact(value: unknown, secrets: readonly string[], seen: WeakMap<object, unknown>, depth: number): unknown {
  if (typeof value === "string") return secrets.reduce((text, secret) => text.replaceAll(secret, MASK), value);
  if (typeof value !== "object" || value === null || isOpaque(value)) return value;
  if (seen.has(value)) return seen.get(value);
  if (depth > MAX_DEPTH) return "[…]";
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (const item of value) copy.push(redact(item, secrets, seen, depth + 1));
    return copy;
  }
  // Same prototype, so an Error stays an Error and a class keeps its methods.
  const copy = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
  seen.set(value, copy);
  const source = value as Record<string, unknown>;
  const keys = new Set(Object.keys(source));
  if (value instanceof Error) for (const key of ["name", "message", "stack"]) keys.add(key);
  for (const key of keys) {
    if (HIDDEN.has(key)) continue;
    const member = source[key];
    copy[key] = SECRET_MEMBERS.has(key) && member !== undefined ? MASK : redact(member, secrets, seen, depth + 1);
  }
  return copy;
}

// --- internal ---

const LEVELS = ["trace", "debug", "info", "warn", "error"] as const;
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

/** Where the SDK keeps raw response bodies, which may hold newly issued credentials. */
const HIDDEN = new Set(["$responseBodyText", "$response"]);

/** Values copied as they are: they hold no member text a logger would print as a secret. */
function isOpaque(value: object): boolean {
  return value instanceof Date || value instanceof RegExp || ArrayBuffer.isView(value) || value instanceof Map || value instanceof Set || value instanceof Promise;
}
