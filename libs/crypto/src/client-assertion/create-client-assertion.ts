// The TPP side of private_key_jwt (RFC 7523): what Grantline's test client and benchmarks send.
import { type Clock, epochSeconds } from '../clock/clock';
import { signJwt } from '../jws/sign-jws';
import type { Signer } from '../keys/signing-key';
import { randomId } from '../random/random';

export interface ClientAssertionRequest {
  readonly clientId: string;
  /** The authorization server's issuer identifier. */
  readonly audience: string;
  readonly clock: Clock;
  readonly lifetimeSeconds?: number;
  readonly jti?: string;
}

export async function createClientAssertion(
  signer: Signer,
  request: ClientAssertionRequest,
): Promise<string> {
  const iat = epochSeconds(request.clock);
  return signJwt(signer, {
    iss: request.clientId,
    sub: request.clientId,
    aud: request.audience,
    jti: request.jti ?? randomId(16),
    iat,
    exp: iat + (request.lifetimeSeconds ?? 60),
  });
}
