// Command line → Command, with node:util parseArgs (strict: unknown options are usage errors). Every
// mistake becomes a UsageError (exit code 2) naming the problem; the texts of --help live in usage.ts.
import { ROLE_DURATION_SECONDS } from "../profile/keys.js";
import { parseArgs as parseNodeArgs, type ParseArgsConfig } from "node:util";
import { closestNames } from "../errors.js";

export const EXPORT_FORMATS = ["env", "fish", "powershell", "cmd", "dotenv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const COMMAND_NAMES = ["export", "exec", "serve", "credential-process", "explain", "whoami", "list", "logout"] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** The options every command takes. */
export interface CommonOptions {
  profile?: string;
  region?: string;
  noCache: boolean;
  /** Overrides duration_seconds of the outermost role. */
  durationSeconds?: number;
  /** Write the library's debug log to stderr. */
  debug?: true;
  /** --mfa-session[=on|off|renew|SECONDS]: MFA sessions on (default length, or SECONDS), off, or renewed now. */
  mfaSession?: boolean | number | "renew";
}

export type Command =
  | { kind: "help"; topic?: CommandName }
  | { kind: "version" }
  | ({ kind: "export"; format: ExportFormat } & CommonOptions)
  /** `server`: --server (true), --no-server (false), neither (undefined: AWS_PROFILE_CREDENTIALS_EXEC_SERVER decides). */
  | ({ kind: "exec"; command: string; args: string[]; server?: boolean } & CommonOptions)
  | ({ kind: "serve"; format: ExportFormat; lazy: boolean; port?: number } & CommonOptions)
  | ({ kind: "credential-process" } & CommonOptions)
  | ({ kind: "explain"; json: boolean } & CommonOptions)
  | ({ kind: "whoami"; json: boolean } & CommonOptions)
  | ({ kind: "logout"; all: boolean } & CommonOptions)
  | ({ kind: "list"; json: boolean } & CommonOptions);

/** A mistake on the command line; `command` selects the usage text shown with it. */
export class UsageError extends Error {
  override name = "UsageError";
  constructor(
    message: string,
    readonly command?: CommandName,
  ) {
    super(message);
  }
}

export function parseArgs(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError("missing command");
  if (first === "--help" || first === "-h") return { kind: "help" };
  if (first === "--version" || first === "-v") return { kind: "version" };
  if (first === "help") return helpFor(rest[0]);
  if (!isCommandName(first)) {
    throw new UsageError(first.startsWith("-") ? `unknown option ${first} before the command` : unknownCommand(first));
  }
  return parseCommand(first, rest);
}

// --- internal ---

/** STS's range for GetSessionToken. */
const MIN_MFA_SESSION_SECONDS = 900;
const MAX_MFA_SESSION_SECONDS = 129600;

const COMMON: NonNullable<ParseArgsConfig["options"]> = {
  profile: { type: "string", short: "p" },
  region: { type: "string" },
  "no-cache": { type: "boolean" },
  "duration-seconds": { type: "string" },
  debug: { type: "boolean" },
  "mfa-session": { type: "string" },
  help: { type: "boolean", short: "h" },
};

/** `--mfa-session` alone means `--mfa-session=on`: node's parser needs a value for a string option. */
const MFA_SESSION_FLAG = "--mfa-session";

const EXTRA: Record<CommandName, NonNullable<ParseArgsConfig["options"]>> = {
  export: { format: { type: "string", short: "f" } },
  exec: { server: { type: "boolean" }, "no-server": { type: "boolean" } },
  serve: { format: { type: "string", short: "f" }, lazy: { type: "boolean" }, port: { type: "string" } },
  "credential-process": {},
  explain: { json: { type: "boolean" } },
  whoami: { json: { type: "boolean" } },
  logout: { all: { type: "boolean" } },
  list: { json: { type: "boolean" } },
};

function isCommandName(name: string): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}

function helpFor(topic: string | undefined): Command {
  if (topic === undefined) return { kind: "help" };
  if (!isCommandName(topic)) throw new UsageError(unknownCommand(topic));
  return { kind: "help", topic };
}

