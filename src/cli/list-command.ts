// `list`: every profile of the shared files with its kind, source, MFA device and, for roles, the cached
// session's remaining time, as a table or `--json`. The library lists and inspects (inspect/); the CLI
// only prints. Never calls STS, never prints a secret.
import { formatProfileList, listProfilesWith } from "../inspect/list-profiles-with.js";
import { cliDeps, cliProviderOptions } from "./cli-deps.js";
import type { CliIo } from "./cli-io.js";
import type { Command } from "./parse-args.js";

export async function listCommand(command: Extract<Command, { kind: "list" }>, io: CliIo): Promise<number> {
  const deps = cliDeps(io, command.debug);
  const summaries = await listProfilesWith(cliProviderOptions(command, deps), deps);
  io.stdout.write(command.json ? `${JSON.stringify(summaries, null, 2)}\n` : formatProfileList(summaries));
  return 0;
}
