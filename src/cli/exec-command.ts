// `exec -- CMD [ARGS...]`: resolves the credentials (an MFA prompt comes first), then runs CMD
// (run-child.ts) with either the credentials in its environment (AWS_PROFILE removed), or, with --server,
// the address and token of a credential server this process runs for as long as CMD does, so that
// CMD's SDKs renew credentials by themselves however long it runs.
import { startCredentialServer } from "../server/credential-server.js";
import { CliError } from "./cli-error.js";
import { cliDeps } from "./cli-deps.js";
import type { CliIo } from "./cli-io.js";
import { credentialVariables, type CredentialVariables } from "./credential-variables.js";
import type { Command } from "./parse-args.js";
import { resolveCliCredentials } from "./resolve-cli-credentials.js";
import { runChild } from "./run-child.js";
import { serverVariables } from "./server-variables.js";

/** `on` makes --server the default of exec; --no-server still wins. */
export const EXEC_SERVER_ENV = "AWS_PROFILE_CREDENTIALS_EXEC_SERVER";

export async function execCommand(command: Extract<Command, { kind: "exec" }>, io: CliIo): Promise<number> {
  const useServer = command.server ?? execServerDefault(io.env[EXEC_SERVER_ENV]);
  const { credentials, region, provider } = await resolveCliCredentials(command, io);
  if (!useServer) return runChild(command.command, command.args, childEnvironment(io.env, credentialVariables(credentials, region)), io);

  const server = await startCredentialServer({ provider, logger: cliDeps(io, command.debug).logger });
  try {
    return await runChild(command.command, command.args, childEnvironment(io.env, serverVariables(server.env, region)), io);
  } finally {
    await server.close();
  }
}

/** `env` with the variables set and removed; other variables pass through unchanged. */
export function childEnvironment(env: CliIo["env"], variables: CredentialVariables): NodeJS.ProcessEnv {
  const child: NodeJS.ProcessEnv = { ...env };
  for (const name of variables.unset) delete child[name];
  for (const [name, value] of variables.set) child[name] = value;
  return child;
}

// --- internal ---

function execServerDefault(value: string | undefined): boolean {
  const normalized = (value ?? "").trim().toLowerCase();
  if (["on", "true", "1", "yes"].includes(normalized)) return true;
  if (["off", "false", "0", "no", ""].includes(normalized)) return false;
  throw new CliError("INVALID_ENVIRONMENT", `${EXEC_SERVER_ENV} must be "on" or "off", got "${value}"`);
}
