// Reading an STS Query-protocol request off the wire: the raw body (kept for signature checks) and the
// parameters, from the form body of a POST and from the query string, as STS accepts both.
import type { IncomingMessage } from "node:http";
import type { ReceivedRequest } from "./sigv4.js";

/** Real STS requests are a few KiB; anything far larger is a client bug, not a request to buffer. */
const MAX_BODY_BYTES = 256 * 1024;

export interface ParsedRequest extends ReceivedRequest {
  params: Record<string, string>;
}

/** Resolves with the request, or undefined when the body is too large (the socket is then destroyed). */
export async function readRequest(req: IncomingMessage): Promise<ParsedRequest | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      req.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks).toString("utf8");
  const url = req.url ?? "/";
  const params: Record<string, string> = {};
  const query = url.includes("?") ? url.slice(url.indexOf("?") + 1) : "";
  for (const [name, value] of new URLSearchParams(query)) params[name] = value;
  // The form body wins over the query string for a parameter sent in both.
  for (const [name, value] of new URLSearchParams(body)) params[name] = value;
  return { method: req.method ?? "GET", url, headers: req.headers, body, params };
}
