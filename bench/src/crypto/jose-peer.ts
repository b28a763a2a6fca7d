// jose 6, the reference JOSE library, as a peer figure: the same sign and verify through its
// WebCrypto path on Node 20, to show why libs/crypto takes a node:crypto fast path (issue 4).
// jose is ESM-only; Node ≥ 20.19 loads it through require(esm).
import { type CryptoKey, type JWK, SignJWT, importJWK, jwtVerify } from 'jose';
import type { JwsAlgorithm, PrivateJwk, PublicJwk } from '@grantline/crypto';

export interface JoseOperations {
  sign(): Promise<unknown>;
  verify(): Promise<unknown>;
}

export async function joseOperations(
  alg: JwsAlgorithm,
  privateJwk: PrivateJwk,
  publicJwk: PublicJwk,
  claims: Record<string, unknown>,
  token: string,
  audience: string,
  nowMs: number,
): Promise<JoseOperations> {
  const privateKey = (await importJWK({ ...privateJwk } as JWK, alg)) as CryptoKey;
  const publicKey = (await importJWK({ ...publicJwk } as JWK, alg)) as CryptoKey;
  const currentDate = new Date(nowMs);
  return {
    sign: () =>
      new SignJWT(claims).setProtectedHeader({ alg, kid: publicJwk.kid, typ: 'at+jwt' }).sign(privateKey),
    verify: () => jwtVerify(token, publicKey, { algorithms: [alg], typ: 'at+jwt', audience, currentDate }),
  };
}
