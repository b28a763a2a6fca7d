// The JWTs Grantline issues, all through the Signer port (ALG-5): RFC 9068 access tokens (TOK-1),
// OIDC ID tokens (TOK-4) and JARM authorization responses (RESP-1). The caller supplies the claims;
// this checks that the ones each kind must carry are there.
import { AlgorithmNotAllowed, MissingClaim } from '../errors/errors';
import type { JwtClaims } from '../jws/verify-jwt';
import { signJwt } from '../jws/sign-jws';
import type { Signer } from '../keys/signing-key';

export interface AccessTokenClaims extends JwtClaims {
  readonly iss: string;
  readonly sub: string;
  readonly aud: string | readonly string[];
  readonly client_id: string;
  readonly exp: number;
  readonly iat: number;
  readonly jti: string;
  readonly scope?: string;
  /** `{ jkt }` for DPoP, `{ "x5t#S256" }` for mTLS (SC-1). */
  readonly cnf?: Readonly<Record<string, string>>;
  readonly authorization_details?: readonly unknown[];
  readonly grant_id?: string;
}

export interface IdTokenClaims extends JwtClaims {
  readonly iss: string;
  readonly sub: string;
  readonly aud: string | readonly string[];
  readonly exp: number;
  readonly iat: number;
  readonly nonce?: string;
  readonly auth_time?: number;
  readonly acr?: string;
}

export interface JarmResponseClaims extends JwtClaims {
  readonly iss: string;
  /** The client_id. */
  readonly aud: string;
  readonly exp: number;
}

export const ACCESS_TOKEN_TYPE = 'at+jwt';
/** TOK-4: ID tokens are signed with PS256 or ES256 only. */
export const ID_TOKEN_ALGORITHMS: readonly string[] = ['PS256', 'ES256'];

export async function issueAccessToken(signer: Signer, claims: AccessTokenClaims): Promise<string> {
  requireClaims(claims, ['iss', 'sub', 'aud', 'client_id', 'exp', 'iat', 'jti']);
  return signJwt(signer, claims, { typ: ACCESS_TOKEN_TYPE });
}

export async function issueIdToken(signer: Signer, claims: IdTokenClaims): Promise<string> {
  if (!ID_TOKEN_ALGORITHMS.includes(signer.alg)) throw new AlgorithmNotAllowed(signer.alg);
  requireClaims(claims, ['iss', 'sub', 'aud', 'exp', 'iat']);
  return signJwt(signer, claims, { typ: 'JWT' });
}

/** JARM (FAPI JARM §4.1): the authorization response parameters plus iss, aud, exp. */
export async function issueJarmResponse(signer: Signer, claims: JarmResponseClaims): Promise<string> {
  requireClaims(claims, ['iss', 'aud', 'exp']);
  return signJwt(signer, claims, { typ: 'JWT' });
}

function requireClaims(claims: JwtClaims, names: readonly string[]): void {
  for (const name of names) if (claims[name] === undefined) throw new MissingClaim(name);
}
