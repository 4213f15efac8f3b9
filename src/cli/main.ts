// The CLI: run(argv, io) parses the command line, runs one command and returns the exit code (0 success,
// 1 credentials not resolved, 2 usage error; exec returns its child's). Errors are printed here, once,
// as `aws-profile-credentials: <CODE>: <message>`. Only cli.ts connects this to the real process.
import { version, engines } from "../../package.json";
import { formatError, PROGRAM } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { credentialProcessCommand } from "./credential-process-command.js";
import { execCommand } from "./exec-command.js";
import { explainCommand } from "./explain-command.js";
import { exportCommand } from "./export-command.js";
import { logoutCommand } from "./logout-command.js";
import { listCommand } from "./list-command.js";
import { parseArgs, UsageError, type Command } from "./parse-args.js";
import { serveCommand } from "./serve-command.js";
import { COMMAND_USAGE, OVERVIEW } from "./usage.js";
import { whoamiCommand } from "./whoami-command.js";

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let command: Command;
  try {
    command = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const help = error.command ? `aws-profile-credentials ${error.command} --help` : "aws-profile-credentials --help";
    io.stderr.write(`${PROGRAM}: ${error.message}\nRun "${help}" for usage.\n`);
    return EXIT_USAGE;
  }
  // A copy: resolving marks the process environment for child processes, which must not leak into
  // what exec hands to its command.
  const ownIo: CliIo = { ...io, env: { ...io.env } };
  try {
    return await dispatch(command, ownIo);
  } catch (error) {
    io.stderr.write(formatError(error));
    return EXIT_FAILURE;
  }
}

// --- internal ---

function dispatch(command: Command, io: CliIo): Promise<number> | number {
  switch (command.kind) {
    case "help":
      io.stdout.write(command.topic ? COMMAND_USAGE[command.topic] : OVERVIEW);
      return EXIT_OK;
    case "version":
      io.stdout.write(`${version}\nNode.js ${engines.node} (tested on 20, 22 and 24)\n`);
      return EXIT_OK;
    case "export":
      return exportCommand(command, io);
    case "exec":
      return execCommand(command, io);
    case "serve":
      return serveCommand(command, io);
    case "credential-process":
      return credentialProcessCommand(command, io);
    case "explain":
      return explainCommand(command, io);
    case "whoami":
      return whoamiCommand(command, io);
    case "logout":
      return logoutCommand(command, io);
    case "list":
      return listCommand(command, io);
  }
}
