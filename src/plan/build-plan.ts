// Turns the profile graph into a Plan (base step + ordered role hops), or says the profile assumes no
// role and the SDK's default chain should resolve it. Pure: no I/O, no clock, no environment reads.
// Every configuration error is found here, before any STS call or MFA prompt. Precedence follows the
// AWS CLI (botocore) with the JS SDK's supersets, as docs/semantics.md §3 records.
import { ProfileConfigError } from "../errors.js";
import {
  ROLE_DURATION_SECONDS,
  credentialSources,
  regionKey,
  roleKeys,
  staticKeys,
  webIdentityKeys,
  type CredentialSourceName,
} from "../profile/keys.js";
import type { Profile, ProfileSet } from "../profile/load-profiles.js";
import * as msg from "./plan-messages.js";
import { sdkSourceKind } from "./profile-kind.js";
import type { AssumeRoleStep, BaseStep, Plan, Resolution } from "./steps.js";

export interface BuildPlanOptions {
  /** True when the profile was chosen by option, client config or AWS_PROFILE (not the implicit default). */
  explicit: boolean;
  /** AWS_ROLE_SESSION_NAME, the fallback session name of web identity profiles (as in the JS SDK). */
  envRoleSessionName?: string;
}

export function buildPlan(profiles: ProfileSet, selected: string, options: BuildPlanOptions): Resolution {
  const profile = own(profiles, selected);
  if (!profile) {
    if (!options.explicit) return { kind: "delegate", reason: `profile "${selected}" is not defined` };
    throw new ProfileConfigError(msg.profileNotFound(selected), {
      code: "PROFILE_NOT_FOUND",
      profile: selected,
      chain: [selected],
    });
  }
  if (!isRoleProfile(profile)) {
    checkNonRoleProfile(profile, selected, [selected], options.explicit);
    return { kind: "delegate", reason: `profile "${selected}" assumes no role` };
  }
  const warnings: string[] = [];
  const roles: AssumeRoleStep[] = [];
  const chain = [selected];
  const base = walk(profiles, selected, chain, roles, warnings, options);
  const region = profile[regionKey];
  return {
    kind: "plan",
    plan: { profile: selected, chain, base, roles: roles.reverse(), ...(region ? { region } : {}), warnings },
  };
}

/** The most role hops one profile chain may have (the README states it); more is a configuration error. */
export const MAX_ROLE_HOPS = 1000;

/**
 * The plan of a selected profile that has its own static keys and no role_arn: the keys and no role. Only
 * MFA sessions (docs/semantics.md §5.5) run such a profile, with its mfa_serial, instead of delegating it.
 */
export function staticKeysPlan(profiles: ProfileSet, selected: string): Plan {
  const profile = own(profiles, selected) as Profile;
  const region = profile[regionKey];
  const base = staticStep(profile, selected, [selected]);
  return { profile: selected, chain: [selected], base, roles: [], ...(region ? { region } : {}), warnings: [] };
}

// --- internal ---

const ROLE_ARN = /^arn:[a-z0-9-]+:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

function own(profiles: ProfileSet, name: string): Profile | undefined {
  return Object.prototype.hasOwnProperty.call(profiles, name) ? profiles[name] : undefined;
}

function isRoleProfile(profile: Profile): boolean {
  return profile[roleKeys.roleArn] !== undefined;
}

function hasAnyStaticKey(profile: Profile): boolean {
  return profile[staticKeys.accessKeyId] !== undefined || profile[staticKeys.secretAccessKey] !== undefined;
}

/**
 * Resolves `name` (already on `chain`) to its base step, pushing role hops outermost-first onto `roles`.
 * Hop 0 is the selected profile; after the first hop static keys win over role_arn (AWS CLI rule).
 */
