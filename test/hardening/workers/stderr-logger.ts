// The Logger of worker processes: warnings and errors on stderr, prefixed so the parent can find them.
export const stderrLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (...m: unknown[]) => process.stderr.write(`WARN ${m.join(" ")}\n`),
  error: (...m: unknown[]) => process.stderr.write(`ERROR ${m.join(" ")}\n`),
};
