// private_key_jwt client assertions (RFC 7523 §3, RFC 7521 §5.2) with FAPI 2.0's rules (CLI-2):
// `aud` is the issuer identifier as a single string, `jti` is single-use within the lifetime.
// The jti is spent under a key of the client and the jti's SHA-256, so an endpoint that spent it
// can tell the authorization server's other endpoints which one it was (SpentClientAssertion)
// without carrying the TPP's raw text.
import { sha256 } from '../digest/digest';
import { type Clock, epochSeconds } from '../clock/clock';
import {
  AudienceMismatch,
  InvalidClaim,
  IssuerMismatch,
  MissingClaim,
  NotYetValid,
  ReplayDetected,
  TokenExpired,
} from '../errors/errors';
import type { VerificationKeys } from '../keys/verification-keys';
import { parseCompactJws, parseJsonObject } from '../jws/compact';
import { verifyParsedJws } from '../jws/verify-jws';
import { type JwtClaims, type VerifiedJwt, numericDate } from '../jws/verify-jwt';
import type { JtiReplayStore } from '../replay/jti-replay-store';

/** How far `nbf`/`iat` may lie in the future (CLI-2). */
const MAX_FUTURE_SECONDS = 60;
/**
 * How far `exp` may lie ahead (RFC 7523 §3 lets a server refuse "unreasonably far" ones): a leaked
 * assertion stays usable, and its jti stays in the replay store, until then. Clients sign 60 s.
 */
const MAX_LIFETIME_SECONDS = 600;

export interface VerifyClientAssertionOptions {
  readonly clientId: string;
  /** The authorization server's issuer identifier (RFC 8414 `issuer`): the only accepted `aud`. */
  readonly issuerIdentifier: string;
  /** The client's registered keys. */
  readonly keys: VerificationKeys;
  readonly algorithms: readonly string[];
  readonly clock: Clock;
  readonly replay: JtiReplayStore;
}

/** A client assertion whose jti has been spent: no endpoint may accept it again before `expiresAt`. */
export interface SpentClientAssertion {
  /** base64url SHA-256 of the assertion's `jti`. */
  readonly jtiSha256: string;
  /** Milliseconds since the epoch: the assertion's `exp`. */
  readonly expiresAt: number;
}

export interface VerifiedClientAssertion extends VerifiedJwt {
  readonly spent: SpentClientAssertion;
}

/** The replay store's key for a client's assertion jti. */
export function clientAssertionReplayKey(clientId: string, jtiSha256: string): string {
  return `client_assertion:${clientId}:${jtiSha256}`;
}

export async function verifyClientAssertion(
  assertion: string,
  options: VerifyClientAssertionOptions,
): Promise<VerifiedClientAssertion> {
  const { header, payload, key } = await verifyParsedJws(parseCompactJws(assertion), options);
  const claims = parseJsonObject(payload, 'client assertion claims') as JwtClaims;
  const now = epochSeconds(options.clock);

  if (claims.iss === undefined) throw new MissingClaim('iss');
  if (claims.iss !== options.clientId) throw new IssuerMismatch('"iss" must be the client_id');
  if (claims.sub === undefined) throw new MissingClaim('sub');
  if (claims.sub !== options.clientId) throw new InvalidClaim('sub', '"sub" must be the client_id');
  checkAudience(claims.aud, options.issuerIdentifier);

  const exp = numericDate(claims, 'exp');
  if (exp === undefined) throw new MissingClaim('exp');
  if (exp <= now) throw new TokenExpired('client assertion has expired');
  if (exp > now + MAX_LIFETIME_SECONDS) {
    throw new InvalidClaim('exp', `"exp" is more than ${MAX_LIFETIME_SECONDS} s in the future`);
  }
  for (const claim of ['nbf', 'iat'] as const) {
    const value = numericDate(claims, claim);
    if (value !== undefined && value > now + MAX_FUTURE_SECONDS) {
      throw new NotYetValid(`"${claim}" is more than ${MAX_FUTURE_SECONDS} s in the future`);
    }
  }

  if (claims.jti === undefined) throw new MissingClaim('jti');
  if (typeof claims.jti !== 'string' || claims.jti.length === 0)
    throw new InvalidClaim('jti', '"jti" must be a string');
  const spent: SpentClientAssertion = {
    jtiSha256: sha256(claims.jti).toString('base64url'),
    expiresAt: exp * 1000,
  };
  const fresh = await options.replay.remember(
    clientAssertionReplayKey(options.clientId, spent.jtiSha256),
    spent.expiresAt,
  );
  if (!fresh) throw new ReplayDetected('client assertion "jti" was already used');

  return { header, claims, key, spent };
}

/** FAPI 2.0 SP §5.3.2.1: the issuer identifier as a single string, never an array or an endpoint URL. */
function checkAudience(aud: unknown, issuerIdentifier: string): void {
  if (aud === undefined) throw new MissingClaim('aud');
  if (Array.isArray(aud)) throw new AudienceMismatch('"aud" must be a single string, not an array');
  if (aud !== issuerIdentifier) throw new AudienceMismatch('"aud" must be the issuer identifier');
}
