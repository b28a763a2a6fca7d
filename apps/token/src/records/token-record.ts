// What the token service remembers about the tokens it issued. Tokens themselves are never stored:
// access tokens by jti, refresh tokens by the SHA-256 hash of the opaque value (TOK-3).
import type { TokenRevokedV1 } from '@grantline/contracts';

/** The sender constraint a token is bound to (RFC 9449 `jkt`, RFC 8705 `x5t#S256`). */
export interface Confirmation {
  jkt?: string;
  'x5t#S256'?: string;
}

/** What ties a token to its authorization (absent for client_credentials). */
interface Provenance {
  clientId: string;
  subject?: string;
  grantId?: string;
  /** The authorization code it was issued from (CODE-2 revokes by it). */
  codeId?: string;
  /** Consents the grant covered when the token was issued (ConsentRevoked revokes by them). */
  consentIds?: string[];
  scopes: string[];
  cnf?: Confirmation;
  issuedAt: Date;
}

export interface AccessTokenRecord extends Provenance {
  jti: string;
  /** The refresh token it was issued from or alongside. */
  refreshTokenId?: string;
  expiresAt: Date;
}

export interface NewRefreshToken extends Provenance {
  /** The record id (what events and access-token records name); never the token. */
  id: string;
  /** The opaque token as handed to the client; only its hash is stored. */
  token: string;
  accountIds?: string[];
  authorizationDetails?: object[];
  /** Absent: the refresh token lives as long as its grant. */
  expiresAt?: Date;
}

export interface Revocation {
  revokedAt?: Date;
  revokedReason?: RevocationReason;
}

export type StoredAccessToken = AccessTokenRecord & Revocation;
export type StoredRefreshToken = Omit<NewRefreshToken, 'token'> & Revocation;

export type RevocationReason = TokenRevokedV1['reason'];

/** A token a revocation just ended: exactly the data of its TokenRevoked event. */
export type RevokedToken = TokenRevokedV1;

/** Not revoked and not expired at `now`. */
export function isActive(record: { revokedAt?: Date; expiresAt?: Date }, now = new Date()): boolean {
  return record.revokedAt === undefined && (record.expiresAt === undefined || record.expiresAt > now);
}
