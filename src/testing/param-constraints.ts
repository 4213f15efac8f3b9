// The STS API reference's constraints for the request members the emulated actions take, shared so that
// AssumeRole, AssumeRoleWithWebIdentity and GetSessionToken validate a member the same way.
import type { ParamConstraint } from "./validate-params.js";

export const ROLE_ARN: ParamConstraint = { param: "RoleArn", required: true, minLength: 20, maxLength: 2048 };

export const ROLE_SESSION_NAME: ParamConstraint = {
  param: "RoleSessionName",
  required: true,
  minLength: 2,
  maxLength: 64,
  pattern: { regex: /^[\w+=,.@-]*$/, text: "[\\w+=,.@-]*" },
};

/** AssumeRole and AssumeRoleWithWebIdentity; GetSessionToken allows up to 36 hours. */
export const ROLE_DURATION_SECONDS: ParamConstraint = { param: "DurationSeconds", range: { min: 900, max: 43200 } };

export const EXTERNAL_ID: ParamConstraint = {
  param: "ExternalId",
  minLength: 2,
  maxLength: 1224,
  pattern: { regex: /^[\w+=,.@:/-]*$/, text: "[\\w+=,.@:\\/-]*" },
};

export const SERIAL_NUMBER: ParamConstraint = {
  param: "SerialNumber",
  minLength: 9,
  maxLength: 256,
  pattern: { regex: /^[\w+=/:,.@-]*$/, text: "[\\w+=/:,.@-]*" },
};

export const TOKEN_CODE: ParamConstraint = {
  param: "TokenCode",
  minLength: 6,
  maxLength: 6,
  pattern: { regex: /^\d*$/, text: "[\\d]*" },
  sensitive: true,
};

export const POLICY: ParamConstraint = { param: "Policy", minLength: 1, maxLength: 2048 };

export const WEB_IDENTITY_TOKEN: ParamConstraint = {
  param: "WebIdentityToken",
  required: true,
  minLength: 4,
  maxLength: 20000,
  sensitive: true,
};

/** GetSessionToken allows 15 minutes to 36 hours. */
export const SESSION_TOKEN_DURATION_SECONDS: ParamConstraint = {
  param: "DurationSeconds",
  range: { min: 900, max: 129600 },
};
