// The running security configuration, checked against the active profile at start-up: a value
// outside the profile stops the service with one line naming the setting, its value and what the
// profile allows (PAR-3, CODE-1, TOK-2, CLI-4, ALG-1).
import { isClientAuthMethod, type ClientAuthMethod } from '../clients/client-auth-methods';
import {
  DEFAULT_SECURITY_PROFILE,
  SECURITY_PROFILE_NAMES,
  SECURITY_PROFILES,
  isSecurityProfileName,
  type LifetimeRange,
  type SecurityProfile,
  type SecurityProfileName,
} from './security-profiles';
import { isSigningAlgorithm, type SigningAlgorithm } from './signing-algorithms';

export interface SecuritySettings {
  readonly profile: SecurityProfileName;
  readonly signingAlgorithms: readonly SigningAlgorithm[];
  readonly clientAuthMethods: readonly ClientAuthMethod[];
  readonly parRequestUriLifetimeSeconds: number;
  readonly authorizationCodeLifetimeSeconds: number;
  readonly accessTokenLifetimeSeconds: number;
  readonly requireSignedRequestObject: boolean;
  readonly requirePaymentJwsSignature: boolean;
}

/** What an operator configured; anything left out takes the profile's default. */
export interface SecuritySettingsInput {
  readonly profile?: string;
  readonly signingAlgorithms?: readonly string[];
  readonly clientAuthMethods?: readonly string[];
  readonly parRequestUriLifetimeSeconds?: number;
  readonly authorizationCodeLifetimeSeconds?: number;
  readonly accessTokenLifetimeSeconds?: number;
  readonly requireSignedRequestObject?: boolean;
  readonly requirePaymentJwsSignature?: boolean;
}

/** The environment variable each setting is read from, which is also how errors name it. */
export const SECURITY_SETTING_VARIABLES = {
  profile: 'SECURITY_PROFILE',
  signingAlgorithms: 'SIGNING_ALGORITHMS',
  clientAuthMethods: 'CLIENT_AUTH_METHODS',
  parRequestUriLifetimeSeconds: 'PAR_REQUEST_URI_LIFETIME_SECONDS',
  authorizationCodeLifetimeSeconds: 'AUTHORIZATION_CODE_LIFETIME_SECONDS',
  accessTokenLifetimeSeconds: 'ACCESS_TOKEN_LIFETIME_SECONDS',
  requireSignedRequestObject: 'REQUIRE_SIGNED_REQUEST_OBJECT',
  requirePaymentJwsSignature: 'REQUIRE_PAYMENT_JWS_SIGNATURE',
} as const satisfies Record<keyof SecuritySettings, string>;

export class SecurityProfileViolation extends Error {
  readonly code = 'SECURITY_PROFILE_VIOLATION';

  constructor(
    readonly setting: string,
    readonly value: string,
    readonly allowed: string,
    readonly profile: SecurityProfileName | undefined,
    problem: string,
  ) {
    super(`Invalid security configuration: ${problem}`);
    this.name = 'SecurityProfileViolation';
  }
}

const LIFETIMES = [
  ['parRequestUriLifetimeSeconds', 'parRequestUriLifetime'],
  ['authorizationCodeLifetimeSeconds', 'authorizationCodeLifetime'],
  ['accessTokenLifetimeSeconds', 'accessTokenLifetime'],
] as const satisfies readonly (readonly [keyof SecuritySettings, keyof SecurityProfile])[];

const REQUIREMENTS = [
  ['requireSignedRequestObject', 'requiresSignedRequestObject'],
  ['requirePaymentJwsSignature', 'requiresPaymentJwsSignature'],
] as const satisfies readonly (readonly [keyof SecuritySettings, keyof SecurityProfile])[];

const describeRange = (range: LifetimeRange) => `${range.min}–${range.max} seconds`;

