// Credentials of a plan's base step when it is not a role: static keys from the profile, or a source the
// SDK resolves with its own providers (credential_source, SSO, credential_process, login). Those providers
// are imported only when a plan needs them. Web identity bases call STS and live in execute-plan.ts.
import type { AwsIdentityProperties } from "@aws-sdk/types";
import { formatChain, ProfileCredentialsError } from "../errors.js";
import type { CredentialSourceStep, SdkProfileStep, StaticKeysStep } from "../plan/steps.js";
import { redacted } from "../redact.js";
import type { Credentials } from "../runtime/credentials.js";
import { withoutCommandLine } from "./credential-process-error.js";

/** Options handed to the SDK's own providers (logger, file paths, timeouts, SSO client config, ...). */
export type SdkProviderInit = Record<string, unknown>;

export function staticCredentials(step: StaticKeysStep): Credentials {
  return {
    accessKeyId: step.accessKeyId,
    secretAccessKey: step.secretAccessKey,
    ...(step.sessionToken ? { sessionToken: step.sessionToken } : {}),
    ...(step.accountId ? { accountId: step.accountId } : {}),
  };
}

export async function sdkSourceCredentials(
  step: CredentialSourceStep | SdkProfileStep,
  chain: readonly string[],
  init: SdkProviderInit,
  properties: AwsIdentityProperties | undefined,
): Promise<Credentials> {
  try {
    if (step.kind === "sdkProfile") {
      const { fromIni } = await import("@aws-sdk/credential-provider-ini");
      return await fromIni({ ...init, profile: step.profile })(properties);
    }
    switch (step.source) {
      case "Environment": {
        const { fromEnv } = await import("@aws-sdk/credential-provider-env");
        return await fromEnv(init)();
      }
      case "Ec2InstanceMetadata": {
        const { fromInstanceMetadata } = await import("@smithy/credential-provider-imds");
        return await fromInstanceMetadata(init)();
      }
      case "EcsContainer": {
        const [{ fromHttp }, { fromContainerMetadata }, { chain: chainProviders }] = await Promise.all([
          import("@aws-sdk/credential-provider-http"),
          import("@smithy/credential-provider-imds"),
          import("@smithy/property-provider"),
        ]);
        return await chainProviders(fromHttp(init), fromContainerMetadata(init))();
      }
    }
  } catch (thrown) {
    // Neither a command line with its arguments nor a raw response body may travel on in the cause.
    const error = redacted(withoutCommandLine(thrown));
    throw new ProfileCredentialsError(`${sourceFailure(step, error)} Profile chain: ${formatChain(chain)}.`, {
      code: "SOURCE_CREDENTIALS_UNAVAILABLE",
      profile: step.profile,
      chain,
      cause: error,
    });
  }
}

// --- internal ---

function sourceFailure(step: CredentialSourceStep | SdkProfileStep, error: unknown): string {
  const reason = (error as Error)?.message ?? String(error);
  if (step.kind === "credentialSource") {
    // botocore's wording, followed by what the SDK's provider said.
    return (
      `Error when retrieving credentials from ${step.source}: No credentials found in credential_source ` +
      `referenced in profile ${step.profile} (${reason})`
    );
  }
  return `Could not get the source credentials of profile "${step.profile}" (${step.via}): ${reason}`;
}
