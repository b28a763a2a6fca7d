// The client side of DPoP (RFC 9449 §4.2): what a TPP sends. Grantline's test client and the
// benchmarks use it; the server never signs proofs.
import { type Clock, epochSeconds } from '../clock/clock';
import { signJwt } from '../jws/sign-jws';
import { publicPart } from '../keys/jwk';
import type { SigningKey } from '../keys/signing-key';
import { randomId } from '../random/random';
import { accessTokenHash } from './access-token-hash';

export interface DpopProofRequest {
  readonly key: SigningKey;
  readonly method: string;
  /** The request URL; query and fragment are dropped from `htu`. */
  readonly url: string;
  readonly clock: Clock;
  readonly accessToken?: string;
  readonly nonce?: string;
  readonly jti?: string;
}

export async function createDpopProof(request: DpopProofRequest): Promise<string> {
  const url = new URL(request.url);
  const claims = {
    jti: request.jti ?? randomId(16),
    htm: request.method,
    htu: `${url.protocol}//${url.host}${url.pathname}`,
    iat: epochSeconds(request.clock),
    ...(request.accessToken !== undefined && { ath: accessTokenHash(request.accessToken) }),
    ...(request.nonce !== undefined && { nonce: request.nonce }),
  };
  const { kid: _kid, ...jwk } = publicPart(request.key.publicJwk);
  return signJwt(request.key, claims, { typ: 'dpop+jwt', jwk });
}
