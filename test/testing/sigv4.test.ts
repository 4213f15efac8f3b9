import { describe, expect, it } from "vitest";

import { SignatureV4 } from "@smithy/signature-v4";
import { isSignatureValid, NodeSha256, parseAuthorization, type ReceivedRequest } from "../../src/testing/sigv4.js";

const KEYS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const BODY = "Action=GetCallerIdentity&Version=2011-06-15";

/** Signs like the SDK does and returns the request as the server would receive it. */
async function signed(
  overrides: { body?: string; query?: Record<string, string>; applyChecksum?: boolean; service?: string } = {},
): Promise<ReceivedRequest> {
  const signer = new SignatureV4({
    credentials: KEYS,
    region: "eu-west-1",
    service: overrides.service ?? "sts",
    sha256: NodeSha256,
    applyChecksum: overrides.applyChecksum ?? true,
  });
  const query = overrides.query ?? {};
  const request = await signer.sign({
    method: "POST",
    protocol: "http:",
    hostname: "127.0.0.1",
    path: "/",
    query,
    headers: { host: "127.0.0.1:4566", "content-type": "application/x-www-form-urlencoded" },
    body: BODY,
  });
  const search = new URLSearchParams(query).toString();
  return {
    method: "POST",
    url: search ? `/?${search}` : "/",
    headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v])),
    body: overrides.body ?? BODY,
  };
}

function authOf(request: ReceivedRequest) {
  const auth = parseAuthorization(String(request.headers.authorization));
  if (typeof auth === "string") throw new Error(auth);
  return auth;
}

describe(parseAuthorization.name, () => {
  it("splits credential scope, signed headers and signature", () => {
    expect(
      parseAuthorization(
        "AWS4-HMAC-SHA256 Credential=AKID/20261122/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc123",
      ),
    ).toEqual({ accessKeyId: "AKID", region: "us-east-1", service: "sts", signedHeaders: ["host", "x-amz-date"], signature: "abc123" });
  });

  it.each([
    ["AWS AKID:sig", /AWS4-HMAC-SHA256/],
    ["AWS4-HMAC-SHA256 SignedHeaders=host, Signature=abc", /'Credential'/],
    ["AWS4-HMAC-SHA256 Credential=AKID/20261122/us-east-1/sts/aws4_request, Signature=abc", /'SignedHeaders'/],
    ["AWS4-HMAC-SHA256 Credential=AKID/20261122/us-east-1/sts/aws4_request, SignedHeaders=host", /'Signature'/],
  ])("explains why %j is unusable", (header, reason) => {
    expect(parseAuthorization(header)).toMatch(reason);
  });
});

describe(isSignatureValid.name, () => {
  it("accepts the SDK signer's signature, with and without a signed content hash", async () => {
    for (const applyChecksum of [true, false]) {
      const request = await signed({ applyChecksum });
      expect(await isSignatureValid(request, authOf(request), KEYS.secretAccessKey)).toBe(true);
    }
  });

  it("accepts a signed query string", async () => {
    const request = await signed({ query: { Action: "GetCallerIdentity", Version: "2011-06-15" } });
    expect(await isSignatureValid(request, authOf(request), KEYS.secretAccessKey)).toBe(true);
  });

  it("rejects a different secret", async () => {
    const request = await signed();
    expect(await isSignatureValid(request, authOf(request), "not-the-secret")).toBe(false);
  });

  it.each([true, false])("rejects a body changed after signing (content hash signed: %s)", async (applyChecksum) => {
    const request = await signed({ applyChecksum, body: `${BODY}&DurationSeconds=900` });
    expect(await isSignatureValid(request, authOf(request), KEYS.secretAccessKey)).toBe(false);
  });

  it("rejects a request missing a header it claims to have signed", async () => {
    const request = await signed();
    const { "content-type": _removed, ...headers } = request.headers;
    expect(await isSignatureValid({ ...request, headers }, authOf(request), KEYS.secretAccessKey)).toBe(false);
  });

  it("rejects a changed signed header", async () => {
    const request = await signed();
    const tampered = { ...request, headers: { ...request.headers, host: "127.0.0.1:9999" } };
    expect(await isSignatureValid(tampered, authOf(request), KEYS.secretAccessKey)).toBe(false);
  });
});
