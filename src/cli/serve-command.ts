// `serve`: runs the credential server in the foreground for other terminals and containers, prints the
// variables that point a process at it (in export's formats), and stops cleanly on SIGINT or SIGTERM.
// Without --lazy the credentials are resolved first (an MFA prompt comes before anything is printed);
// with --lazy the first request resolves them.
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { startCredentialServer } from "../server/credential-server.js";
import { PROGRAM } from "./cli-error.js";
import { cliDeps } from "./cli-deps.js";
import type { CliIo } from "./cli-io.js";
import { formatExport } from "./export-command.js";
import type { Command } from "./parse-args.js";
import { resolveCliCredentials } from "./resolve-cli-credentials.js";
import { serverVariables } from "./server-variables.js";

export async function serveCommand(command: Extract<Command, { kind: "serve" }>, io: CliIo): Promise<number> {
  const resolved = command.lazy ? undefined : await resolveCliCredentials(command, io);
  const provider = resolved?.provider ?? resolvedOnFirstCall(command, io);
  // --lazy knows only --region: the profile's own region is read when the profile is resolved.
  const region = resolved ? resolved.region : command.region;
  const server = await startCredentialServer({ provider, logger: cliDeps(io, command.debug).logger, ...(command.port !== undefined ? { port: command.port } : {}) });
  const stopped = untilStopSignal(io);
  io.stdout.write(formatExport(serverVariables(server.env, region), command.format));
  const what = resolved ? `credentials of profile "${resolved.profile}"` : "credentials (resolved at the first request)";
  io.stderr.write(`${PROGRAM}: serving ${what} at ${server.url} until Ctrl-C (SIGINT) or SIGTERM\n`);
  const signal = await stopped;
  await server.close();
  io.stderr.write(`${PROGRAM}: ${signal}: stopped serving\n`);
  return 0;
}

// --- internal ---

/**
 * A provider that resolves the profile (loop guard and all) at its first call; a failure is retried at the
 * next. Concurrent first calls share one resolution, and the provider it yields is memoized: so is this.
 */
function resolvedOnFirstCall(command: Extract<Command, { kind: "serve" }>, io: CliIo): AwsCredentialIdentityProvider & { memoized: true } {
  let ready: Promise<AwsCredentialIdentityProvider> | undefined;
  const provider = async () => {
    if (!ready) {
      ready = resolveCliCredentials(command, io).then(({ provider }) => provider);
      ready.catch(() => {
        ready = undefined;
      });
    }
    return (await ready)();
  };
  return Object.assign(provider, { memoized: true as const });
}

function untilStopSignal(io: CliIo): Promise<string> {
  return new Promise((resolve) => {
    const stops = (["SIGINT", "SIGTERM"] as const).map((signal) =>
      io.onSignal(signal, () => {
        for (const stop of stops) stop();
        resolve(signal);
      }),
    );
  });
}