function walk(
  profiles: ProfileSet,
  name: string,
  chain: string[],
  roles: AssumeRoleStep[],
  warnings: string[],
  options: BuildPlanOptions,
): BaseStep {
  const profile = own(profiles, name) as Profile;
  const hop = chain.length - 1;
  if (hop > 0 && hasAnyStaticKey(profile)) return staticStep(profile, name, chain);
  const roleArn = profile[roleKeys.roleArn];
  if (roleArn !== undefined && profile[webIdentityKeys.tokenFile] !== undefined) {
    // botocore: role_arn + web_identity_token_file is always web identity; source_profile is ignored.
    return webIdentityStep(profile, name, chain, options);
  }
  if (roleArn === undefined) return sourceOnlyStep(profile, name, chain);

  const sourceProfile = profile[roleKeys.sourceProfile];
  const credentialSource = profile[roleKeys.credentialSource];
  const fail = (code: ConstructorParameters<typeof ProfileConfigError>[1]["code"], text: string, key: string) =>
    new ProfileConfigError(text, { code, profile: name, chain: [...chain], key });
  if (sourceProfile !== undefined && credentialSource !== undefined) {
    throw fail("CONFLICTING_CREDENTIAL_SOURCES", msg.conflictingSources(name, chain), roleKeys.credentialSource);
  }
  if (sourceProfile === undefined && credentialSource === undefined) {
    throw fail("MISSING_CREDENTIAL_SOURCE", msg.missingSource(name, chain), roleKeys.sourceProfile);
  }
  if (roles.length >= MAX_ROLE_HOPS) {
    throw fail("SOURCE_PROFILE_CHAIN_TOO_LONG", msg.chainTooLong(chain, MAX_ROLE_HOPS), roleKeys.roleArn);
  }
  roles.push(roleStep(profile, name, chain, warnings));
  if (credentialSource !== undefined) return credentialSourceStep(credentialSource, name, chain);

  const source = sourceProfile as string;
  if (source === name) {
    // Self-reference is allowed when the profile has its own keys: they sign its AssumeRole (CLI and SDK).
    if (hasAnyStaticKey(profile)) return staticStep(profile, name, chain);
    throw fail("SOURCE_PROFILE_CYCLE", msg.cycle(chain[0] as string, [...chain, source]), roleKeys.sourceProfile);
  }
  if (!own(profiles, source)) {
    throw fail("SOURCE_PROFILE_NOT_FOUND", msg.sourceNotFound(source, name, [...chain, source]), roleKeys.sourceProfile);
  }
  if (chain.includes(source)) {
    throw fail("SOURCE_PROFILE_CYCLE", msg.cycle(chain[0] as string, [...chain, source]), roleKeys.sourceProfile);
  }
  chain.push(source);
  return walk(profiles, source, chain, roles, warnings, options);
}

function roleStep(profile: Profile, name: string, chain: string[], warnings: string[]): AssumeRoleStep {
  const roleArn = profile[roleKeys.roleArn] as string;
  const invalid = (code: "INVALID_ROLE_ARN" | "INVALID_ROLE_SESSION_NAME" | "INVALID_DURATION_SECONDS", key: string, text: string) =>
    new ProfileConfigError(text, { code, profile: name, chain: [...chain], key });
  if (!ROLE_ARN.test(roleArn)) throw invalid("INVALID_ROLE_ARN", roleKeys.roleArn, msg.invalidRoleArn(name, roleArn, chain));
  const step: AssumeRoleStep = { kind: "assumeRole", profile: name, roleArn };
  const sessionName = profile[roleKeys.roleSessionName];
  if (sessionName !== undefined) {
    if (!SESSION_NAME.test(sessionName)) {
      throw invalid("INVALID_ROLE_SESSION_NAME", roleKeys.roleSessionName, msg.invalidSessionName(name, sessionName, chain));
    }
    step.roleSessionName = sessionName;
  }
  const externalId = profile[roleKeys.externalId];
  if (externalId !== undefined) step.externalId = externalId;
  const mfaSerial = profile[roleKeys.mfaSerial];
  if (mfaSerial !== undefined) step.mfaSerial = mfaSerial;
  const mfaProcess = profile[roleKeys.mfaProcess];
  if (mfaProcess !== undefined) {
    if (mfaSerial !== undefined) step.mfaProcess = mfaProcess;
    else warnings.push(msg.mfaProcessWithoutSerial(name));
  }
  const duration = profile[roleKeys.durationSeconds];
  if (duration !== undefined) {
    if (!/^[+-]?\d+$/.test(duration)) {
      // botocore: a value int() cannot parse is dropped, and the STS default (1 hour) applies.
      warnings.push(msg.ignoredDuration(name, duration));
    } else {
      const seconds = Number.parseInt(duration, 10);
      if (seconds < ROLE_DURATION_SECONDS.min || seconds > ROLE_DURATION_SECONDS.max) {
        throw invalid("INVALID_DURATION_SECONDS", roleKeys.durationSeconds, msg.durationOutOfRange(name, duration, chain));
      }
      step.durationSeconds = seconds;
    }
  }
  return step;
}

