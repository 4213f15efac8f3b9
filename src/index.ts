// Public surface of aws-profile-credentials: the factory, its option and credential types, the error
// classes with their guard, and the local credential server. Internal modules are not exported (tests
// import them directly).
export { fromProfileWithRoleAssumption } from "./from-profile-with-role-assumption.js";
export type { FromProfileWithRoleAssumptionOptions, AssumeRoleParams, MfaSessionOptions } from "./options.js";
export type { MemoizedProvider } from "./refresh/refreshing-provider.js";
export type { Credentials } from "./runtime/credentials.js";
export { inspectProfile, type InspectProfileOptions, type ProfileInspection, type DescribedStep, type HopCacheStatus, type CacheSettingsDescription, type PlanDescription, type MfaSessionDescription } from "./inspect/inspect-profile.js";
export {
  ProfileCredentialsError,
  ProfileConfigError,
  StsCallError,
  MfaError,
  isProfileCredentialsError,
  type ErrorCode,
} from "./errors.js";
export {
  startCredentialServer,
  type CredentialServer,
  type CredentialServerOptions,
  type CredentialServerListenOptions,
  type CredentialServerEnv,
} from "./server/credential-server.js";
export type { AnyErrorCode, CliErrorCode } from "./cli/cli-error.js";
