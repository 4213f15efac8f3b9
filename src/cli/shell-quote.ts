// Quoting of one value for each shell `export` writes for. Every quoter either returns text that the
// shell reads back as exactly the value, or throws UnquotableValueError: credentials are never written
// in a form a shell could expand, split or execute.

/** The value cannot be written safely in that shell's syntax (e.g. `%` or a newline for cmd.exe). */
export class UnquotableValueError extends Error {
  override name = "UnquotableValueError";
}

/** POSIX sh, bash, zsh, dash, ksh: inside single quotes nothing is special but `'` itself, written `'\''`. */
export function quoteSh(value: string): string {
  rejectNul(value, "sh");
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** fish: inside single quotes only `\` and `'` are special, each escaped with a backslash. */
export function quoteFish(value: string): string {
  rejectNul(value, "fish");
  return `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}

/**
 * PowerShell: a single-quoted string is verbatim except for the quote, which is doubled. PowerShell also
 * takes the typographic single quotes ‘ ’ ‚ ‛ as quote characters, so those are doubled too.
 */
export function quotePowerShell(value: string): string {
  rejectNul(value, "PowerShell");
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (quote) => quote + quote)}'`;
}

/**
 * cmd.exe, for `set "NAME=value"`: the quotes protect & | < > ^ and spaces, but nothing protects `%`
 * (variable expansion), `!` (delayed expansion), `"` or line breaks, so values holding them are refused.
 * Credentials from STS are base64 and never do.
 */
export function quoteCmdSet(name: string, value: string): string {
  const bad = /["%!\r\n\0]/.exec(value);
  if (bad) throw new UnquotableValueError(`${name} holds ${describeChar(bad[0])}, which cmd.exe cannot take literally in set "NAME=value"`);
  return `set "${name}=${value}"`;
}

/**
 * A .env file line value (dotenv, docker compose, systemd-style loaders): single quotes are taken
 * literally by all of them; a value holding `'` is double-quoted instead when that is unambiguous
 * (no `"`, `\`, `$` or backtick). Line breaks cannot be written portably and are refused.
 */
export function quoteDotenv(name: string, value: string): string {
  if (/[\r\n\0]/.test(value)) throw new UnquotableValueError(`${name} holds a line break, which a .env file cannot hold portably`);
  if (!value.includes("'")) return `'${value}'`;
  if (!/["\\$`]/.test(value)) return `"${value}"`;
  throw new UnquotableValueError(`${name} holds both quote kinds or an expansion character, which .env readers disagree on`);
}

// --- internal ---

function rejectNul(value: string, shell: string): void {
  // No environment variable can hold NUL (C strings end there).
  if (value.includes("\0")) throw new UnquotableValueError(`a value holds a NUL character, which no ${shell} variable can hold`);
}

function describeChar(char: string): string {
  if (char === "\r" || char === "\n") return "a line break";
  if (char === "\0") return "a NUL character";
  return `"${char}"`;
}
