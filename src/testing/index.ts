// Public surface of `aws-profile-credentials/testing`: a local STS emulator for integration tests, and a
// sandbox that points the SDK and this library at it inside a temporary home folder.
// Self-contained: nothing here imports from the rest of the library.
export { startLocalSts } from "./local-sts.js";
export type { LocalSts, LocalStsOptions, LoopbackHost } from "./local-sts.js";
export { createSandbox } from "./sandbox.js";
export type { Sandbox, SandboxOptions, SandboxPaths } from "./sandbox.js";
export type { SandboxKeys, SandboxProfile } from "./sandbox-files.js";
export type { StsActionName } from "./actions/index.js";
export type { StsClock } from "./sts-state.js";
export type { StsMfaDevice, StsRole, StsUser, StsWebIdentity, StsWorld } from "./world.js";
export type { StsCall, StsCallOutcome } from "./call-log.js";
export { REDACTED } from "./call-log.js";
export type { StsErrorCode } from "./sts-error.js";
export type { StsDelayFault, StsDropFault, StsErrorFault, StsFault } from "./faults.js";
