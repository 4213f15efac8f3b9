// Public surface of `aws-profile-credentials/testing`: a local STS emulator for integration tests.
// Self-contained: nothing here imports from the rest of the library.
export { startLocalSts } from "./local-sts.js";
export type { LocalSts, LocalStsOptions } from "./local-sts.js";
export type { StsClock } from "./sts-state.js";
export type { StsMfaDevice, StsRole, StsUser, StsWebIdentity, StsWorld } from "./world.js";
export type { StsCall } from "./call-log.js";
export { REDACTED } from "./call-log.js";
export type { StsBodyFault, StsDelayFault, StsDropFault, StsErrorFault, StsFault } from "./faults.js";
