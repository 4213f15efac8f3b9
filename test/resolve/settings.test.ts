// resolveSettings(): what reaches the SDK's own providers is exactly the SDK options the options type
// offers; options a profile's own keys decide (web identity, SSO) are dropped even from JavaScript callers.
import { describe, expect, it } from "vitest";
import type { FromProfileWithRoleAssumptionOptions } from "../../src/options.js";
import { resolveSettings } from "../../src/resolve/settings.js";

describe("resolveSettings", () => {
  it("passes the container, instance metadata and SSO client options to the SDK's providers, and nothing they would misuse", () => {
    const fromJavaScript = {
      timeout: 1500,
      maxRetries: 2,
      awsContainerCredentialsRelativeUri: "/creds",
      roleArn: "arn:aws:iam::123456789012:role/Other",
      webIdentityTokenFile: "/tmp/token",
      ssoStartUrl: "https://example.awsapps.com/start",
      durationSeconds: 1800,
    } as FromProfileWithRoleAssumptionOptions;
    const settings = resolveSettings(fromJavaScript, { HOME: "/home/u" });
    expect(settings.sdkInit).toMatchObject({ timeout: 1500, maxRetries: 2, awsContainerCredentialsRelativeUri: "/creds", ignoreCache: true });
    for (const dropped of ["roleArn", "webIdentityTokenFile", "ssoStartUrl", "durationSeconds"]) expect(settings.sdkInit).not.toHaveProperty(dropped);
    expect(settings.assumeRoleParams).toEqual({ DurationSeconds: 1800 });
  });
});
