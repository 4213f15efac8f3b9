// The StsClient over @aws-sdk/client-sts: the only module that touches the SDK's STS client. It is itself
// imported lazily (see deps.ts), so resolving environment or static credentials never loads STS code.
// One STSClient serves every hop; each AssumeRole is signed with the credentials of the hop before it.
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from "@aws-sdk/client-sts";
import type { STSClientConfig } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentityProvider, Pluggable } from "@smithy/types";
import type { Credentials } from "./credentials.js";
import { redactingLogger } from "./redacting-logger.js";
import { INCOMPLETE_STS_RESPONSE, type AssumeRoleRequest, type SessionTokenRequest, type StsClient, type StsSession, type WebIdentityRequest } from "./sts.js";

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
  const secrets = new SecretsInFlight();
  const client = newStsClient(config, credentials, secrets);
  let queue: Promise<unknown> = Promise.resolve();
  // Serialised so that the signer swap cannot interleave between two concurrent calls.
  const signedBy = (source: Credentials, code: string | undefined, send: () => Promise<StsOutput>): Promise<StsSession> => {
    const run = queue.then(async () => {
      signer = source;
      try {
        return await secrets.during([source.secretAccessKey, source.sessionToken, code], async () => toSession(await send()));
      } finally {
        signer = undefined;
      }
    });
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    assumeRole: (request: AssumeRoleRequest, source: Credentials) =>
      signedBy(source, request.TokenCode, () => client.send(new AssumeRoleCommand(request))),
    getSessionToken: (request: SessionTokenRequest, source: Credentials) =>
      signedBy(source, request.TokenCode, () => client.send(new GetSessionTokenCommand(request))),
    async assumeRoleWithWebIdentity(request: WebIdentityRequest): Promise<StsSession> {
      // Unsigned by the STS model (no auth scheme), so the signer is never asked for credentials.
      return secrets.during([request.WebIdentityToken], async () => toSession(await client.send(new AssumeRoleWithWebIdentityCommand(request))));
    },
  };
}

/** GetCallerIdentity with the given credentials, for the CLI's whoami (same timeouts as every hop). */
export async function getCallerIdentity(
  credentials: Credentials,
  config: SdkStsClientConfig,
): Promise<{ Account?: string; Arn?: string; UserId?: string }> {
  const secrets = new SecretsInFlight();
  secrets.add([credentials.secretAccessKey, credentials.sessionToken]);
  const client = newStsClient(config, credentials, secrets);
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

/**
 * The one place an STSClient is built, so that none goes without the bounded timeouts, and none hands the
 * user's logger a secret.
 */
function newStsClient(config: SdkStsClientConfig, credentials: STSClientConfig["credentials"], secrets: SecretsInFlight): STSClient {
  const logger = config.clientConfig?.logger;
  const client = new STSClient({
    ...config.clientConfig,
    ...(logger ? { logger: redactingLogger(logger, () => secrets.list()) } : {}),
    region: config.region,
    credentials,
    requestHandler: withTimeouts(config.clientConfig?.requestHandler),
  });
  for (const plugin of config.clientPlugins ?? []) client.middlewareStack.use(plugin);
  return client;
}

/** The secret values of the calls under way, which the logger filter replaces wherever they appear. */
class SecretsInFlight {
  private readonly counts = new Map<string, number>();

  add(values: readonly (string | undefined)[]): void {
    for (const value of values) if (value) this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
  }

  async during<T>(values: readonly (string | undefined)[], call: () => Promise<T>): Promise<T> {
    this.add(values);
    try {
      return await call();
    } finally {
      for (const value of values) {
        if (!value) continue;
        const left = (this.counts.get(value) ?? 1) - 1;
        if (left > 0) this.counts.set(value, left);
        else this.counts.delete(value);
      }
    }
  }

  list(): string[] {
    return [...this.counts.keys()];
  }
}

type StsOutput = {
  Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date };
  AssumedRoleUser?: { Arn?: string; AssumedRoleId?: string };
  $metadata: { requestId?: string; httpStatusCode?: number };
};

function toSession(output: StsOutput): StsSession {
  const c = output.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !(c.Expiration instanceof Date)) {
    const missing = ["AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"].filter((member) => !c?.[member as keyof typeof c]);
    const error = new Error(`the answer (HTTP ${output.$metadata.httpStatusCode ?? "?"}) has no ${missing.join(", ") || "valid Expiration"} in its credentials`);
    error.name = INCOMPLETE_STS_RESPONSE;
    throw error;
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
