// JWT verification (RFC 7519 §7.2) on top of verifyJws: claims set shape, time claims with an
// injected clock, issuer and audience. Semantics follow jose's jwtVerify so the two agree.
import { type Clock, epochSeconds } from '../clock/clock';
import {
  AudienceMismatch,
  InvalidClaim,
  InvalidCryptoOptions,
  IssuerMismatch,
  MissingClaim,
  NotYetValid,
  TokenExpired,
} from '../errors/errors';
import { parseCompactJws, parseJsonObject } from './compact';
import {
  type VerifiedJws,
  type VerifyJwsOptions,
  candidatesFor,
  checkAlgorithmAndType,
  verifyWithCandidates,
} from './verify-jws';

/** A JWT claims set; registered claims typed, everything else unknown. */
export interface JwtClaims {
  readonly iss?: string;
  readonly sub?: string;
  readonly aud?: string | readonly string[];
  readonly exp?: number;
  readonly nbf?: number;
  readonly iat?: number;
  readonly jti?: string;
  readonly [claim: string]: unknown;
}

export interface VerifyJwtOptions extends VerifyJwsOptions {
  readonly clock: Clock;
  /** Expected `iss`: one value or any of several. */
  readonly issuer?: string | readonly string[];
  /** Accepted audiences: the token's `aud` (string or array) must contain one of them. */
  readonly audience?: string | readonly string[];
  /** Leeway for `exp` and `nbf`, in seconds (default 0). */
  readonly clockToleranceSeconds?: number;
  /** Claims that must be present (whatever their value). */
  readonly requiredClaims?: readonly string[];
}

export interface VerifiedJwt {
  readonly header: VerifiedJws['header'];
  readonly claims: JwtClaims;
  readonly key: VerifiedJws['key'];
}

export async function verifyJwt(token: string, options: VerifyJwtOptions): Promise<VerifiedJwt> {
  const tolerance = options.clockToleranceSeconds ?? 0;
  if (!Number.isFinite(tolerance) || tolerance < 0)
    throw new InvalidCryptoOptions('clock tolerance must be ≥ 0');
  // verifyParsedJws inlined: one await per verification, this is the hottest path.
  const jws = parseCompactJws(token, options.crit);
  const alg = checkAlgorithmAndType(jws, options);
  const key = verifyWithCandidates(jws, alg, await candidatesFor(options.keys, jws.header));
  const claims = parseJsonObject(jws.payload, 'JWT claims set') as JwtClaims;
  checkClaims(claims, options, tolerance);
  return { header: jws.header as VerifiedJwt['header'], claims, key };
}

function checkClaims(claims: JwtClaims, options: VerifyJwtOptions, tolerance: number): void {
  for (const claim of options.requiredClaims ?? [])
    if (!Object.hasOwn(claims, claim)) throw new MissingClaim(claim);
  if (options.issuer !== undefined && !Object.hasOwn(claims, 'iss')) throw new MissingClaim('iss');
  if (options.audience !== undefined && !Object.hasOwn(claims, 'aud')) throw new MissingClaim('aud');

  if (options.issuer !== undefined && !asList(options.issuer).includes(claims.iss as string)) {
    throw new IssuerMismatch('unexpected "iss"');
  }
  if (options.audience !== undefined && !audienceMatches(claims.aud, asList(options.audience))) {
    throw new AudienceMismatch('unexpected "aud"');
  }
  const now = epochSeconds(options.clock);
  const nbf = numericDate(claims, 'nbf');
  if (nbf !== undefined && nbf > now + tolerance) throw new NotYetValid('"nbf" is in the future');
  const exp = numericDate(claims, 'exp');
  if (exp !== undefined && exp <= now - tolerance) throw new TokenExpired('"exp" has passed');
  numericDate(claims, 'iat');
}

/** A NumericDate claim's value, or undefined when absent; anything but a number is invalid. */
export function numericDate(claims: JwtClaims, claim: 'exp' | 'nbf' | 'iat'): number | undefined {
  const value = claims[claim];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new InvalidClaim(claim, `"${claim}" must be a number`);
  return value;
}

function asList(value: string | readonly string[]): readonly string[] {
  return typeof value === 'string' ? [value] : value;
}

function audienceMatches(aud: unknown, accepted: readonly string[]): boolean {
  if (typeof aud === 'string') return accepted.includes(aud);
  return Array.isArray(aud) && accepted.some((audience) => aud.includes(audience));
}
