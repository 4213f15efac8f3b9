// Turns a signed request into the Caller behind it: finds the secret for the access key (a world user or
// credentials this emulator issued), enforces the session token and expiry of issued credentials, and
// checks the signature and, when asked, the signing time. Errors follow STS: InvalidClientTokenId,
// ExpiredToken, SignatureDoesNotMatch.
import { isSignatureValid, parseAmzDate, parseAuthorization, type ReceivedRequest } from "./sigv4.js";
import { userCaller, type Caller } from "./principals.js";
import type { StsState } from "./sts-state.js";
import {
  expiredToken,
  incompleteSignature,
  invalidClientTokenId,
  missingAuthenticationToken,
  signatureDoesNotMatch,
  signingTimeOutOfRange,
  wrongSigningService,
} from "./sts-error.js";

/**
 * Resolves the signer of `request`, or throws the StsError STS would return. With `checkSigningTime`, a
 * request whose X-Amz-Date is more than 15 minutes from the emulator's clock is refused, as STS does.
 */
export async function authenticate(request: ReceivedRequest, state: StsState, checkSigningTime = false): Promise<Caller> {
  const header = single(request.headers.authorization);
  if (header === undefined) throw missingAuthenticationToken();
  const auth = parseAuthorization(header);
  if (typeof auth === "string") throw incompleteSignature(auth);

  const token = single(request.headers["x-amz-security-token"]);
  const { secretAccessKey, caller } = lookUpKey(auth.accessKeyId, token, state);
  if (auth.service !== "sts") throw wrongSigningService();
  if (!(await isSignatureValid(request, auth, secretAccessKey))) throw signatureDoesNotMatch();
  if (checkSigningTime) assertSigningTimeInRange(single(request.headers["x-amz-date"]) ?? "", state.clock.now());
  return caller;
}

// --- internal ---

const SIGNING_TOLERANCE_MS = 15 * 60_000;

/** The signature was valid, so X-Amz-Date is well-formed: 20261122T050000Z. */
function assertSigningTimeInRange(amzDate: string, now: number): void {
  const signedAt = parseAmzDate(amzDate).getTime();
  if (Math.abs(signedAt - now) <= SIGNING_TOLERANCE_MS) return;
  const expired = signedAt < now;
  const bound = now + (expired ? -SIGNING_TOLERANCE_MS : SIGNING_TOLERANCE_MS);
  throw signingTimeOutOfRange(amzDate, toAmzDate(now), toAmzDate(bound), expired ? "expired" : "future");
}

function toAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function lookUpKey(
  accessKeyId: string,
  token: string | undefined,
  state: StsState,
): { secretAccessKey: string; caller: Caller } {
  const user = state.usersByKeyId.get(accessKeyId);
  if (user) {
    // Long-term keys carry no session token; STS rejects a request that sends one anyway.
    if (token !== undefined) throw invalidClientTokenId();
    return { secretAccessKey: user.secretAccessKey, caller: userCaller(user.arn) };
  }
  const issued = state.issued.find(accessKeyId);
  // Temporary keys are only valid together with their own session token.
  if (!issued || token !== issued.sessionToken) throw invalidClientTokenId();
  if (state.clock.now() >= issued.expiresAt) throw expiredToken();
  return { secretAccessKey: issued.secretAccessKey, caller: issued.identity };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
