// Python `json.dumps` emulation, byte for byte: the AWS CLI hashes `json.dumps(args, sort_keys=True)` for its
// cache keys and writes cache files with `json.dumps(response)`, so both depend on Python's separators,
// ASCII escaping and number formatting. What gets serialized (and in which key order) is up to the callers,
// cache-key.ts and cache-entry.ts.

export interface PythonDumpsOptions {
  /** `sort_keys=True`: object keys sorted recursively by code point. Otherwise insertion order is kept. */
  sortKeys?: boolean;
}

/**
 * `json.dumps(value, sort_keys=...)` with Python's defaults: `", "` and `": "` separators, `ensure_ascii=True`
 * (lowercase `\uXXXX`, surrogate pairs above U+FFFF), `/` unescaped. Object members whose value is
 * undefined are left out and undefined array items become null, as with `JSON.stringify`.
 *
 * JS numbers cannot tell `1.0` from `1`: safe integers print as Python ints, every other number as
 * Python's float repr (so a policy holding `1.0` hashes differently from botocore; policies use strings).
 */
export function pythonJsonDumps(value: unknown, options: PythonDumpsOptions = {}): string {
  return dump(value, options.sortKeys === true);
}

// --- internal ---

function dump(value: unknown, sortKeys: boolean): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return quote(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return pythonNumber(value);
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return `[${value.map((item) => dump(item, sortKeys)).join(", ")}]`;
  if (typeof value === "object") {
    let keys = Object.keys(value).filter((key) => (value as Record<string, unknown>)[key] !== undefined);
    if (sortKeys) keys = keys.sort(compareCodePoints);
    const members = keys.map((key) => `${quote(key)}: ${dump((value as Record<string, unknown>)[key], sortKeys)}`);
    return `{${members.join(", ")}}`;
  }
  throw new TypeError(`Object of type ${typeof value} is not JSON serializable`);
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

// Python's ESCAPE_ASCII: anything outside printable ASCII, plus `"` and `\`. Matching UTF-16 code units
// (no `u` flag) turns astral characters into the surrogate pairs Python writes, and lone surrogates too.
const NEEDS_ESCAPE = /["\\\x00-\x1f\x7f-\uffff]/g;

function quote(text: string): string {
  const escaped = text.replace(
    NEEDS_ESCAPE,
    (char) => SHORT_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return `"${escaped}"`;
}

// Python sorts str keys by code point; JS's default sort compares UTF-16 code units, which differs once
// astral characters meet BMP characters above U+D7FF.
function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const delta = left[i]!.codePointAt(0)! - right[i]!.codePointAt(0)!;
    if (delta !== 0) return delta;
  }
  return left.length - right.length;
}

function pythonNumber(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "Infinity" : "-Infinity";
  if (Number.isSafeInteger(n)) return String(n === 0 ? 0 : n);
  // Anything else is a Python float. Its repr has the same shortest round-trip digits as JS, but uses
  // exponent notation below 1e-4 or from 1e16 on (exponent signed, at least two digits), and an integral
  // value in fixed notation ends in ".0".
  const [mantissa, exponentText] = n.toExponential().split("e") as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const sign = exponent < 0 ? "-" : "+";
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  return Number.isInteger(n) ? `${BigInt(n)}.0` : String(n);
}
