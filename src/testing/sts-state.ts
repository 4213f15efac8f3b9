// The emulator's live state: users by access key, roles by ARN, MFA devices and issued credentials, plus
// the clock that dates everything. Built from an StsWorld, then edited at runtime through LocalSts.
import { createCredentialStore, type CredentialStore } from "./credential-store.js";
import type { RandomSource } from "./issued-randomness.js";
import { createMfaDevices, type MfaDevices } from "./mfa-devices.js";
import { isIamArn } from "./principals.js";
import type { StsRole, StsUser, StsWorld } from "./world.js";

/** Anything with a `now()` in epoch milliseconds; the library's Clock and test fake clocks both fit. */
export interface StsClock {
  now(): number;
}

export interface StsState {
  readonly clock: StsClock;
  readonly usersByKeyId: Map<string, StsUser>;
  readonly rolesByArn: Map<string, StsRole>;
  readonly mfa: MfaDevices;
  readonly issued: CredentialStore;
  putUser(user: StsUser): void;
  putRole(role: StsRole): void;
}

/** Default and bounds of a role's MaxSessionDuration, in seconds (IAM allows 1 to 12 hours). */
export const DEFAULT_MAX_SESSION_SECONDS = 3600;
const MAX_SESSION_BOUNDS = { min: 3600, max: 43200 };

export function createStsState(world: StsWorld, clock: StsClock, random: RandomSource, sessionSecondsOverride?: number): StsState {
  if (sessionSecondsOverride !== undefined && !(Number.isInteger(sessionSecondsOverride) && sessionSecondsOverride > 0)) {
    throw new TypeError(`LocalStsOptions.sessionDurationSeconds must be a positive whole number of seconds, got ${sessionSecondsOverride}`);
  }
  const state: StsState = {
    clock,
    usersByKeyId: new Map(),
    rolesByArn: new Map(),
    mfa: createMfaDevices(),
    issued: createCredentialStore(random, sessionSecondsOverride),
    putUser(user) {
      // Mistakes in a test's world should fail loudly at setup, not as a puzzling AccessDenied later.
      if (!isIamArn(user.arn, "user")) throw new TypeError(`StsUser.arn is not an IAM user ARN: ${user.arn}`);
      if (typeof user.accessKeyId !== "string" || user.accessKeyId === "") {
        throw new TypeError(`StsUser ${user.arn}: accessKeyId is required`);
      }
      if (typeof user.secretAccessKey !== "string" || user.secretAccessKey === "") {
        // Without it no signature could be verified, and every call would fail as SignatureDoesNotMatch.
        throw new TypeError(
          `StsUser ${user.accessKeyId} (${user.arn}): secretAccessKey is required: the emulator verifies each request's signature with it`,
        );
      }
      if (user.accessKeyId.startsWith("ASIA")) {
        throw new TypeError(`StsUser.accessKeyId ${user.accessKeyId}: ASIA… ids are reserved for issued credentials`);
      }
      state.usersByKeyId.set(user.accessKeyId, { ...user });
      if (user.mfa) state.mfa.add(user.mfa.serial, user.mfa.codes, user.arn);
    },
    putRole(role) {
      if (!isIamArn(role.arn, "role")) throw new TypeError(`StsRole.arn is not an IAM role ARN: ${role.arn}`);
      const max = role.maxSessionDuration ?? DEFAULT_MAX_SESSION_SECONDS;
      if (!Number.isInteger(max) || max < MAX_SESSION_BOUNDS.min || max > MAX_SESSION_BOUNDS.max) {
        throw new TypeError(`StsRole ${role.arn}: maxSessionDuration must be an integer from 3600 to 43200`);
      }
      state.rolesByArn.set(role.arn, { ...role });
    },
  };
  for (const user of world.users ?? []) state.putUser(user);
  for (const role of world.roles ?? []) state.putRole(role);
  for (const device of world.mfaDevices ?? []) state.mfa.add(device.serial, device.codes);
  return state;
}
