// The STS Query protocol's response bodies: `<ActionResponse>` documents and `<ErrorResponse>`, laid out
// as STS sends them (2-space indentation, the 2011-06-15 namespace). Parsing requests is in read-request.ts.
import type { StsError } from "./sts-error.js";

/** The STS API version's XML namespace, on every response document. */
export const STS_XML_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

/** Result members in document order; undefined members are left out, as STS omits absent optionals. */
export interface XmlFields {
  [element: string]: string | number | XmlFields | undefined;
}

/** `<{action}Response><{action}Result>…</…Result><ResponseMetadata>…</ResponseMetadata></…Response>`. */
export function renderResult(action: string, result: XmlFields, requestId: string): string {
  return document(`${action}Response`, {
    [`${action}Result`]: result,
    ResponseMetadata: { RequestId: requestId },
  });
}

/** STS puts RequestId beside Error, not inside a ResponseMetadata element. */
export function renderError(error: StsError, requestId: string): string {
  return document("ErrorResponse", {
    Error: { Type: error.type, Code: error.code, Message: error.message },
    RequestId: requestId,
  });
}

// --- internal ---

function document(root: string, body: XmlFields): string {
  return `<${root} xmlns="${STS_XML_NAMESPACE}">\n${elements(body, "  ")}</${root}>\n`;
}

function elements(fields: XmlFields, indent: string): string {
  let out = "";
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    out +=
      typeof value === "object"
        ? `${indent}<${name}>\n${elements(value, `${indent}  `)}${indent}</${name}>\n`
        : `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`;
  }
  return out;
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
