// `credential-process`: the JSON the AWS SDKs and CLI read from a profile's `credential_process`
// (Version 1), so any tool can use a role profile through
//   credential_process = aws-profile-credentials credential-process --profile admin   (the installed command)
// A profile whose credential_process leads back to itself is stopped by resolve-cli-credentials.ts.
import type { CliIo } from "./cli-io.js";
import { formatExpiration } from "../runtime/credentials.js";
import type { Command } from "./parse-args.js";
import { resolveCliCredentials } from "./resolve-cli-credentials.js";

export async function credentialProcessCommand(command: Extract<Command, { kind: "credential-process" }>, io: CliIo): Promise<number> {
  const { credentials } = await resolveCliCredentials(command, io);
  // Expiration is left out for long-term keys: to the SDKs that means "never expires".
  const output = {
    Version: 1,
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { SessionToken: credentials.sessionToken } : {}),
    ...(credentials.expiration ? { Expiration: formatExpiration(credentials.expiration) } : {}),
    ...(credentials.accountId ? { AccountId: credentials.accountId } : {}),
  };
  io.stdout.write(`${JSON.stringify(output)}\n`);
  return 0;
}
