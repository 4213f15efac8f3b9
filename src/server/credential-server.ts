// startCredentialServer(): serves a credential provider over the container credentials protocol (what
// ECS and EKS Pod Identity speak), so any process, in any language, gets the provider's memoized,
// refreshed credentials by setting two variables. Loopback only; a 256-bit token is the guard.
import { memoize } from "@smithy/property-provider";
import type { AwsCredentialIdentityProvider, Logger } from "@smithy/types";
import { fromProfileWithRoleAssumption } from "../from-profile-with-role-assumption.js";
import type { FromProfileWithRoleAssumptionOptions } from "../options.js";
import { systemDeps } from "../runtime/deps.js";
import { systemClock } from "../runtime/clock.js";
import { createToken, type RandomBytes } from "./server-token.js";

/** Where and how the server listens. */
export interface CredentialServerListenOptions {
  /** The only interface allowed: the token is the only guard, so the server is never reachable from elsewhere. @default "127.0.0.1" */
  host?: "127.0.0.1";
  /** @default 0: a free port chosen by the system */
  port?: number;
  /** The one path answered; every other path is 404. @default "/credentials" */
  path?: string;
  /** The token's randomness (tests inject their own). @default the crypto source of Deps */
  randomBytes?: RandomBytes;
  /** Where failed resolutions are reported (codes and messages only). @default the provider's logger, else the console */
  logger?: Logger;
  /** "Now" for expirations the server decides itself (tests inject their own). @default the system clock */
  clock?: { now(): number };
}

/** The provider's options (a new provider is made with them), or a ready `provider`. */
export type CredentialServerOptions = CredentialServerListenOptions &
  ({ provider: AwsCredentialIdentityProvider } | (FromProfileWithRoleAssumptionOptions & { provider?: undefined }));

/** The variables that point a process at the server. */
export interface CredentialServerEnv {
  AWS_CONTAINER_CREDENTIALS_FULL_URI: string;
  AWS_CONTAINER_AUTHORIZATION_TOKEN: string;
}

export interface CredentialServer {
  /** `http://127.0.0.1:PORT/PATH`. */
  readonly url: string;
  /** Hand these to a process (its SDK or the AWS CLI then reads credentials from the server). */
  readonly env: CredentialServerEnv;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Starts an HTTP server on 127.0.0.1 that answers `GET <path>` with the provider's current credentials in
 * the container credentials format. Every AWS SDK and the AWS CLI use it when given the two variables of
 * `env`, and come back by themselves before the credentials expire.
 *
 * @example
 * ```ts
 * import { spawn } from "node:child_process";
 * import { startCredentialServer } from "aws-profile-credentials";
 *
 * await using server = await startCredentialServer({ profile: "admin" });
 * spawn("terraform", ["apply"], { stdio: "inherit", env: { ...process.env, ...server.env } });
 * ```
 */
export async function startCredentialServer(options: CredentialServerOptions = {}): Promise<CredentialServer> {
  const { host, port = 0, path = DEFAULT_PATH, randomBytes = systemDeps().randomBytes, logger, clock = systemClock, provider: given, ...providerOptions } = options;
  if (host !== undefined && host !== LOOPBACK) {
    throw new TypeError(`startCredentialServer: host must be "${LOOPBACK}", got "${String(host)}": the token is the only guard, so the server listens on loopback only`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError(`startCredentialServer: port must be a whole number from 0 to 65535, got ${port}`);
  if (!path.startsWith("/") || /[?#\s]/.test(path)) throw new TypeError(`startCredentialServer: path must start with "/" and hold no "?", "#" or space, got "${path}"`);

  const token = createToken(randomBytes);
  const provider = given ? shareResolutions(given, clock) : fromProfileWithRoleAssumption({ ...providerOptions, ...(logger ? { logger } : {}) });
  const log = logger ?? (providerOptions as FromProfileWithRoleAssumptionOptions).logger ?? console;
  // node:http is loaded here, not when the package is imported (it adds to every cold start).
  const { listen } = await import("./http-listener.js");
  const listening = await listen(LOOPBACK, port, { path, token, provider, log, clock });
  const url = `http://${LOOPBACK}:${listening.port}${path}`;
  return {
    url,
    env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: url, AWS_CONTAINER_AUTHORIZATION_TOKEN: token },
    close: listening.close,
    [Symbol.asyncDispose]: listening.close,
  };
}

// --- internal ---

const LOOPBACK = "127.0.0.1";
const DEFAULT_PATH = "/credentials";
/** A ready provider that is not memoized is treated like the SDK's own: asked again 5 minutes before expiry. */
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

/** The library's providers already share one resolution among concurrent callers; anything else is wrapped so it does too. */
function shareResolutions(provider: AwsCredentialIdentityProvider, clock: { now(): number }): AwsCredentialIdentityProvider {
  if ((provider as { memoized?: unknown }).memoized === true) return provider;
  return memoize(
    provider,
    (credentials) => credentials.expiration !== undefined && credentials.expiration.getTime() - clock.now() < REFRESH_BEFORE_EXPIRY_MS,
    (credentials) => credentials.expiration !== undefined,
  );
}
