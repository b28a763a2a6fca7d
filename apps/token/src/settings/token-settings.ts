// Everything the token service runs with, built once at start-up from TokenConfig: the issuer and its
// token endpoint URL, the security profile, the keys that sign tokens and open codes, the client
// registry, DPoP nonces. Key imports happen here, never per request. A bad value stops the service
// with one line naming the variable; a secret is never echoed.
import {
  type Clock,
  CryptoError,
  DpopNonces,
  type SealingKeyRing,
  type Signer,
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
  clientCertificateSettings,
  loadClientRegistry,
  securitySettingsFromEnvironment,
} from '@grantline/oauth';
import { clientCertificateConfigOf } from '@grantline/platform';
import type { TokenConfig } from '../token.config';

export const TOKEN_SETTINGS = Symbol('TokenSettings');

export interface TokenSettings {
  readonly issuer: string;
  /** The URL DPoP proofs name in `htu` (DPOP-1). */
  readonly tokenEndpoint: string;
  readonly accessTokenAudience: string | readonly string[];
  readonly security: SecuritySettings;
  readonly signingKeys: SigningKeyRing;
  readonly sealingKeys: SealingKeyRing;
  readonly clients: ClientRegistry;
  /** DPOP-2: absent when no secrets are configured; `required` makes every proof carry one. */
  readonly dpopNonces?: { readonly nonces: DpopNonces; readonly required: boolean };
  /** MTLS-1: where client certificates come from (TLS here or a trusted proxy) and which CAs count. */
  readonly clientCertificates: ClientCertificateSettings;
  readonly clock: Clock;
}

export class TokenSettingsError extends Error {
  constructor(message: string) {
    super(`Invalid configuration: ${message}`);
    this.name = 'TokenSettingsError';
  }
}

/** The signer for access tokens: the current key of an algorithm the profile allows. */
export function accessTokenSigner(settings: TokenSettings): Signer {
  return settings.signingKeys.signingKey(settings.clock, settings.security.signingAlgorithms);
}

export async function loadTokenSettings(
  config: TokenConfig,
  clock: Clock = systemClock,
): Promise<TokenSettings> {
  const security = securitySettingsFromEnvironment(config as unknown as Record<string, string | undefined>);
  const signingKeys = signingKeysFrom(config);
  cryptoStep(() => signingKeys.signingKey(clock, security.signingAlgorithms));
  const sealingKeys = cryptoStep(() =>
    sealingKeyRingFromConfig(config.CODE_SEALING_KEYS, 'CODE_SEALING_KEYS'),
  );
  const clients = await loadClientRegistry({
    file: config.GRANTLINE_CLIENTS_FILE,
    allowLoopbackHttp: config.ALLOW_LOOPBACK_HTTP_REDIRECTS,
    clientAuthMethods: security.clientAuthMethods,
    signingAlgorithms: security.signingAlgorithms,
  });
  if (config.DPOP_NONCE_REQUIRED && config.DPOP_NONCE_SECRETS.length === 0) {
    throw new TokenSettingsError('DPOP_NONCE_REQUIRED=true needs DPOP_NONCE_SECRETS');
  }
  const dpopNonces =
    config.DPOP_NONCE_SECRETS.length === 0
      ? undefined
      : {
          nonces: cryptoStep(() => new DpopNonces({ secrets: config.DPOP_NONCE_SECRETS, clock })),
          required: config.DPOP_NONCE_REQUIRED,
        };
  return {
    issuer: config.ISSUER,
    tokenEndpoint: `${config.ISSUER}/token`,
    accessTokenAudience:
      config.ACCESS_TOKEN_AUDIENCES.length === 0
        ? config.ISSUER
        : config.ACCESS_TOKEN_AUDIENCES.length === 1
          ? config.ACCESS_TOKEN_AUDIENCES[0]
          : config.ACCESS_TOKEN_AUDIENCES,
    security,
    signingKeys,
    sealingKeys,
    clients,
    dpopNonces,
    clientCertificates: cryptoStep(() => clientCertificateSettings(clientCertificateConfigOf(config))),
    clock,
  };
}

function signingKeysFrom(config: TokenConfig): SigningKeyRing {
  if (config.SIGNING_KEYS !== undefined && config.SIGNING_KEYS_FILE !== undefined) {
    throw new TokenSettingsError('set SIGNING_KEYS or SIGNING_KEYS_FILE, not both');
  }
  return cryptoStep(() => {
    if (config.SIGNING_KEYS !== undefined) return signingKeyRingFromJson(config.SIGNING_KEYS, 'SIGNING_KEYS');
    if (config.SIGNING_KEYS_FILE !== undefined) return loadSigningKeyRingFile(config.SIGNING_KEYS_FILE);
    throw new TokenSettingsError('SIGNING_KEYS or SIGNING_KEYS_FILE is required (a private JWK set)');
  });
}

function cryptoStep<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof CryptoError) throw new TokenSettingsError(error.message);
    throw error;
  }
}
