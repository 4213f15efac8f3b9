// Turns a signed request into the Caller behind it: finds the secret for the access key (a world user or
// credentials this emulator issued), enforces the session token and expiry of issued credentials, and
// checks the signature. Errors follow STS: InvalidClientTokenId, ExpiredToken, SignatureDoesNotMatch.
import { isSignatureValid, parseAuthorization, type ReceivedRequest } from "./sigv4.js";
import { userCaller, type Caller } from "./principals.js";
import type { StsState } from "./sts-state.js";
import {
  expiredToken,
  incompleteSignature,
  invalidClientTokenId,
  missingAuthenticationToken,
  signatureDoesNotMatch,
  wrongSigningService,
} from "./sts-error.js";

/** Resolves the signer of `request`, or throws the StsError STS would return. */
export async function authenticate(request: ReceivedRequest, state: StsState): Promise<Caller> {
  const header = single(request.headers.authorization);
  if (header === undefined) throw missingAuthenticationToken();
  const auth = parseAuthorization(header);
  if (typeof auth === "string") throw incompleteSignature(auth);

  const token = single(request.headers["x-amz-security-token"]);
  const { secretAccessKey, caller } = lookUpKey(auth.accessKeyId, token, state);
  if (auth.service !== "sts") throw wrongSigningService();
  if (!(await isSignatureValid(request, auth, secretAccessKey))) throw signatureDoesNotMatch();
  return caller;
}

// --- internal ---

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
