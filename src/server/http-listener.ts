// The credential server's HTTP side: one handler that answers its path and method only, checks the token
// (401 without, 403 wrong), then hands out the provider's current credentials or a 500 naming the failure.
// Loaded only when a server starts, so importing the package does not load node:http.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { AwsCredentialIdentityProvider, Logger } from "@smithy/types";
import type { Credentials } from "../runtime/credentials.js";
import { containerCredentialsBody, resolutionErrorBody, type ErrorBody } from "./container-response.js";
import { tokenMatches } from "./token-matches.js";

export interface Handler {
  path: string;
  token: string;
  provider: AwsCredentialIdentityProvider;
  log: Logger;
  clock: { now(): number };
}

export interface Listening {
  port: number;
  close(): Promise<void>;
}

/** Listens on `host`:`port` (0: any free port) until close(). */
export async function listen(host: string, port: number, handler: Handler): Promise<Listening> {
  const server = createServer((req, res) => {
    answer(req, res, handler).catch(() => res.destroy());
  });
  // A client that stalls mid-request is cut off rather than held forever.
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  let closed: Promise<void> | undefined;
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

// --- internal ---

async function answer(req: IncomingMessage, res: ServerResponse, { path, token, provider, log, clock }: Handler): Promise<void> {
  if (new URL(req.url ?? "/", "http://host").pathname !== path) return send(res, 404, { Code: "NOT_FOUND", Message: `only ${path} is served here` });
  if (req.method !== "GET") return send(res, 405, { Code: "METHOD_NOT_ALLOWED", Message: "only GET is served here" }, { allow: "GET" });
  const presented = req.headers.authorization;
  if (!presented) {
    return send(res, 401, { Code: "MISSING_TOKEN", Message: "send the value of AWS_CONTAINER_AUTHORIZATION_TOKEN in the Authorization header" });
  }
  if (!tokenMatches(token, presented)) return send(res, 403, { Code: "INVALID_TOKEN", Message: "the Authorization header does not hold this server's token" });
  let credentials: Credentials;
  try {
    credentials = await provider();
  } catch (error) {
    const body = resolutionErrorBody(error);
    log.warn?.(`aws-profile-credentials: credential server: could not resolve credentials: ${body.Code}: ${body.Message}`);
    return send(res, 500, body);
  }
  send(res, 200, containerCredentialsBody(credentials, clock.now()));
}

function send(res: ServerResponse, status: number, body: ErrorBody | object, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    ...headers,
  });
  res.end(text);
}