/** Every way `input` breaks `profile`, in a stable order; empty when it conforms. */
export function profileViolations(
  input: SecuritySettingsInput,
  profile: SecurityProfile,
): SecurityProfileViolation[] {
  const violations: SecurityProfileViolation[] = [];
  const violation = (key: keyof SecuritySettings, value: string, allowed: string, problem: string) =>
    violations.push(
      new SecurityProfileViolation(SECURITY_SETTING_VARIABLES[key], value, allowed, profile.name, problem),
    );

  const lists = [
    ['signingAlgorithms', input.signingAlgorithms, profile.signingAlgorithms],
    ['clientAuthMethods', input.clientAuthMethods, profile.clientAuthMethods],
  ] as const;
  for (const [key, configured, allowedList] of lists) {
    if (configured === undefined) continue;
    const variable = SECURITY_SETTING_VARIABLES[key];
    const allowed = allowedList.join(', ');
    if (configured.length === 0) {
      violation(key, '', allowed, `${variable} is empty; the ${profile.name} profile allows ${allowed}`);
    }
    const outside = configured.filter((item) => !(allowedList as readonly string[]).includes(item));
    if (outside.length > 0) {
      violation(
        key,
        outside.join(','),
        allowed,
        `${variable} includes ${outside.join(', ')}, which the ${profile.name} profile does not allow (allowed: ${allowed})`,
      );
    }
  }

  for (const [key, rangeKey] of LIFETIMES) {
    const value = input[key];
    if (value === undefined) continue;
    const range = profile[rangeKey];
    const variable = SECURITY_SETTING_VARIABLES[key];
    if (!Number.isInteger(value) || value < range.min || value > range.max) {
      violation(
        key,
        String(value),
        describeRange(range),
        `${variable}=${value} is outside the ${profile.name} profile's range ${describeRange(range)}`,
      );
    }
  }

  for (const [key, requiredKey] of REQUIREMENTS) {
    if (profile[requiredKey] && input[key] === false) {
      const variable = SECURITY_SETTING_VARIABLES[key];
      violation(key, 'false', 'true', `${variable}=false, but the ${profile.name} profile requires true`);
    }
  }
  return violations;
}

function profileNamed(name: string | undefined): SecurityProfile {
  const chosen = name ?? DEFAULT_SECURITY_PROFILE;
  if (!isSecurityProfileName(chosen)) {
    const allowed = SECURITY_PROFILE_NAMES.join(', ');
    throw new SecurityProfileViolation(
      SECURITY_SETTING_VARIABLES.profile,
      chosen,
      allowed,
      undefined,
      `${SECURITY_SETTING_VARIABLES.profile}=${chosen} is not a security profile (allowed: ${allowed})`,
    );
  }
  return SECURITY_PROFILES[chosen];
}

/**
 * The settings a service runs with: the active profile's defaults overlaid with what was
 * configured. Throws the first SecurityProfileViolation, so the service refuses to start.
 */
export function resolveSecuritySettings(input: SecuritySettingsInput = {}): SecuritySettings {
  const profile = profileNamed(input.profile);
  const [first] = profileViolations(input, profile);
  if (first) throw first;
  return {
    profile: profile.name,
    signingAlgorithms: (input.signingAlgorithms ?? profile.signingAlgorithms).filter(isSigningAlgorithm),
    clientAuthMethods: (input.clientAuthMethods ?? profile.clientAuthMethods).filter(isClientAuthMethod),
    parRequestUriLifetimeSeconds: input.parRequestUriLifetimeSeconds ?? profile.parRequestUriLifetime.default,
    authorizationCodeLifetimeSeconds:
      input.authorizationCodeLifetimeSeconds ?? profile.authorizationCodeLifetime.default,
    accessTokenLifetimeSeconds: input.accessTokenLifetimeSeconds ?? profile.accessTokenLifetime.default,
    requireSignedRequestObject: input.requireSignedRequestObject ?? profile.requiresSignedRequestObject,
    requirePaymentJwsSignature: input.requirePaymentJwsSignature ?? profile.requiresPaymentJwsSignature,
  };
}

/** Which profiles a running configuration satisfies, e.g. for discovery metadata and the docs. */
export function satisfiedProfiles(settings: SecuritySettings): SecurityProfileName[] {
  return SECURITY_PROFILE_NAMES.filter(
    (name) => profileViolations(settings, SECURITY_PROFILES[name]).length === 0,
  );
}
