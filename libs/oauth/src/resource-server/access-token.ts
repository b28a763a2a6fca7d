// The access token a resource server accepts: an RFC 9068 JWT (`typ: at+jwt`) from the token
// service, signed with an allowed algorithm, for this audience, not expired (TOK-1), and with the
// claims the principal is built from. Failures become `invalid_token` without echoing the token.
import {
  CryptoError,
  epochSeconds,
  verifyJwt,
  type Clock,
  type JwtClaims,
  type VerificationKeys,
} from '@grantline/crypto';
import type { DpopChallenge } from '../errors/www-authenticate';
import { InvalidTokenError } from '../errors/resource-server.errors';
import { TemporarilyUnavailableError } from '../errors/rfc6749.errors';
import { JwksUnavailableError } from '../jwks/remote-jwks';
import type { VerifiedAccessTokens } from './verified-access-tokens';

/** One entry of RFC 9396 authorization_details; the type decides the rest. */
export interface AuthorizationDetail {
  readonly type: string;
  readonly [member: string]: unknown;
}

/** The sender constraint a token is bound to (SC-1): a DPoP key or a client certificate. */
export interface Confirmation {
  readonly jkt?: string;
  readonly 'x5t#S256'?: string;
}

/** Who is calling, as proven by a verified, sender-constrained, unrevoked access token. */
export interface VerifiedPrincipal {
  readonly client_id: string;
  /** The PSU (or the client itself for client_credentials tokens). */
  readonly sub: string;
  /** The space-separated scope claim, as issued. */
  readonly scope: string;
  readonly scopes: readonly string[];
  readonly grant_id: string | undefined;
  readonly authorization_details: readonly AuthorizationDetail[];
  readonly cnf: Confirmation;
  readonly jti: string;
  readonly exp: number;
  /** How the sender proved possession on this request. */
  readonly sender: 'dpop' | 'mtls';
}

export interface AccessTokenVerification {
  readonly keys: VerificationKeys;
  readonly issuer: string;
  readonly audience: string | readonly string[];
  readonly algorithms: readonly string[];
  readonly clock: Clock;
  readonly clockToleranceSeconds: number;
}

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  token_expired: 'The access token has expired',
  not_yet_valid: 'The access token is not yet valid',
  audience_mismatch: 'The access token was not issued for this resource',
  issuer_mismatch: 'The access token was not issued by the expected authorization server',
  invalid_typ: 'The access token must be an at+jwt',
  alg_not_allowed: 'The access token is signed with an algorithm that is not allowed',
  missing_claim: 'The access token lacks a required claim',
};

export type UnconfirmedToken = Omit<VerifiedPrincipal, 'sender'>;

/** `verified`: tokens verified before, whose signature need not be checked again (still timed). */
export async function verifyAccessToken(
  token: string,
  verification: AccessTokenVerification,
  challenge: DpopChallenge,
  verified?: VerifiedAccessTokens,
): Promise<UnconfirmedToken> {
  const now = epochSeconds(verification.clock);
  const known = verified?.find(token, now, verification.clockToleranceSeconds);
  if (known) return known;
  let claims: JwtClaims;
  try {
    ({ claims } = await verifyJwt(token, {
      keys: verification.keys,
      algorithms: verification.algorithms,
      typ: 'at+jwt',
      issuer: verification.issuer,
      audience: verification.audience,
      clock: verification.clock,
      clockToleranceSeconds: verification.clockToleranceSeconds,
      requiredClaims: ['exp', 'iat', 'jti', 'sub', 'client_id'],
    }));
  } catch (error) {
    if (error instanceof JwksUnavailableError) {
      throw new TemporarilyUnavailableError('The access token cannot be verified right now', {
        cause: error,
      });
    }
    if (!(error instanceof CryptoError)) throw error;
    const description = DESCRIPTIONS[error.code] ?? 'The access token is invalid';
    throw new InvalidTokenError(description, { challenge, cause: error });
  }
  const accepted = tokenFromClaims(claims, challenge);
  verified?.remember(token, accepted, claims.nbf, now);
  return accepted;
}

function tokenFromClaims(claims: JwtClaims, challenge: DpopChallenge): UnconfirmedToken {
  const malformed = (what: string) =>
    new InvalidTokenError(`The access token has a malformed ${what}`, { challenge });
  const optionalText = (name: string): string | undefined => {
    const value = claims[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '') throw malformed(`"${name}" claim`);
    return value;
  };
  const text = (name: string): string => {
    const value = optionalText(name);
    if (value === undefined) throw malformed(`"${name}" claim`);
    return value;
  };
  const scope = optionalText('scope') ?? '';
  const details = claims['authorization_details'] ?? [];
  if (!Array.isArray(details) || !details.every(isAuthorizationDetail))
    throw malformed('"authorization_details"');
  const cnf = claims['cnf'];
  if (cnf !== undefined && !isConfirmation(cnf)) throw malformed('"cnf" claim');
  return {
    client_id: text('client_id'),
    sub: text('sub'),
    scope,
    scopes: scope.split(' ').filter((item) => item !== ''),
    grant_id: optionalText('grant_id'),
    authorization_details: details,
    cnf: cnf ?? {},
    jti: text('jti'),
    exp: claims.exp ?? 0,
  };
}

function isAuthorizationDetail(value: unknown): value is AuthorizationDetail {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

function isConfirmation(value: unknown): value is Confirmation {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { jkt, 'x5t#S256': x5t } = value as Record<string, unknown>;
  return (jkt === undefined || typeof jkt === 'string') && (x5t === undefined || typeof x5t === 'string');
}

/** Consent ids a token was issued within: intent-first `authorization_details[].consent_id`. */
export function consentIdsOf(token: UnconfirmedToken): string[] {
  return token.authorization_details.flatMap((detail) =>
    typeof detail['consent_id'] === 'string' ? [detail['consent_id']] : [],
  );
}
