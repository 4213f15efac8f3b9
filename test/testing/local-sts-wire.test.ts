// The bytes on the wire, read without an SDK: STS's XML layout, Expiration format, RequestId header, and
// protocol-level errors a real client never provokes.
import { describe, expect, it } from "vitest";
import { STS_XML_NAMESPACE } from "../../src/testing/xml.js";
import { ROLES, WEB_TOKEN, useLocalSts } from "./fixtures.js";

const FORM = { "content-type": "application/x-www-form-urlencoded" };

describe("local STS wire format", () => {
  const ctx = useLocalSts();
  const post = (params: Record<string, string>) =>
    fetch(ctx.sts.endpoint, { method: "POST", headers: FORM, body: new URLSearchParams({ Version: "2011-06-15", ...params }) });

  it("answers in STS's XML with a seconds-precision UTC Expiration and a matching RequestId header", async () => {
    const response = await post({
      Action: "AssumeRoleWithWebIdentity",
      RoleArn: ROLES.web,
      RoleSessionName: "wire",
      WebIdentityToken: WEB_TOKEN,
    });
    const xml = await response.text();
    const requestId = response.headers.get("x-amzn-requestid");

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/xml");
    expect(xml).toMatch(/^<AssumeRoleWithWebIdentityResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">\n  <AssumeRoleWithWebIdentityResult>\n    <Credentials>\n      <AccessKeyId>ASIAEMU[A-Z2-7]{13}<\/AccessKeyId>/);
    expect(xml).toContain("      <Expiration>2026-11-22T05:00:00Z</Expiration>\n");
    expect(xml).toContain("<Arn>arn:aws:sts::444444444444:assumed-role/Web/wire</Arn>");
    expect(xml).not.toContain("PackedPolicySize");
    expect(xml).toMatch(
      new RegExp(`  <ResponseMetadata>\\n    <RequestId>${requestId}</RequestId>\\n  </ResponseMetadata>\\n</AssumeRoleWithWebIdentityResponse>\\n$`),
    );
    expect(ctx.sts.calls[0]?.requestId).toBe(requestId);
  });

  it("renders errors as ErrorResponse with Type, Code, Message and a top-level RequestId", async () => {
    const response = await post({ Action: "AssumeRole", RoleArn: ROLES.admin, RoleSessionName: "wire" });
    const xml = await response.text();
    expect(response.status).toBe(403);
    expect(xml).toBe(
      `<ErrorResponse xmlns="${STS_XML_NAMESPACE}">\n` +
        "  <Error>\n    <Type>Sender</Type>\n    <Code>MissingAuthenticationToken</Code>\n" +
        "    <Message>Request is missing Authentication Token</Message>\n  </Error>\n" +
        `  <RequestId>${response.headers.get("x-amzn-requestid")}</RequestId>\n</ErrorResponse>\n`,
    );
    expect(ctx.sts.calls[0]).toMatchObject({ signedBy: undefined, outcome: "MissingAuthenticationToken" });
  });

  it("marks server faults as Receiver", async () => {
    ctx.sts.failNext({ code: "InternalFailure" });
    const response = await post({ Action: "GetCallerIdentity" });
    expect(response.status).toBe(500);
    expect(await response.text()).toContain("<Type>Receiver</Type>\n    <Code>InternalFailure</Code>");
  });

  it.each(["DecodeAuthorizationMessage", "toString", ""])("rejects unsupported action %j with InvalidAction", async (action) => {
    const response = await post({ Action: action });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(`<Code>InvalidAction</Code>\n    <Message>Could not find operation ${action} for version 2011-06-15</Message>`);
  });

  it("reads parameters from the query string too, and escapes echoed values", async () => {
    const query = new URLSearchParams({
      Action: "AssumeRoleWithWebIdentity",
      RoleArn: ROLES.web,
      RoleSessionName: "<x>",
      WebIdentityToken: WEB_TOKEN,
    });
    const response = await fetch(`${ctx.sts.endpoint}/?${query}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Value &apos;&lt;x&gt;&apos; at &apos;roleSessionName&apos;");
    expect(ctx.sts.calls[0]?.params).toMatchObject({ RoleSessionName: "<x>" });
  });

  it("rejects an unusable Authorization header with IncompleteSignature", async () => {
    const response = await fetch(ctx.sts.endpoint, {
      method: "POST",
      headers: { ...FORM, authorization: "AWS4-HMAC-SHA256 Credential=AKIAALICE00000000001/20261122/us-east-1/sts/aws4_request" },
      body: "Action=GetCallerIdentity&Version=2011-06-15",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("<Code>IncompleteSignature</Code>");
    expect(ctx.sts.calls[0]?.signedBy).toBeUndefined();
  });
});
