// `explain`: how a profile would be resolved (each step, and each role hop's session in the disk cache)
// as text or `--json`. Never calls STS, never asks for an MFA code, never prints a secret: the work and
// the text form are inspect/'s.
import { escapeControls } from "../errors.js";
import { formatInspection } from "../inspect/format-inspection.js";
import { inspectProfileWith } from "../inspect/inspect-profile-with.js";
import { cliDeps, cliProviderOptions } from "./cli-deps.js";
import type { CliIo } from "./cli-io.js";
import type { Command } from "./parse-args.js";

export async function explainCommand(command: Extract<Command, { kind: "explain" }>, io: CliIo): Promise<number> {
  const deps = cliDeps(io, command.debug);
  const inspection = await inspectProfileWith(cliProviderOptions(command, deps), deps);
  // --region sets the STS region, ahead of the profile's own.
  if (command.region !== undefined && inspection.resolution === "plan") inspection.region = command.region;
  // JSON escapes C0 controls itself but leaves DEL and C1 (a terminal's 8-bit CSI) as they are.
  io.stdout.write(command.json ? `${JSON.stringify(inspection, null, 2).replace(/[\u007f-\u009f]/g, escapeControls)}\n` : formatInspection(inspection));
  return 0;
}
