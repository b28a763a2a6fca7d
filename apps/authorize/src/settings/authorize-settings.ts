// Everything the authorize service runs with, built once at start-up from AuthorizeConfig: the issuer
// and its endpoints, the security profile, signing and sealing keys, and the client registry. A bad
// value stops the service with one line naming the variable; a secret is never echoed.
import {
  type Clock,
  CryptoError,
  MacKey,
  type SealingKeyRing,
  type SigningKeyRing,
  loadSigningKeyRingFile,
  sealingKeyRingFromConfig,
  signingKeyRingFromJson,
  systemClock,
} from '@grantline/crypto';
import {
  type ClientRegistry,
  type SecuritySettings,
  loadClientRegistry,
  securitySettingsFromEnvironment,
} from '@grantline/oauth';
import type { AuthorizeConfig } from '../authorize.config';

export const AUTHORIZE_SETTINGS = Symbol('AuthorizeSettings');

export interface Endpoints {
  readonly authorization: string;
  readonly par: string;
  readonly token: string;
  readonly jwks: string;
  readonly introspection: string;
  readonly revocation: string;
  readonly grantManagement: string;
}

export interface LoginPolicy {
  readonly maxFailures: number;
  readonly lockoutSeconds: number;
  readonly sessionSeconds: number;
}

export interface AuthorizeSettings {
  readonly issuer: string;
  readonly endpoints: Endpoints;
  readonly security: SecuritySettings;
  readonly signingKeys: SigningKeyRing;
  readonly sealingKeys: SealingKeyRing;
  /** Keys PSU pseudonyms (per client) and fingerprints of typed usernames. */
  readonly pseudonymKey: MacKey;
  readonly clients: ClientRegistry;
  readonly login: LoginPolicy;
  /** Cookies are Secure unless the issuer is a loopback http origin (local development). */
  readonly secureCookies: boolean;
  readonly clock: Clock;
}

export class AuthorizeSettingsError extends Error {
  constructor(message: string) {
    super(`Invalid configuration: ${message}`);
    this.name = 'AuthorizeSettingsError';
  }
}

function signingKeysFrom(config: AuthorizeConfig): SigningKeyRing {
  if (config.SIGNING_KEYS !== undefined && config.SIGNING_KEYS_FILE !== undefined) {
    throw new AuthorizeSettingsError('set SIGNING_KEYS or SIGNING_KEYS_FILE, not both');
  }
  if (config.SIGNING_KEYS !== undefined) return signingKeyRingFromJson(config.SIGNING_KEYS, 'SIGNING_KEYS');
  if (config.SIGNING_KEYS_FILE !== undefined) return loadSigningKeyRingFile(config.SIGNING_KEYS_FILE);
  throw new AuthorizeSettingsError('SIGNING_KEYS or SIGNING_KEYS_FILE is required (a private JWK set)');
}

function cryptoStep<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof CryptoError) throw new AuthorizeSettingsError(error.message);
    throw error;
  }
}

export function endpointsOf(issuer: string): Endpoints {
  return {
    authorization: `${issuer}/authorize`,
    par: `${issuer}/par`,
    token: `${issuer}/token`,
    jwks: `${issuer}/jwks`,
    introspection: `${issuer}/introspect`,
    revocation: `${issuer}/revoke`,
    grantManagement: `${issuer}/grants`,
  };
}

export async function loadAuthorizeSettings(
  config: AuthorizeConfig,
  clock: Clock = systemClock,
): Promise<AuthorizeSettings> {
  const security = securitySettingsFromEnvironment(config as unknown as Record<string, string | undefined>);
  const signingKeys = cryptoStep(() => signingKeysFrom(config));
  const usable = signingKeys
    .jwks(clock)
    .keys.filter((key) => (security.signingAlgorithms as readonly string[]).includes(String(key.alg)));
  if (usable.length === 0) {
    throw new AuthorizeSettingsError(
      `no signing key uses an algorithm of the ${security.profile} profile (${security.signingAlgorithms.join(', ')})`,
    );
  }
  const sealingKeys = cryptoStep(() =>
    sealingKeyRingFromConfig(config.CODE_SEALING_KEYS, 'CODE_SEALING_KEYS'),
  );
  const clients = await loadClientRegistry({
    file: config.GRANTLINE_CLIENTS_FILE,
    allowLoopbackHttp: config.ALLOW_LOOPBACK_HTTP_REDIRECTS,
    clientAuthMethods: security.clientAuthMethods,
    signingAlgorithms: security.signingAlgorithms,
  });
  const issuerUrl = new URL(config.ISSUER);
  return {
    issuer: config.ISSUER,
    endpoints: endpointsOf(config.ISSUER),
    security,
    signingKeys,
    sealingKeys,
    pseudonymKey: MacKey.fromBase64url(config.SUBJECT_PSEUDONYM_KEY),
    clients,
    login: {
      maxFailures: config.LOGIN_MAX_FAILURES,
      lockoutSeconds: config.LOGIN_LOCKOUT_SECONDS,
      sessionSeconds: config.PSU_SESSION_SECONDS,
    },
    secureCookies: issuerUrl.protocol === 'https:',
    clock,
  };
}
