// `logout`: ends the MFA session of a profile's chain by removing its cache file (docs/semantics.md §5.5);
// with --all also the cached role sessions of that chain, under this library's MFA-session keys and under
// the AWS CLI's own keys. The files are the ones the library's resolution names; nothing else is touched.
import { resolveProfile, type Resolution } from "../resolve/resolve-profile.js";
import { resolveSettings } from "../resolve/settings.js";
import { cliDeps, cliProviderOptions } from "./cli-deps.js";
import type { CliIo } from "./cli-io.js";
import type { Command } from "./parse-args.js";

export async function logoutCommand(command: Extract<Command, { kind: "logout" }>, io: CliIo): Promise<number> {
  const deps = cliDeps(io, command.debug);
  const options = cliProviderOptions(command, deps);
  const resolveWith = (mfaSession: boolean) => resolveProfile(resolveSettings({ ...options, mfaSession }, io.env), deps);
  const withMfa = await resolveWith(true);
  const files = new Set<string>();
  if (withMfa.kind === "plan" && withMfa.mfaSession) files.add(withMfa.mfaSession.file);
  if (command.all) for (const file of [...hopFiles(withMfa), ...hopFiles(await resolveWith(false))]) files.add(file);

  const removed: string[] = [];
  for (const file of files) {
    try {
      await deps.fs.unlink(file);
      removed.push(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException)?.code !== "ENOENT") throw error;
    }
  }
  const what = command.all ? "MFA session or role session" : "MFA session";
  if (removed.length === 0) io.stdout.write(`No cached ${what} of profile "${withMfa.profile}" to remove.\n`);
  for (const file of removed) io.stdout.write(`removed ${file}\n`);
  return 0;
}

// --- internal ---

function hopFiles(resolution: Resolution): string[] {
  return resolution.kind === "plan" ? resolution.hops.filter((hop) => hop.cached).map((hop) => hop.file) : [];
}
