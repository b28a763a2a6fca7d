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
  type ClientCertificateSettings,
  type ClientRegistry,
  type SecuritySettings,
  canSeeClientCertificates,
  clientCertificateSettings,
  loadClientRegistry,
  securitySettingsFromEnvironment,
} from '@grantline/oauth';
import { clientCertificateConfigOf, servesTls } from '@grantline/platform';
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
  /** The PSU self-service page ("how to revoke later", UX-1). */
  readonly selfService: string;
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
  /** How long PAR waits for a consent it has not heard of yet (CON-6; see CONSENT_PROPAGATION_WAIT_MS). */
  readonly consentPropagationWaitMs: number;
  /** Cookies are Secure unless the issuer is a loopback http origin (local development). */
  readonly secureCookies: boolean;
  /**
   * Client certificates (MTLS-1): `visible` when TLS ends at this service or a trusted proxy
   * forwards them (TLS_* / CLIENT_CERT_* settings); only then are the mTLS methods accepted.
   */
  readonly clientCertificates?: { readonly visible: boolean; readonly settings: ClientCertificateSettings };
  readonly clock: Clock;
}

export class AuthorizeSettingsError extends Error {
  constructor(message: string) {
    super(`Invalid configuration: ${message}`);
    this.name = 'AuthorizeSettingsError';
  }
}

/** The key variables as configured; absent ones are undefined. */
export interface KeyVariables {
  SIGNING_KEYS?: string;
  SIGNING_KEYS_FILE?: string;
  CODE_SEALING_KEYS?: string;
}

/**
 * The AS signing keys, of which at least one must use an algorithm of the profile. Shared by the
 * start-up check (check-environment.ts) and the settings, so both refuse the same values alike.
 */
export function signingKeysFrom(
  variables: KeyVariables,
  security: SecuritySettings,
  clock: Clock = systemClock,
): SigningKeyRing {
  if (variables.SIGNING_KEYS !== undefined && variables.SIGNING_KEYS_FILE !== undefined) {
    throw new AuthorizeSettingsError('set SIGNING_KEYS or SIGNING_KEYS_FILE, not both');
  }
  const signingKeys = cryptoStep(() => {
    if (variables.SIGNING_KEYS !== undefined)
      return signingKeyRingFromJson(variables.SIGNING_KEYS, 'SIGNING_KEYS');
    if (variables.SIGNING_KEYS_FILE !== undefined) return loadSigningKeyRingFile(variables.SIGNING_KEYS_FILE);
    throw new AuthorizeSettingsError('SIGNING_KEYS or SIGNING_KEYS_FILE is required (a private JWK set)');
  });
  const usable = signingKeys
    .jwks(clock)
    .keys.filter((key) => (security.signingAlgorithms as readonly string[]).includes(String(key.alg)));
  if (usable.length === 0) {
    throw new AuthorizeSettingsError(
      `no signing key uses an algorithm of the ${security.profile} profile (${security.signingAlgorithms.join(', ')})`,
    );
  }
  return signingKeys;
}

export function sealingKeysFrom(value: string | undefined): SealingKeyRing {
  return cryptoStep(() => sealingKeyRingFromConfig(value, 'CODE_SEALING_KEYS'));
}

function cryptoStep<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof CryptoError) throw new AuthorizeSettingsError(error.message);
    throw error;
  }
}

/** Where the PSU self-service page lives on the issuer's origin (the gateway routes /account here). */
export const SELF_SERVICE_PATH = '/account/access';

export function endpointsOf(issuer: string): Endpoints {
  return {
    authorization: `${issuer}/authorize`,
    par: `${issuer}/par`,
    token: `${issuer}/token`,
    jwks: `${issuer}/jwks`,
    introspection: `${issuer}/introspect`,
    revocation: `${issuer}/revoke`,
    grantManagement: `${issuer}/grants`,
    selfService: `${issuer}${SELF_SERVICE_PATH}`,
  };
}

export async function loadAuthorizeSettings(
  config: AuthorizeConfig,
  clock: Clock = systemClock,
): Promise<AuthorizeSettings> {
  const security = securitySettingsFromEnvironment(config as unknown as Record<string, string | undefined>);
  const signingKeys = signingKeysFrom(config, security, clock);
  const sealingKeys = sealingKeysFrom(config.CODE_SEALING_KEYS);
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
    consentPropagationWaitMs: config.CONSENT_PROPAGATION_WAIT_MS,
    secureCookies: issuerUrl.protocol === 'https:',
    clientCertificates: clientCertificatesOf(config, clock),
    clock,
  };
}

function clientCertificatesOf(
  config: AuthorizeConfig,
  clock: Clock,
): AuthorizeSettings['clientCertificates'] {
  let settings: ClientCertificateSettings;
  try {
    settings = clientCertificateSettings({ ...clientCertificateConfigOf(config), clock });
  } catch (error) {
    throw new AuthorizeSettingsError(
      `TLS_CLIENT_CA_FILE: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { visible: canSeeClientCertificates(settings, servesTls(config)), settings };
}
