// Reads the security settings from environment variables, so every service that issues or checks
// tokens agrees on them and refuses to start on a value its profile does not allow.
import {
  SECURITY_SETTING_VARIABLES,
  SecurityProfileViolation,
  resolveSecuritySettings,
  type SecuritySettings,
  type SecuritySettingsInput,
} from './security-settings';

type Environment = Readonly<Record<string, string | undefined>>;

function given(env: Environment, variable: string): string | undefined {
  const value = env[variable]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function list(env: Environment, variable: string): string[] | undefined {
  const value = given(env, variable);
  return value?.split(',').flatMap((item) => (item.trim() === '' ? [] : [item.trim()]));
}

function seconds(env: Environment, variable: string): number | undefined {
  const value = given(env, variable);
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value)) {
    throw new SecurityProfileViolation(
      variable,
      value,
      'a whole number of seconds',
      undefined,
      `${variable}=${value} must be a whole number of seconds`,
    );
  }
  return Number(value);
}

function flag(env: Environment, variable: string): boolean | undefined {
  const value = given(env, variable)?.toLowerCase();
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new SecurityProfileViolation(
    variable,
    value,
    'true, false',
    undefined,
    `${variable} must be true or false`,
  );
}

export function securitySettingsFromEnvironment(env: Environment = process.env): SecuritySettings {
  const v = SECURITY_SETTING_VARIABLES;
  const input: SecuritySettingsInput = {
    profile: given(env, v.profile),
    signingAlgorithms: list(env, v.signingAlgorithms),
    clientAuthMethods: list(env, v.clientAuthMethods),
    parRequestUriLifetimeSeconds: seconds(env, v.parRequestUriLifetimeSeconds),
    authorizationCodeLifetimeSeconds: seconds(env, v.authorizationCodeLifetimeSeconds),
    accessTokenLifetimeSeconds: seconds(env, v.accessTokenLifetimeSeconds),
    requireSignedRequestObject: flag(env, v.requireSignedRequestObject),
    requirePaymentJwsSignature: flag(env, v.requirePaymentJwsSignature),
  };
  return resolveSecuritySettings(input);
}
