import { describe, expect, it } from "vitest";
import { pythonJsonDumps } from "../../src/cache/python-json.js";

// Expected texts were produced by CPython 3.11's json.dumps(value, sort_keys=True) and json.dumps(value).
const CASES: [string, unknown, string, string][] = [
  [
    "short escapes and slash",
    { s: 'a/b\\c"d\ne\rf\tg\bh\fi' },
    '{"s": "a/b\\\\c\\"d\\ne\\rf\\tg\\bh\\fi"}',
    '{"s": "a/b\\\\c\\"d\\ne\\rf\\tg\\bh\\fi"}',
  ],
  ["control characters and DEL", { s: "\x00\x01\x1f\x7f" }, '{"s": "\\u0000\\u0001\\u001f\\u007f"}', '{"s": "\\u0000\\u0001\\u001f\\u007f"}'],
  [
    "non-ASCII, lowercase hex",
    { s: "café \u00ff \u2028 \uffff 中" },
    '{"s": "caf\\u00e9 \\u00ff \\u2028 \\uffff \\u4e2d"}',
    '{"s": "caf\\u00e9 \\u00ff \\u2028 \\uffff \\u4e2d"}',
  ],
  ["astral characters as surrogate pairs", { s: "😀𝄞" }, '{"s": "\\ud83d\\ude00\\ud834\\udd1e"}', '{"s": "\\ud83d\\ude00\\ud834\\udd1e"}'],
  [
    "keys sorted by code point, astral after BMP",
    { "\uffff": 1, "😀": 2, b: 3, B: 4, a: [true, false, null] },
    '{"B": 4, "a": [true, false, null], "b": 3, "\\uffff": 1, "\\ud83d\\ude00": 2}',
    '{"\\uffff": 1, "\\ud83d\\ude00": 2, "b": 3, "B": 4, "a": [true, false, null]}',
  ],
  [
    "nested objects and empty containers",
    { z: { y: {}, x: [] }, a: [{ d: 1, c: 2 }] },
    '{"a": [{"c": 2, "d": 1}], "z": {"x": [], "y": {}}}',
    '{"z": {"y": {}, "x": []}, "a": [{"d": 1, "c": 2}]}',
  ],
  [
    "numbers",
    { i: 3600, neg: -1, big: 9007199254740991, f: 1.5, small: 1e-5, tiny: 1e-7, huge: 3.14159e100, frac: 0.0001 },
    '{"big": 9007199254740991, "f": 1.5, "frac": 0.0001, "huge": 3.14159e+100, "i": 3600, "neg": -1, "small": 1e-05, "tiny": 1e-07}',
    '{"i": 3600, "neg": -1, "big": 9007199254740991, "f": 1.5, "small": 1e-05, "tiny": 1e-07, "huge": 3.14159e+100, "frac": 0.0001}',
  ],
  [
    // Beyond 2**53 a JS number is not an exact integer, so it is written as the float it is.
    "unsafe integers as Python floats",
    { a: 9007199254740992, b: 1e16, c: -0 },
    '{"a": 9007199254740992.0, "b": 1e+16, "c": 0}',
    '{"a": 9007199254740992.0, "b": 1e+16, "c": 0}',
  ],
];

describe(pythonJsonDumps.name, () => {
  it.each(CASES)("%s", (_docs, value, sorted, unsorted) => {
    expect(pythonJsonDumps(value, { sortKeys: true })).toBe(sorted);
    expect(pythonJsonDumps(value)).toBe(unsorted);
  });

  it("leaves out undefined members and writes undefined array items as null", () => {
    expect(pythonJsonDumps({ a: undefined, b: [undefined, 1] })).toBe('{"b": [null, 1]}');
  });

  it("rejects values JSON cannot hold", () => {
    expect(() => pythonJsonDumps({ f: () => 1 })).toThrow(TypeError);
  });
});
