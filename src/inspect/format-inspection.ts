// The text form of an inspection, as `explain` prints it: the plan (plan/describe-plan.ts's format), or
// why the AWS SDK resolves the profile by itself.
import { formatPlanDescription } from "../plan/describe-plan.js";
import type { ProfileInspection } from "./inspect-profile.js";

export function formatInspection(inspection: ProfileInspection): string {
  const lines =
    inspection.resolution === "plan"
      ? formatPlanDescription(inspection, inspection.cache)
      : [`profile: ${inspection.profile}`, `resolved by the AWS SDK's default chain: ${inspection.reason}`];
  if (inspection.process) lines.push(`credential_process of profile "${inspection.process.profile}" runs: ${inspection.process.program} (arguments not shown)`);
  return lines.map((line) => `${line}\n`).join("");
}
