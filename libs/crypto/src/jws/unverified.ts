// Reading a JWT before it can be verified: to find which client sent a client assertion when the
// request carries no client_id (RFC 7523 §3), or which keys to fetch. Nothing read here may be
// trusted until verifyClientAssertion / verifyJwt has run on the same token.
import { parseCompactJws, parseJsonObject } from './compact';
import type { JwsHeader } from './header';
import type { JwtClaims } from './verify-jwt';

export interface UnverifiedJwt {
  readonly header: JwsHeader;
  readonly claims: JwtClaims;
}

/** Decodes a compact JWT without checking its signature; throws MalformedJws if it is not one. */
export function readUnverifiedJwt(token: string): UnverifiedJwt {
  const { header, payload } = parseCompactJws(token);
  return { header, claims: parseJsonObject(payload, 'JWT claims set') as JwtClaims };
}
