// Public surface of aws-profile-credentials. (Filled in by the core provider work.)
export type { Credentials } from "./runtime/credentials.js";
