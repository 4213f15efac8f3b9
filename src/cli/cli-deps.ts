// The library's Deps and options as the CLI uses them: diagnostics on stderr, the MFA prompt on the CLI's
// terminal, the CLI's environment, and the common flags (--profile, --region, --no-cache,
// --duration-seconds, --mfa-session) turned into fromProfileWithRoleAssumption options. The CLI has no settings of its
// own: the library resolves these options exactly as it resolves a caller's.
import type { Logger } from "@smithy/types";
import type { FromProfileWithRoleAssumptionOptions } from "../options.js";
import { DEFAULT_REGION_WARNING } from "../resolve/sts-region.js";
import { defaultDeps, type Deps } from "../runtime/deps.js";
import { createTerminalPrompt } from "../runtime/terminal-prompt.js";
import type { CliIo } from "./cli-io.js";
import type { CommonOptions } from "./parse-args.js";

export function cliDeps(io: CliIo, debug = false): Deps {
  const deps = { ...defaultDeps(stderrLogger(io, debug)), env: io.env, ...io.deps };
  return { ...deps, prompter: io.deps?.prompter ?? createTerminalPrompt(io.terminal, deps) };
}

export function cliProviderOptions(common: CommonOptions, deps: Pick<Deps, "logger">): FromProfileWithRoleAssumptionOptions {
  return {
    ...(common.profile !== undefined ? { profile: common.profile } : {}),
    ...(common.region !== undefined ? { clientConfig: { region: common.region } } : {}),
    ...(common.noCache ? { cache: false } : {}),
    ...(common.durationSeconds !== undefined ? { durationSeconds: common.durationSeconds } : {}),
    ...(common.mfaSession !== undefined ? { mfaSession: mfaSessionOption(common.mfaSession) } : {}),
    logger: deps.logger,
  };
}

// --- internal ---

function mfaSessionOption(flag: NonNullable<CommonOptions["mfaSession"]>): NonNullable<FromProfileWithRoleAssumptionOptions["mfaSession"]> {
  if (flag === "renew") return { renew: true };
  return typeof flag === "number" ? { durationSeconds: flag } : flag;
}

const noop = () => undefined;

function stderrLogger(io: CliIo, debug: boolean): Logger {
  const line = (...content: unknown[]) => {
    io.stderr.write(`${content.map((part) => (part instanceof Error ? part.message : String(part))).join(" ")}\n`);
  };
  const verbose = debug ? line : noop;
  // The default STS region is documented in --help: that warning is a debug line for the CLI. Every other
  // warning (both a profile and environment keys set, say) is about the user's configuration: it stays.
  const warn = (...content: unknown[]) => (content.length === 1 && content[0] === DEFAULT_REGION_WARNING ? verbose : line)(...content);
  return { trace: verbose, debug: verbose, info: verbose, warn, error: line };
}
