// The profiles of the shared files, each with its kind, its source, its MFA device and, for a role, its
// outermost session in the AWS CLI cache: what `aws-profile-credentials list` prints. Built on the one
// resolution (listProfiles, then inspectProfileWith per role profile): no STS call, no secret.
import { isProfileCredentialsError, shown, type ErrorCode } from "../errors.js";
import { formatDurationMs, type HopCacheStatus } from "../plan/describe-plan.js";
import { listProfiles, type ProfileListing } from "../resolve/resolve-profile.js";
import { resolveSettings } from "../resolve/settings.js";
import type { Deps } from "../runtime/deps.js";
import type { InspectProfileOptions } from "./inspect-profile.js";
import { inspectProfileWith } from "./inspect-profile-with.js";

export interface ProfileSummary extends ProfileListing {
  /** A role profile's outermost session in the disk cache (with `usableForMs` when it is usable). */
  session?: HopCacheStatus;
  /** Why a role profile cannot be resolved (a broken chain, a missing source). */
  error?: { code: ErrorCode; message: string };
}

export async function listProfilesWith(options: InspectProfileOptions, deps: Pick<Deps, "env" | "clock" | "fs">): Promise<ProfileSummary[]> {
  const listings = await listProfiles(resolveSettings(options, deps.env), deps);
  return Promise.all(listings.map((listing) => (listing.kind === "role" ? withSession(listing, options, deps) : listing)));
}

/** One line per profile: name, kind, source, MFA device, session. */
export function formatProfileList(summaries: readonly ProfileSummary[]): string {
  const rows = summaries.map((summary) => [shown(summary.name), KIND_NAMES[summary.kind], shown(sourceText(summary)), shown(summary.mfaSerial ?? "-"), sessionText(summary)]);
  const table = [["PROFILE", "KIND", "SOURCE", "MFA", "SESSION"], ...rows];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  return table.map((row) => `${row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join("  ")}\n`).join("");
}

// --- internal ---

const KIND_NAMES: Record<ProfileListing["kind"], string> = {
  role: "role",
  static: "static",
  webIdentity: "web identity",
  sso: "SSO",
  process: "process",
  login: "login",
  credentialSource: "credential source",
  none: "(no credentials)",
};

async function withSession(listing: ProfileListing, options: InspectProfileOptions, deps: Pick<Deps, "env" | "clock" | "fs">): Promise<ProfileSummary> {
  try {
    const inspection = await inspectProfileWith({ ...options, profile: listing.name }, deps);
    if (inspection.resolution !== "plan") return listing;
    const outermost = inspection.steps[inspection.steps.length - 1];
    return { ...listing, ...(outermost && "cache" in outermost && outermost.cache ? { session: outermost.cache } : {}) };
  } catch (error) {
    if (!isProfileCredentialsError(error)) throw error;
    return { ...listing, error: { code: error.code, message: error.message } };
  }
}

function sourceText({ source }: ProfileSummary): string {
  if (!source) return "-";
  if ("sourceProfile" in source) return `profile ${source.sourceProfile}`;
  if ("credentialSource" in source) return source.credentialSource;
  return "web identity token";
}

function sessionText({ kind, session, error }: ProfileSummary): string {
  if (error) return `error: ${error.code}`;
  if (kind !== "role" || !session) return "-";
  switch (session.state) {
    case "usable":
      return `usable for ${formatDurationMs(session.usableForMs ?? 0)}`;
    case "disabled":
      return "disk cache off";
    default:
      return session.state;
  }
}
