// The `aws-profile-credentials` command (dist/cli.js runs it): the only file that touches process (argv,
// env, stdio, signals, exit code). Everything else is cli/main.ts's run(argv, io).
import { spawn } from "node:child_process";
import { realpathSync } from "node:fs";
import type { CliIo } from "./cli/cli-io.js";
import { run } from "./cli/main.js";

const io: CliIo = {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  terminal: {
    // Lazy: creating process.stdin opens the terminal, which only the MFA prompt needs.
    get stdin() {
      return process.stdin;
    },
    stderr: process.stderr,
    // A credential process started by the AWS CLI has its output piped: ask on /dev/tty then.
    controlling: true,
  },
  spawn: (command, args, options) => spawn(command, args, options),
  onSignal(signal, handler) {
    process.on(signal, handler);
    return () => process.off(signal, handler);
  },
  selfScript: realScriptPath(process.argv[1]),
  setInheritedEnv(name, value) {
    process.env[name] = value;
  },
};

// The SDK's notice that a future release needs a newer Node.js would repeat on every call of a command
// run dozens of times a day; the supported versions are in --version and the README instead.
const emitWarning = process.emitWarning.bind(process) as (warning: string | Error, ...rest: unknown[]) => void;
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  if (!String(typeof warning === "string" ? warning : warning?.message).startsWith("NodeVersionSupportWarning")) emitWarning(warning, ...rest);
}) as typeof process.emitWarning;

run(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`aws-profile-credentials: UNEXPECTED_ERROR: ${(error as Error)?.stack ?? error}\n`);
    process.exitCode = 1;
  },
);

function realScriptPath(path: string | undefined): string | undefined {
  try {
    return path ? realpathSync(path) : undefined;
  } catch {
    return undefined;
  }
}