function parseCommand(name: CommandName, argv: string[]): Command {
  const [given, trailing] = name === "exec" ? splitAtCommand(argv) : [argv, undefined];
  const own = given.map((arg) => (arg === MFA_SESSION_FLAG ? `${MFA_SESSION_FLAG}=on` : arg));
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseNodeArgs({ args: own, options: { ...COMMON, ...EXTRA[name] }, strict: true, allowPositionals: true }) as typeof parsed;
  } catch (error) {
    throw new UsageError(parseErrorMessage(error as Error & { code?: string }, { ...COMMON, ...EXTRA[name] }), name);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: "help", topic: name };
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, name);
  const common = commonOptions(values, name);
  switch (name) {
    case "export":
      return { kind: "export", format: exportFormat(values.format, name), ...common };
    case "exec": {
      const [command, ...args] = trailing ?? [];
      if (command === undefined || command === "") throw new UsageError("missing the command to run: exec [options] -- CMD [ARGS...]", name);
      if (values.server && values["no-server"]) throw new UsageError("--server and --no-server cannot both be given", name);
      const server = values.server ? true : values["no-server"] ? false : undefined;
      return { kind: "exec", command, args, ...(server !== undefined ? { server } : {}), ...common };
    }
    case "serve": {
      const port = values.port === undefined ? undefined : portNumber(values.port);
      return { kind: "serve", format: exportFormat(values.format, name), lazy: values.lazy === true, ...(port !== undefined ? { port } : {}), ...common };
    }
    case "credential-process":
      return { kind: "credential-process", ...common };
    case "explain":
    case "whoami":
    case "list":
      return { kind: name, json: values.json === true, ...common };
    case "logout":
      return { kind: "logout", all: values.all === true, ...common };
  }
}

/**
 * exec's own options end at `--` or at the first argument that is not an option (or an option's value),
 * so both `exec -p dev -- ls -la` and `exec -p dev ls -la` run `ls -la`.
 */
function splitAtCommand(argv: string[]): [string[], string[] | undefined] {
  // A bare --mfa-session takes no value here, so `exec --mfa-session aws ...` runs aws.
  const options = { ...COMMON, ...EXTRA.exec, "mfa-session": { type: "boolean" as const } };
  const { tokens } = parseNodeArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens ?? []) {
    if (token.kind === "option-terminator") return [argv.slice(0, token.index), argv.slice(token.index + 1)];
    if (token.kind === "positional") return [argv.slice(0, token.index), argv.slice(token.index)];
  }
  return [argv, undefined];
}

function commonOptions(values: Record<string, string | boolean | undefined>, name: CommandName): CommonOptions {
  const text = (option: string): string | undefined => {
    const value = values[option];
    if (typeof value !== "string") return undefined;
    if (value.trim() === "") throw new UsageError(`--${option} needs a value`, name);
    return value;
  };
  const profile = text("profile");
  const region = text("region");
  const duration = text("duration-seconds");
  const mfaSession = text("mfa-session");
  return {
    ...(profile !== undefined ? { profile } : {}),
    ...(region !== undefined ? { region } : {}),
    noCache: values["no-cache"] === true,
    ...(duration !== undefined ? { durationSeconds: durationSeconds(duration, name) } : {}),
    ...(values.debug === true ? { debug: true as const } : {}),
    ...(mfaSession !== undefined ? { mfaSession: mfaSessionValue(mfaSession, name) } : {}),
  };
}

function mfaSessionValue(value: string, name: CommandName): boolean | number | "renew" {
  const word = value.toLowerCase();
  if (word === "on") return true;
  if (word === "off") return false;
  if (word === "renew") return "renew";
  const seconds = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds >= MIN_MFA_SESSION_SECONDS && seconds <= MAX_MFA_SESSION_SECONDS)) {
    throw new UsageError(
      `--mfa-session must be on, off, renew or a whole number of seconds from ${MIN_MFA_SESSION_SECONDS} to ${MAX_MFA_SESSION_SECONDS}, got "${value}"`,
      name,
    );
  }
  return seconds;
}

function durationSeconds(value: string, name: CommandName): number {
  const seconds = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds >= ROLE_DURATION_SECONDS.min && seconds <= ROLE_DURATION_SECONDS.max)) {
    throw new UsageError(
      `--duration-seconds must be a whole number from ${ROLE_DURATION_SECONDS.min} to ${ROLE_DURATION_SECONDS.max}, got "${value}"`,
      name,
    );
  }
  return seconds;
}

function exportFormat(value: string | boolean | undefined, name: CommandName): ExportFormat {
  if (value === undefined) return "env";
  if (typeof value === "string" && (EXPORT_FORMATS as readonly string[]).includes(value)) return value as ExportFormat;
  throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(", ")}; got "${String(value)}"`, name);
}

function portNumber(value: string | boolean): number {
  const port = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) throw new UsageError(`--port must be a whole number from 1 to 65535, got "${String(value)}"`, "serve");
  return port;
}

/** node:util's text, except that an unknown option is named as we name it, with the nearest real one. */
function parseErrorMessage(error: Error & { code?: string }, options: NonNullable<ParseArgsConfig["options"]>): string {
  const unknown = error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? /'([^']+)'/.exec(error.message)?.[1] : undefined;
  if (unknown === undefined) return error.message.replace(/\. To specify a positional argument.*$/s, "");
  const [near] = unknown.startsWith("--") ? closestNames(unknown.slice(2).split("=")[0]!, Object.keys(options)) : [];
  return `unknown option ${unknown}${near ? ` (did you mean --${near}?)` : ""}`;
}

function unknownCommand(name: string): string {
  const [near] = closestNames(name, COMMAND_NAMES);
  return `unknown command "${name}"${near ? ` (did you mean "${near}"?)` : ""}`;
}
