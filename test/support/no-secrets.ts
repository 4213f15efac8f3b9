// Fails a test when any secret (secret keys, session tokens, MFA codes) shows up in text that is not the
// credentials the caller asked for: log lines, error messages, serialized errors, CLI output.
import { expect } from "vitest";

export function expectNoSecrets(texts: readonly string[], secrets: readonly (string | undefined)[]): void {
  const present = secrets.filter((s): s is string => typeof s === "string" && s.length >= 6);
  for (const text of texts) {
    for (const secret of present) {
      expect(text.includes(secret), `a secret (${secret.slice(0, 4)}…) appears in: ${text.slice(0, 200)}`).toBe(false);
    }
  }
}

/** Everything an error exposes as text: message, stack, JSON form and its causes. */
export function errorTexts(error: unknown): string[] {
  const texts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as Error & { cause?: unknown };
    texts.push(String(e.message), String(e.stack), safeJson(e));
    current = e.cause;
  }
  return texts;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return "";
  }
}
