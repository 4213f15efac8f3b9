// Type fixture for the testing API (checked by `tsc --noEmit` with the rest of the project, and by
// testing-api-types.test.ts without its @ts-expect-error lines, to prove each marked line is an error).
// Nothing here runs.
import { createSandbox, startLocalSts, type LocalSts, type StsCall } from "../../../src/testing/index.js";

declare const sts: LocalSts;
declare const call: StsCall;

sts.callsTo("AssumeRole");
sts.callsTo("GetCallerIdentity");
// @ts-expect-error a misspelt action: callsTo takes only the actions the emulator serves
sts.callsTo("assumeRole");
// @ts-expect-error an action the emulator does not serve
sts.failNext({ action: "AssumeRoleWithSAML", code: "Throttling" });
sts.failNext({ action: "AssumeRole", code: "Throttling", times: 2 });
// @ts-expect-error a misspelt error code
sts.failAll({ code: "Throttled" });
sts.failAll({ delayMs: 100 });
export const ok: boolean = call.outcome === "ok" || call.outcome === "AccessDenied" || call.outcome === "dropped";
// @ts-expect-error outcomes are a union: "OK" can never match
export const never: boolean = call.outcome === "OK";

void startLocalSts();
void startLocalSts({}, { host: "::1", seed: 7 });
// @ts-expect-error only loopback hosts
void startLocalSts({}, { host: "0.0.0.0" });

void createSandbox({ profiles: { p: { role_arn: "arn:aws:iam::111111111111:role/R", credential_source: "Environment" } } });
// @ts-expect-error a misspelt config key in a sandbox profile
void createSandbox({ profiles: { p: { rol_arn: "arn:aws:iam::111111111111:role/R" } } });
// @ts-expect-error credential_source takes the AWS CLI's three values only
void createSandbox({ profiles: { p: { credential_source: "Ec2Metadata" } } });
