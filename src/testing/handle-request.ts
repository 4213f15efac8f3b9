// One HTTP exchange: read the request, log it, apply any scripted fault, authenticate, run the action and
// write the XML answer. Never throws: every failure becomes an STS error response or a dropped socket.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { STS_ACTIONS, type ActionOutcome } from "./actions/index.js";
import { authenticate } from "./authenticate.js";
import { recordedParams, type StsCall, type StsCallOutcome } from "./call-log.js";
import type { FaultQueue } from "./faults.js";
import { readRequest, type ParsedRequest } from "./read-request.js";
import { parseAuthorization } from "./sigv4.js";
import { StsError, internalFailure, invalidAction, stsErrorFor } from "./sts-error.js";
import type { StsState } from "./sts-state.js";
import { renderError, renderResult } from "./xml.js";

const API_VERSION = "2011-06-15";

export interface ExchangeContext {
  state: StsState;
  log: StsCall[];
  faults: FaultQueue;
  /** Aborted by `close()`, so that a delayed request cannot keep the server open. No listener limit: one per delayed request. */
  closing: AbortSignal;
  /** Refuse requests signed more than 15 minutes from the emulator's clock, and date responses by it. */
  checkSigningTime: boolean;
}

export async function handleExchange(req: IncomingMessage, res: ServerResponse, ctx: ExchangeContext): Promise<void> {
  const request = await readRequest(req).catch(() => undefined);
  if (!request) return;
  const call = startCall(request, ctx);
  try {
    if (await applyFault(call, ctx)) {
      req.socket.destroy();
      return;
    }
    const outcome = await runAction(request, ctx);
    call.issuedAccessKeyId = outcome.issued?.accessKeyId;
    respond(res, call, 200, "ok", renderResult(call.action, outcome.result, call.requestId), ctx);
  } catch (thrown) {
    // Anything but an StsError is an emulator bug; say so in the 500 rather than hiding it.
    const error = thrown instanceof StsError ? thrown : internalFailure(String(thrown));
    respond(res, call, error.status, error.code, renderError(error, call.requestId), ctx);
  }
}

// --- internal ---

function startCall(request: ParsedRequest, ctx: ExchangeContext): StsCall {
  const header = request.headers.authorization;
  const auth = typeof header === "string" ? parseAuthorization(header) : undefined;
  const call: StsCall = {
    action: request.params.Action ?? "",
    params: recordedParams(request.params),
    signedBy: typeof auth === "object" ? auth.accessKeyId : undefined,
    region: typeof auth === "object" ? auth.region : undefined,
    outcome: "pending",
    requestId: randomUUID(),
    at: ctx.state.clock.now(),
  };
  ctx.log.push(call);
  return call;
}

/** Applies the next scripted fault; true when the connection must be dropped. Error faults throw. */
async function applyFault(call: StsCall, ctx: ExchangeContext): Promise<boolean> {
  const fault = ctx.faults.take(call.action);
  if (!fault) return false;
  if ("code" in fault) throw stsErrorFor(fault.code, fault.status, fault.message);
  if ("delayMs" in fault) {
    // A real timer: the client under test measures real time, whatever clock the emulator dates things by.
    const completed = await delay(fault.delayMs, true, { signal: ctx.closing }).catch(() => false);
    if (completed) return false;
  }
  call.outcome = "dropped";
  return true;
}

async function runAction(request: ParsedRequest, { state, checkSigningTime }: ExchangeContext): Promise<ActionOutcome> {
  const action = request.params.Action ?? "";
  const version = request.params.Version ?? API_VERSION;
  const handler = version === API_VERSION ? STS_ACTIONS.get(action) : undefined;
  if (!handler) throw invalidAction(action, version);
  // Like STS, an unsigned action ignores any Authorization header rather than verifying it.
  if (!handler.signed) return handler.run(request.params, state);
  const caller = await authenticate(request, state, checkSigningTime);
  return handler.run(request.params, caller, state);
}

function respond(res: ServerResponse, call: StsCall, status: number, outcome: StsCallOutcome, xml: string, ctx: ExchangeContext): void {
  call.status = status;
  call.outcome = outcome;
  res.writeHead(status, {
    "content-type": "text/xml",
    "content-length": Buffer.byteLength(xml),
    "x-amzn-requestid": call.requestId,
    // The SDK corrects its clock offset from this header; Node's own Date would be the machine's time.
    ...(ctx.checkSigningTime ? { date: new Date(ctx.state.clock.now()).toUTCString() } : {}),
  });
  res.end(xml);
}
