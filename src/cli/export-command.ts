// `export`: the credentials as shell statements (or .env lines, or JSON) on stdout, for
// `eval "$(aws-profile-credentials export --profile admin)"`. Every value goes through shell-quote.ts.
import { CliError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { credentialVariables, type CredentialVariables } from "./credential-variables.js";
import type { Command, ExportFormat } from "./parse-args.js";
import { resolveCliCredentials } from "./resolve-cli-credentials.js";
import { quoteCmdSet, quoteDotenv, quoteFish, quotePowerShell, quoteSh, UnquotableValueError } from "./shell-quote.js";

export async function exportCommand(command: Extract<Command, { kind: "export" }>, io: CliIo): Promise<number> {
  const { credentials, region } = await resolveCliCredentials(command, io);
  io.stdout.write(formatExport(credentialVariables(credentials, region), command.format));
  return 0;
}

/** The statements for one format; dotenv and json cannot remove variables, so they list only the set ones. */
export function formatExport(variables: CredentialVariables, format: ExportFormat): string {
  const { set, unset } = variables;
  try {
    switch (format) {
      case "env":
        return lines([...set.map(([name, value]) => `export ${name}=${quoteSh(value)}`), ...unset.map((name) => `unset ${name}`)]);
      case "fish":
        // Each statement ends in `;`: `eval (...)` joins the lines into one.
        return lines([...set.map(([name, value]) => `set -gx ${name} ${quoteFish(value)};`), ...unset.map((name) => `set -e ${name};`)]);
      case "powershell":
        return lines([
          ...set.map(([name, value]) => `$Env:${name} = ${quotePowerShell(value)}`),
          ...unset.map((name) => `Remove-Item -Path Env:${name} -ErrorAction SilentlyContinue`),
        ]);
      case "cmd":
        return lines([...set.map(([name, value]) => quoteCmdSet(name, value)), ...unset.map((name) => `set ${name}=`)]);
      case "dotenv":
        return lines(set.map(([name, value]) => `${name}=${quoteDotenv(name, value)}`));
      case "json":
        return `${JSON.stringify(Object.fromEntries(set), null, 2)}\n`;
    }
  } catch (error) {
    if (error instanceof UnquotableValueError) throw new CliError("UNQUOTABLE_VALUE", `cannot write --format ${format}: ${error.message}`);
    throw error;
  }
}

// --- internal ---

function lines(statements: string[]): string {
  return statements.map((statement) => `${statement}\n`).join("");
}
