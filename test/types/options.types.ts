// Type fixture for the public options (checked by `tsc --noEmit` with the rest of the project, and by
// options-types.test.ts without its @ts-expect-error lines, to prove each marked line is an error).
// Nothing here runs.
import { fromProfileWithRoleAssumption, type AnyErrorCode, type ErrorCode } from "../../src/index.js";

fromProfileWithRoleAssumption({ clientConfig: { endpoint: "http://127.0.0.1:4566", region: "eu-west-1", maxAttempts: 2 } });
// @ts-expect-error a misspelt STS client option: clientConfig is the STS client's config type
fromProfileWithRoleAssumption({ clientConfig: { endpont: "x" } });
fromProfileWithRoleAssumption({ durationSeconds: 7200, timeout: 1000, maxRetries: 2 });
// @ts-expect-error the SDK's web-identity option: a profile's role_arn decides the role
fromProfileWithRoleAssumption({ roleArn: "arn:aws:iam::123456789012:role/Admin" });
// @ts-expect-error the SDK's web-identity option: a profile's web_identity_token_file decides the token
fromProfileWithRoleAssumption({ webIdentityTokenFile: "/var/run/token" });
// @ts-expect-error the SDK's SSO option: a profile's sso_start_url decides the SSO portal
fromProfileWithRoleAssumption({ ssoStartUrl: "https://example.awsapps.com/start" });

export const code: ErrorCode = "INVALID_PROFILE_VALUE";
export const cliCode: AnyErrorCode = "CREDENTIAL_PROCESS_LOOP";
// @ts-expect-error the CLI's codes are not codes of the library's errors
export const notLibrary: ErrorCode = "CREDENTIAL_PROCESS_LOOP";
// @ts-expect-error a misspelt code
export const misspelt: AnyErrorCode = "PROFILE_NOT_FOND";