function staticStep(profile: Profile, name: string, chain: string[]): BaseStep {
  const accessKeyId = profile[staticKeys.accessKeyId];
  const secretAccessKey = profile[staticKeys.secretAccessKey];
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    const missing = accessKeyId === undefined ? staticKeys.accessKeyId : staticKeys.secretAccessKey;
    throw new ProfileConfigError(msg.partialKeys(name, missing, chain), {
      code: "PARTIAL_STATIC_KEYS",
      profile: name,
      chain: [...chain],
      key: missing,
    });
  }
  const sessionToken = profile[staticKeys.sessionToken];
  const accountId = profile[staticKeys.accountId];
  return {
    kind: "staticKeys",
    profile: name,
    accessKeyId,
    secretAccessKey,
    ...(sessionToken ? { sessionToken } : {}),
    ...(accountId ? { accountId } : {}),
  };
}

function webIdentityStep(profile: Profile, name: string, chain: string[], options: BuildPlanOptions): BaseStep {
  const roleArn = profile[roleKeys.roleArn] as string;
  if (!ROLE_ARN.test(roleArn)) {
    throw new ProfileConfigError(msg.invalidRoleArn(name, roleArn, chain), {
      code: "INVALID_ROLE_ARN",
      profile: name,
      chain: [...chain],
      key: roleKeys.roleArn,
    });
  }
  const roleSessionName = profile[roleKeys.roleSessionName] ?? options.envRoleSessionName;
  if (roleSessionName !== undefined && !SESSION_NAME.test(roleSessionName)) {
    throw new ProfileConfigError(msg.invalidSessionName(name, roleSessionName, chain), {
      code: "INVALID_ROLE_SESSION_NAME",
      profile: name,
      chain: [...chain],
      key: roleKeys.roleSessionName,
    });
  }
  return {
    kind: "webIdentity",
    profile: name,
    roleArn,
    tokenFile: profile[webIdentityKeys.tokenFile] as string,
    ...(roleSessionName !== undefined ? { roleSessionName } : {}),
  };
}

function credentialSourceStep(value: string, name: string, chain: string[]): BaseStep {
  if (!(credentialSources as readonly string[]).includes(value)) {
    throw new ProfileConfigError(msg.unsupportedCredentialSource(name, value, chain), {
      code: "UNSUPPORTED_CREDENTIAL_SOURCE",
      profile: name,
      chain: [...chain],
      key: roleKeys.credentialSource,
    });
  }
  return { kind: "credentialSource", profile: name, source: value as CredentialSourceName };
}

/** A source profile (hop >= 1) without role_arn: credential_source, SSO, credential_process or login. */
function sourceOnlyStep(profile: Profile, name: string, chain: string[]): BaseStep {
  const credentialSource = profile[roleKeys.credentialSource];
  if (credentialSource !== undefined) return credentialSourceStep(credentialSource, name, chain);
  const via = sdkSourceKind(profile);
  if (via) return { kind: "sdkProfile", profile: name, via };
  checkWebIdentityWithoutRole(profile, name, chain);
  throw new ProfileConfigError(msg.sourceHasNoCredentials(name, chain), {
    code: "SOURCE_PROFILE_HAS_NO_CREDENTIALS",
    profile: name,
    chain: [...chain],
  });
}

function checkWebIdentityWithoutRole(profile: Profile, name: string, chain: string[]): void {
  if (profile[webIdentityKeys.tokenFile] !== undefined) {
    throw new ProfileConfigError(msg.webIdentityWithoutRole(name, chain), {
      code: "WEB_IDENTITY_MISSING_ROLE_ARN",
      profile: name,
      chain: [...chain],
      key: roleKeys.roleArn,
    });
  }
}

/**
 * The selected profile assumes no role, so the SDK resolves it. Catch here what the SDK would turn into a
 * silent fall-through to instance metadata: partial keys, a token file without a role, or an explicitly
 * chosen profile with no credentials in it at all.
 */
function checkNonRoleProfile(profile: Profile, name: string, chain: string[], explicit: boolean): void {
  if (hasAnyStaticKey(profile)) {
    staticStep(profile, name, chain);
    return;
  }
  checkWebIdentityWithoutRole(profile, name, chain);
  if (sdkSourceKind(profile) || !explicit) return;
  throw new ProfileConfigError(msg.profileHasNoCredentials(name), {
    code: "PROFILE_HAS_NO_CREDENTIALS",
    profile: name,
    chain: [...chain],
  });
}
