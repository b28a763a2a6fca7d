// The security profiles Grantline can run under. Each jurisdiction narrows FAPI 2.0: which
// algorithms and client authentication methods it allows (ALG-1, CLI-4), how long a request_uri,
// a code and an access token may live (PAR-3, CODE-1, TOK-2), and what it additionally requires.
// `strict` is derived as the intersection of all of them, so it satisfies each by construction.
import { CLIENT_AUTH_METHODS, type ClientAuthMethod } from '../clients/client-auth-methods';
import { SIGNING_ALGORITHMS, type SigningAlgorithm } from './signing-algorithms';

export const SECURITY_PROFILE_NAMES = ['fapi2', 'au-cdr', 'br-of', 'uk-ob', 'strict'] as const;
export type SecurityProfileName = (typeof SECURITY_PROFILE_NAMES)[number];
export const DEFAULT_SECURITY_PROFILE: SecurityProfileName = 'fapi2';

/** Seconds, both ends inclusive. */
export interface LifetimeRange {
  readonly min: number;
  readonly max: number;
  readonly default: number;
}

export interface SecurityProfile {
  readonly name: SecurityProfileName;
  readonly title: string;
  readonly signingAlgorithms: readonly SigningAlgorithm[];
  readonly clientAuthMethods: readonly ClientAuthMethod[];
  readonly parRequestUriLifetime: LifetimeRange;
  readonly authorizationCodeLifetime: LifetimeRange;
  readonly accessTokenLifetime: LifetimeRange;
  /** Authorization requests must arrive as a signed request object inside PAR (JAR-1). */
  readonly requiresSignedRequestObject: boolean;
  /** Payment POSTs must carry a detached `x-jws-signature` (CON-5). */
  readonly requiresPaymentJwsSignature: boolean;
}

// FAPI 2.0 SP: request_uri expires_in < 600 s; codes ≤ 60 s (CODE-1, default 30 s). The SP sets no
// access-token bound; an hour caps how long a stolen-but-constrained token stays interesting.
const fapi2: SecurityProfile = {
  name: 'fapi2',
  title: 'FAPI 2.0 Security Profile',
  signingAlgorithms: SIGNING_ALGORITHMS,
  clientAuthMethods: CLIENT_AUTH_METHODS,
  parRequestUriLifetime: { min: 1, max: 599, default: 60 },
  authorizationCodeLifetime: { min: 1, max: 60, default: 30 },
  accessTokenLifetime: { min: 60, max: 3600, default: 300 },
  requiresSignedRequestObject: false,
  requiresPaymentJwsSignature: false,
};

// Australia CDR: PS256/ES256 only, private_key_jwt only (no mTLS client authentication, CLI-4),
// request_uri 10–90 s, access tokens 2–10 min, request objects required.
const auCdr: SecurityProfile = {
  ...fapi2,
  name: 'au-cdr',
  title: 'Australia Consumer Data Right',
  signingAlgorithms: ['PS256', 'ES256'],
  clientAuthMethods: ['private_key_jwt'],
  parRequestUriLifetime: { min: 10, max: 90, default: 60 },
  accessTokenLifetime: { min: 120, max: 600, default: 300 },
  requiresSignedRequestObject: true,
};

// Open Finance Brasil: PS256 only (ALG-1), private_key_jwt only (CLI-4), request_uri at least 60 s,
// access tokens 5–15 min, request objects required.
const brOf: SecurityProfile = {
  ...fapi2,
  name: 'br-of',
  title: 'Open Finance Brasil',
  signingAlgorithms: ['PS256'],
  clientAuthMethods: ['private_key_jwt'],
  parRequestUriLifetime: { min: 60, max: 599, default: 60 },
  accessTokenLifetime: { min: 300, max: 900, default: 300 },
  requiresSignedRequestObject: true,
};

// UK Open Banking: PS256/ES256, private_key_jwt or tls_client_auth (OBWAC), request objects, and a
// detached x-jws-signature on payment requests (CON-5).
const ukOb: SecurityProfile = {
  ...fapi2,
  name: 'uk-ob',
  title: 'UK Open Banking',
  signingAlgorithms: ['PS256', 'ES256'],
  clientAuthMethods: ['private_key_jwt', 'tls_client_auth'],
  requiresSignedRequestObject: true,
  requiresPaymentJwsSignature: true,
};

const JURISDICTIONS = [fapi2, auCdr, brOf, ukOb] as const;

function intersect<T>(lists: readonly (readonly T[])[]): T[] {
  const [first = [], ...rest] = lists;
  return first.filter((item) => rest.every((list) => list.includes(item)));
}

function narrowest(ranges: readonly LifetimeRange[], preferred: number): LifetimeRange {
  const min = Math.max(...ranges.map((range) => range.min));
  const max = Math.min(...ranges.map((range) => range.max));
  return { min, max, default: Math.min(Math.max(preferred, min), max) };
}

const strict: SecurityProfile = {
  name: 'strict',
  title: 'Strict (satisfies every profile at once)',
  signingAlgorithms: intersect(JURISDICTIONS.map((p) => p.signingAlgorithms)),
  clientAuthMethods: intersect(JURISDICTIONS.map((p) => p.clientAuthMethods)),
  parRequestUriLifetime: narrowest(
    JURISDICTIONS.map((p) => p.parRequestUriLifetime),
    fapi2.parRequestUriLifetime.default,
  ),
  authorizationCodeLifetime: narrowest(
    JURISDICTIONS.map((p) => p.authorizationCodeLifetime),
    fapi2.authorizationCodeLifetime.default,
  ),
  accessTokenLifetime: narrowest(
    JURISDICTIONS.map((p) => p.accessTokenLifetime),
    fapi2.accessTokenLifetime.default,
  ),
  requiresSignedRequestObject: JURISDICTIONS.some((p) => p.requiresSignedRequestObject),
  requiresPaymentJwsSignature: JURISDICTIONS.some((p) => p.requiresPaymentJwsSignature),
};

export const SECURITY_PROFILES: Readonly<Record<SecurityProfileName, SecurityProfile>> = {
  fapi2,
  'au-cdr': auCdr,
  'br-of': brOf,
  'uk-ob': ukOb,
  strict,
};

export function isSecurityProfileName(value: unknown): value is SecurityProfileName {
  return typeof value === 'string' && (SECURITY_PROFILE_NAMES as readonly string[]).includes(value);
}
