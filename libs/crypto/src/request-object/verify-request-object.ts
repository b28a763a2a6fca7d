// Signed request objects (RFC 9101) under FAPI 2.0 Message Signing (JAR-1): the client's key, an
// allowed algorithm, `aud` naming the issuer, `iss` = client_id, and a bounded `nbf`..`exp`.
import { type Clock, epochSeconds } from '../clock/clock';
import {
  AudienceMismatch,
  InvalidClaim,
  IssuerMismatch,
  MissingClaim,
  NotYetValid,
  TokenExpired,
  UnexpectedTokenType,
} from '../errors/errors';
import type { VerificationKeys } from '../keys/verification-keys';
import { parseCompactJws, parseJsonObject } from '../jws/compact';
import { verifyParsedJws } from '../jws/verify-jws';
import { type JwtClaims, type VerifiedJwt, numericDate } from '../jws/verify-jwt';

/** `nbf` may be at most this far in the past (JAR-1). */
const MAX_NBF_AGE_SECONDS = 3600;
/** RFC 9101 §10.8 asks for explicit typing; tokens typed as anything else are a different kind of JWT. */
const REQUEST_OBJECT_TYPES = new Set([
  'oauth-authz-req+jwt',
  'application/oauth-authz-req+jwt',
  'jwt',
  'application/jwt',
]);

export interface VerifyRequestObjectOptions {
  readonly clientId: string;
  readonly issuerIdentifier: string;
  /** The client's registered keys: a request object signed by any other key fails. */
  readonly keys: VerificationKeys;
  readonly algorithms: readonly string[];
  readonly clock: Clock;
  /** Longest accepted `exp − nbf` (default 3600 s; AU: ≤ 60 min). */
  readonly maxLifetimeSeconds?: number;
  /** Leeway for `exp` and `nbf` against the clock (default 0). */
  readonly clockToleranceSeconds?: number;
}

export async function verifyRequestObject(
  requestObject: string,
  options: VerifyRequestObjectOptions,
): Promise<VerifiedJwt> {
  const { header, payload, key } = await verifyParsedJws(parseCompactJws(requestObject), options);
  if (header.typ !== undefined && !REQUEST_OBJECT_TYPES.has(header.typ.toLowerCase())) {
    throw new UnexpectedTokenType('request object "typ" must be oauth-authz-req+jwt');
  }
  const claims = parseJsonObject(payload, 'request object claims') as JwtClaims;
  const now = epochSeconds(options.clock);
  const tolerance = options.clockToleranceSeconds ?? 0;

  if (claims.iss === undefined) throw new MissingClaim('iss');
  if (claims.iss !== options.clientId) throw new IssuerMismatch('"iss" must be the client_id');
  if (claims.client_id !== undefined && claims.client_id !== options.clientId) {
    throw new InvalidClaim('client_id', '"client_id" must be the authenticated client');
  }
  checkAudience(claims.aud, options.issuerIdentifier);

  const exp = numericDate(claims, 'exp');
  const nbf = numericDate(claims, 'nbf');
  if (exp === undefined) throw new MissingClaim('exp');
  if (nbf === undefined) throw new MissingClaim('nbf');
  if (exp <= now - tolerance) throw new TokenExpired('request object has expired');
  if (nbf > now + tolerance) throw new NotYetValid('request object "nbf" is in the future');
  const maxLifetime = options.maxLifetimeSeconds ?? 3600;
  if (exp - nbf > maxLifetime) throw new InvalidClaim('exp', `"exp" − "nbf" exceeds ${maxLifetime} s`);
  if (now - nbf > MAX_NBF_AGE_SECONDS + tolerance) {
    throw new InvalidClaim('nbf', `"nbf" is more than ${MAX_NBF_AGE_SECONDS} s in the past`);
  }
  numericDate(claims, 'iat');
  return { header, claims, key };
}

/** RFC 9101 §6.1 / FAPI MS: the issuer identifier, alone or within an array. */
function checkAudience(aud: unknown, issuerIdentifier: string): void {
  if (aud === undefined) throw new MissingClaim('aud');
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(issuerIdentifier))
    throw new AudienceMismatch('"aud" must name the issuer identifier');
}
