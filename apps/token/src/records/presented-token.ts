// What a client presented at /introspect or /revoke: one of our access tokens (a JWT we signed,
// unexpired, whose jti we recorded) or one of our refresh tokens (found by its hash). Anything
// else — garbage, another issuer's JWT, an expired or unknown token — is no token at all, which
// both endpoints answer without saying why (RFC 7662 §2.2, RFC 7009 §2.2).
import { CryptoError, type JwtClaims } from '@grantline/crypto';
import type { StoredAccessToken, StoredRefreshToken } from './token-record';
import type { TokenRecords } from './token-records';

export type PresentedToken =
  | { kind: 'access_token'; record: StoredAccessToken; claims: JwtClaims }
  | { kind: 'refresh_token'; record: StoredRefreshToken };

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
/** Longer than any token we issue; refuses to hash or parse megabytes on a client's say-so. */
export const MAX_PRESENTED_TOKEN_LENGTH = 16_384;

export async function identifyToken(
  token: string,
  hint: string | undefined,
  records: TokenRecords,
  verifyAccessToken: (token: string) => Promise<JwtClaims>,
): Promise<PresentedToken | undefined> {
  if (token.length === 0 || token.length > MAX_PRESENTED_TOKEN_LENGTH) return undefined;
  const asAccess = async (): Promise<PresentedToken | undefined> => {
    if (!COMPACT_JWS.test(token)) return undefined;
    let claims: JwtClaims;
    try {
      claims = await verifyAccessToken(token);
    } catch (error) {
      if (error instanceof CryptoError) return undefined;
      throw error;
    }
    if (typeof claims.jti !== 'string') return undefined;
    const record = await records.findAccessToken(claims.jti);
    return record ? { kind: 'access_token', record, claims } : undefined;
  };
  const asRefresh = async (): Promise<PresentedToken | undefined> => {
    const record = await records.findRefreshToken(token);
    return record ? { kind: 'refresh_token', record } : undefined;
  };
  // The hint only orders the look-ups (RFC 7662 §2.1, RFC 7009 §2.1): a wrong hint still finds it.
  const [first, second] = hint === 'refresh_token' ? [asRefresh, asAccess] : [asAccess, asRefresh];
  return (await first()) ?? (await second());
}
