// `explain`: how a profile would be resolved (each step, and each role hop's session in the disk cache)
// as text or `--json`. Never calls STS, never asks for an MFA code, never prints a secret: the work is
// inspect/inspect-profile-with.ts's, the text form plan/describe-plan.ts's.
import { escapeControls } from "../errors.js";
import type { InspectProfileOptions, ProfileInspection } from "../inspect/inspect-profile.js";
import { inspectProfileWith } from "../inspect/inspect-profile-with.js";
import { formatPlanDescription } from "../plan/describe-plan.js";
import { cliDeps } from "./cli-deps.js";
import type { CliIo } from "./cli-io.js";
import type { Command } from "./parse-args.js";

export async function explainCommand(command: Extract<Command, { kind: "explain" }>, io: CliIo): Promise<number> {
  const options: InspectProfileOptions = {
    ...(command.profile !== undefined ? { profile: command.profile } : {}),
    ...(command.noCache ? { cache: false } : {}),
    ...(command.durationSeconds !== undefined ? { assumeRoleParams: { DurationSeconds: command.durationSeconds } } : {}),
  };
  const inspection = await inspectProfileWith(options, cliDeps(io, command.debug));
  // --region sets the STS region, ahead of the profile's own.
  if (command.region !== undefined && inspection.resolution === "plan") inspection.region = command.region;
  // JSON escapes C0 controls itself but leaves DEL and C1 (a terminal's 8-bit CSI) as they are.
  io.stdout.write(command.json ? `${JSON.stringify(inspection, null, 2).replace(/[\u007f-\u009f]/g, escapeControls)}\n` : explainText(inspection));
  return 0;
}

/** The text form: the plan, or why the AWS SDK resolves the profile by itself. */
export function explainText(inspection: ProfileInspection): string {
  const lines =
    inspection.resolution === "plan"
      ? formatPlanDescription(inspection, inspection.cache)
      : [`profile: ${inspection.profile}`, `resolved by the AWS SDK's default chain: ${inspection.reason}`];
  // Values from the files (external_id, mfa_serial, names, paths) are shown, never run by the terminal.
  return lines.map((line) => `${escapeControls(line)}\n`).join("");
}
