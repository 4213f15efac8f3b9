// The text form of an inspection, as `explain` prints it: the plan (plan/describe-plan.ts's format), or
// why the AWS SDK resolves the profile by itself; with the MFA session (describe-mfa-session.ts) below the
// steps; then every place the AWS CLI reads the files differently.
import { formatPlanDescription } from "../plan/describe-plan.js";
import { formatMfaSession } from "./describe-mfa-session.js";
import type { ProfileInspection } from "./inspect-profile.js";

export function formatInspection(inspection: ProfileInspection): string {
  const lines =
    inspection.resolution === "plan"
      ? formatPlanDescription(inspection, inspection.cache, inspection.mfaSession ? formatMfaSession(inspection.mfaSession) : [])
      : [`profile: ${inspection.profile}`, `resolved by the AWS SDK's default chain: ${inspection.reason}`];
  if (inspection.process) lines.push(`credential_process of profile "${inspection.process.profile}" runs: ${inspection.process.program} (arguments not shown)`);
  // Where the AWS CLI would read the files differently: all of them, not only those on this chain.
  for (const note of inspection.fileNotes ?? []) lines.push(`AWS CLI reads differently: ${note}`);
  return lines.map((line) => `${line}\n`).join("");
}
