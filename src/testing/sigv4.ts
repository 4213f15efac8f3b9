// SigV4 on the receiving side: parse the Authorization header, then recompute the signature with the
// SDK's own signer (@smithy/signature-v4) over exactly the headers the client said it signed. Deciding
// whose secret to use is authenticate.ts's job.
import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";

/** The parts of `AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request, SignedHeaders=…, Signature=…`. */
export interface SigV4Authorization {
  accessKeyId: string;
  region: string;
  service: string;
  /** Lower-case header names, in the order given. */
  signedHeaders: string[];
  signature: string;
}

/** The request as received: lower-case header names (as node:http gives them) and the raw body. */
export interface ReceivedRequest {
  method: string;
  /** Path and query, e.g. `/` or `/?Action=GetCallerIdentity`. */
  url: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: string;
}

/** Parses the header, or returns a reason it is unusable (a string) so the caller can report it. */
export function parseAuthorization(header: string): SigV4Authorization | string {
  const match = /^AWS4-HMAC-SHA256 (.*)$/.exec(header.trim());
  if (!match) return "Authorization header must use the AWS4-HMAC-SHA256 algorithm.";
  const fields = new Map<string, string>();
  for (const part of (match[1] ?? "").split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const [accessKeyId, , region, service, terminator] = (fields.get("Credential") ?? "").split("/");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (!accessKeyId || !region || !service || terminator !== "aws4_request") {
    return "Authorization header requires 'Credential' parameter of the form AKID/date/region/service/aws4_request.";
  }
  if (!signedHeaders) return "Authorization header requires 'SignedHeaders' parameter.";
  if (!signature) return "Authorization header requires 'Signature' parameter.";
  return { accessKeyId, region, service, signedHeaders: signedHeaders.split(";"), signature };
}

/** True when `auth.signature` is the SigV4 signature of `request` under `secretAccessKey`. */
export async function isSignatureValid(
  request: ReceivedRequest,
  auth: SigV4Authorization,
  secretAccessKey: string,
): Promise<boolean> {
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) return false;
    headers[name] = Array.isArray(value) ? value.join(",") : value;
  }
  const amzDate = headers["x-amz-date"];
  // Without a signed date there is nothing to derive the signing key from; Date-only signing is not used by v3.
  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate)) return false;
  if (!payloadHashMatches(headers["x-amz-content-sha256"], request.body)) return false;

  const signer = new SignatureV4({
    // The token is only part of the signature if the client signed it; otherwise don't let the signer add it.
    credentials: { accessKeyId: auth.accessKeyId, secretAccessKey, sessionToken: headers["x-amz-security-token"] },
    region: auth.region,
    service: auth.service,
    sha256: NodeSha256,
    // Never add x-amz-content-sha256 on our side: it is signed only if the client signed it.
    applyChecksum: false,
  });
  const url = new URL(request.url, "http://emulator.invalid");
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: "http:",
      hostname: url.hostname,
      path: url.pathname,
      query: queryOf(url.searchParams),
      headers,
      body: request.body,
    },
    { signingDate: parseAmzDate(amzDate) },
  );
  const expected = /Signature=([0-9a-f]+)$/.exec(String(signed.headers.authorization))?.[1] ?? "";
  return constantTimeEqual(expected, auth.signature);
}

// --- internal ---

/** A signed content hash must describe the body actually received, or the body could be swapped. */
function payloadHashMatches(declared: string | undefined, body: string): boolean {
  if (declared === undefined || declared === "UNSIGNED-PAYLOAD") return true;
  return declared === createHash("sha256").update(body, "utf8").digest("hex");
}

function queryOf(params: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    query[key] = values.length === 1 ? (values[0] ?? "") : values;
  }
  return query;
}

/** `20261122T050000Z` -> Date. */
export function parseAmzDate(amzDate: string): Date {
  const iso = amzDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, "$1-$2-$3T$4:$5:$6Z");
  return new Date(iso);
}

function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * SHA-256 and HMAC-SHA256 over node:crypto, in the shape SignatureV4 takes (the SDK's own Node hash
 * class does the same), so the emulator needs no hashing package of its own.
 */
export class NodeSha256 {
  private readonly hash: Hash | Hmac;

  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", toBuffer(secret));
  }

  update(data: SourceData): void {
    this.hash.update(toBuffer(data));
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

type SourceData = string | ArrayBuffer | ArrayBufferView;

function toBuffer(data: SourceData): Buffer {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}
