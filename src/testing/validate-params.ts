// Syntactic validation of request parameters, producing STS's own constraint messages
// ("1 validation error detected: Value '600' at 'durationSeconds' failed to satisfy constraint: ...").
// Semantic checks (trust, MFA, session limits) belong to the actions, which run after these.

/** The constraints the STS API reference lists for one request member. */
export interface ParamConstraint {
  /** Query parameter name, e.g. `RoleSessionName`. */
  param: string;
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  /** Pattern the whole value must match, and its text as STS prints it. */
  pattern?: { regex: RegExp; text: string };
  /** For integer members: inclusive bounds. */
  range?: { min: number; max: number };
  /** Secret members (token codes, identity tokens) are never echoed in messages. */
  sensitive?: boolean;
}

/** Throws a ValidationError listing every violated constraint (one per member), in table order. */
export function validateParams(
  params: Readonly<Record<string, string>>,
  constraints: readonly ParamConstraint[],
  toError: (violations: string[]) => Error,
): void {
  const violations: string[] = [];
  for (const constraint of constraints) {
    const violation = violationOf(params[constraint.param], constraint);
    if (violation) violations.push(violation);
  }
  if (violations.length > 0) throw toError(violations);
}

// --- internal ---

function violationOf(value: string | undefined, c: ParamConstraint): string | undefined {
  // Coral names the member in lower camel case: RoleSessionName -> roleSessionName.
  const member = c.param.charAt(0).toLowerCase() + c.param.slice(1);
  if (value === undefined) {
    return c.required ? `Value null at '${member}' failed to satisfy constraint: Member must not be null` : undefined;
  }
  const rule = ruleBroken(value, c);
  if (!rule) return undefined;
  const shown = c.sensitive ? "Value" : `Value '${value}'`;
  return `${shown} at '${member}' failed to satisfy constraint: Member must ${rule}`;
}

function ruleBroken(value: string, c: ParamConstraint): string | undefined {
  if (c.range) {
    if (!/^-?\d+$/.test(value)) return "be an integer";
    const n = Number(value);
    if (n < c.range.min) return `have value greater than or equal to ${c.range.min}`;
    if (n > c.range.max) return `have value less than or equal to ${c.range.max}`;
    return undefined;
  }
  if (c.minLength !== undefined && value.length < c.minLength) {
    return `have length greater than or equal to ${c.minLength}`;
  }
  if (c.maxLength !== undefined && value.length > c.maxLength) {
    return `have length less than or equal to ${c.maxLength}`;
  }
  if (c.pattern && !c.pattern.regex.test(value)) {
    return `satisfy regular expression pattern: ${c.pattern.text}`;
  }
  return undefined;
}
