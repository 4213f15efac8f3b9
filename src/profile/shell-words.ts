// The words of a shell command line (a profile's credential_process), as the shell running it splits
// them: used to recognise a command that runs this CLI, and to name a failing program without its
// arguments (which may hold tokens).

/** Shell words: whitespace-separated, with '…', "…" and backslash escapes, as the shell running it splits them. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] as string;
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word += char;
    } else if (char === "\\" && i + 1 < text.length) {
      word = (word ?? "") + text[++i];
    } else if (quote === '"') {
      if (char === '"') quote = undefined;
      else word += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      word ??= "";
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? "") + char;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** The program a command line runs (its first word), never its arguments, which may hold secrets. */
export function programOf(commandLine: string): string {
  return splitWords(commandLine)[0] ?? "";
}
