// `whoami`: resolves the profile and asks STS GetCallerIdentity who the credentials belong to. The STS
// client is loaded only here, and only when the command runs.
import { resolveStsRegion } from "../resolve/sts-region.js";
import type { Credentials } from "../runtime/credentials.js";
import { CliError } from "./cli-error.js";
import type { CallerIdentity, CliIo } from "./cli-io.js";
import type { Command } from "./parse-args.js";
import { resolveCliCredentials } from "./resolve-cli-credentials.js";

export async function whoamiCommand(command: Extract<Command, { kind: "whoami" }>, io: CliIo): Promise<number> {
  const { credentials, resolution, deps } = await resolveCliCredentials(command, io);
  // The region the library's own STS client would use for this profile.
  const stsRegion = await resolveStsRegion({
    clientConfigRegion: command.region,
    ...(resolution.profileRegion ? { profileRegion: resolution.profileRegion } : {}),
    env: io.env,
    profiles: resolution.profiles,
    logger: deps.logger,
  });
  let identity: CallerIdentity;
  try {
    identity = await (io.getCallerIdentity ?? sdkGetCallerIdentity)(credentials, stsRegion);
  } catch (error) {
    const name = (error as Error)?.name ?? "Error";
    throw new CliError("STS_ERROR", `STS GetCallerIdentity failed: ${name}: ${(error as Error)?.message ?? error}`);
  }
  const { Account, Arn, UserId } = identity;
  io.stdout.write(
    command.json
      ? `${JSON.stringify({ UserId, Account, Arn }, null, 2)}\n`
      : `Account: ${Account ?? ""}\nArn:     ${Arn ?? ""}\nUserId:  ${UserId ?? ""}\n`,
  );
  return 0;
}

// --- internal ---

async function sdkGetCallerIdentity(credentials: Credentials, region: string): Promise<CallerIdentity> {
  // The STS client lives behind the runtime seam, loaded only when whoami runs.
  const { getCallerIdentity } = await import("../runtime/sdk-sts-client.js");
  return getCallerIdentity(credentials, { region });
}
