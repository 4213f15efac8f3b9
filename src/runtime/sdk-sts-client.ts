// The StsClient over @aws-sdk/client-sts: the only module that touches the SDK's STS client. It is itself
// imported lazily (see deps.ts), so resolving environment or static credentials never loads STS code.
// One STSClient serves every hop; each AssumeRole is signed with the credentials of the hop before it.
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from "@aws-sdk/client-sts";
import type { STSClientConfig } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentityProvider, Pluggable } from "@smithy/types";
import type { Credentials } from "./credentials.js";
import type { AssumeRoleRequest, SessionTokenRequest, StsClient, StsSession, WebIdentityRequest } from "./sts.js";

export interface SdkStsClientConfig {
  clientConfig?: STSClientConfig;
  clientPlugins?: Pluggable<any, any>[];
  region: string;
}

export function createSdkStsClient(config: SdkStsClientConfig): StsClient {
  let signer: Credentials | undefined;
  const credentials: AwsCredentialIdentityProvider & { memoized?: boolean } = async () => {
    if (!signer) throw new Error("internal: STS request without source credentials");
    return signer;
  };
  // The client must not memoize these: each call signs with a different hop's credentials.
  credentials.memoized = true;
  const client = new STSClient({
    ...config.clientConfig,
    region: config.region,
    credentials,
    requestHandler: withTimeouts(config.clientConfig?.requestHandler),
  });
  for (const plugin of config.clientPlugins ?? []) client.middlewareStack.use(plugin);
  let queue: Promise<unknown> = Promise.resolve();
  // Serialised so that the signer swap cannot interleave between two concurrent calls.
  const signedBy = (source: Credentials, send: () => Promise<StsOutput>): Promise<StsSession> => {
    const run = queue.then(async () => {
      signer = source;
      try {
        return toSession(await send());
      } finally {
        signer = undefined;
      }
    });
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    assumeRole: (request: AssumeRoleRequest, source: Credentials) => signedBy(source, () => client.send(new AssumeRoleCommand(request))),
    getSessionToken: (request: SessionTokenRequest, source: Credentials) => signedBy(source, () => client.send(new GetSessionTokenCommand(request))),
    async assumeRoleWithWebIdentity(request: WebIdentityRequest): Promise<StsSession> {
      // Unsigned by the STS model (no auth scheme), so the signer is never asked for credentials.
      return toSession(await client.send(new AssumeRoleWithWebIdentityCommand(request)));
    },
  };
}

/** GetCallerIdentity with the given credentials, for the CLI's whoami. */
export async function getCallerIdentity(
  credentials: Credentials,
  region: string,
): Promise<{ Account?: string; Arn?: string; UserId?: string }> {
  const client = new STSClient({ region, credentials });
  try {
    const { Account, Arn, UserId } = await client.send(new GetCallerIdentityCommand({}));
    return { Account, Arn, UserId };
  } finally {
    client.destroy();
  }
}

/**
 * Bounded waits for STS, so a stalled endpoint fails a credential request instead of holding it forever
 * (the SDK's default waits without limit, and its requestTimeout alone only logs). A handler instance the
 * caller built is used as it is; plain handler options are completed.
 */
const DEFAULT_TIMEOUTS = { connectionTimeout: 3_000, requestTimeout: 10_000, throwOnRequestTimeout: true };

export function withTimeouts(handler: STSClientConfig["requestHandler"]): STSClientConfig["requestHandler"] {
  if (handler === undefined) return DEFAULT_TIMEOUTS;
  const isInstance = typeof handler === "object" && handler !== null && typeof (handler as { handle?: unknown }).handle === "function";
  if (isInstance || typeof handler !== "object" || handler === null) return handler;
  return { ...DEFAULT_TIMEOUTS, ...(handler as Record<string, unknown>) };
}

// --- internal ---

type StsOutput = {
  Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date };
  AssumedRoleUser?: { Arn?: string; AssumedRoleId?: string };
  $metadata: { requestId?: string };
};

function toSession(output: StsOutput): StsSession {
  const c = output.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !(c.Expiration instanceof Date)) {
    throw new Error("STS returned a response without complete credentials");
  }
  const arn = output.AssumedRoleUser?.Arn;
  const accountId = arn?.split(":")[4];
  const extra: Record<string, unknown> = {};
  for (const [member, value] of Object.entries(output as Record<string, unknown>)) {
    if (!["Credentials", "AssumedRoleUser", "$metadata"].includes(member) && value !== undefined) extra[member] = value;
  }
  return {
    credentials: {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
      ...(accountId ? { accountId } : {}),
    },
    ...(arn && output.AssumedRoleUser?.AssumedRoleId
      ? { assumedRoleUser: { Arn: arn, AssumedRoleId: output.AssumedRoleUser.AssumedRoleId } }
      : {}),
    ...(output.$metadata.requestId ? { requestId: output.$metadata.requestId } : {}),
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
}
