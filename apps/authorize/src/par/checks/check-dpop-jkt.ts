// CODE-3 (RFC 9449 §10): the code is bound to the TPP's DPoP key. `dpop_jkt` names it; a DPoP proof
// sent to PAR proves it, and must be for the same key when both are given.
import { CryptoError, verifyDpopProof } from '@grantline/crypto';
import { InvalidDpopProofError, InvalidRequestError } from '@grantline/oauth';
import { type ParContext, parameter } from '../par-context';

const THUMBPRINT = /^[A-Za-z0-9_-]{43}$/;

export async function checkDpopJkt(context: ParContext): Promise<void> {
  const given = context.parameters['dpop_jkt'];
  if (given !== undefined && (typeof given !== 'string' || !THUMBPRINT.test(given))) {
    throw new InvalidRequestError('dpop_jkt must be a base64url SHA-256 JWK thumbprint');
  }
  let proven: string | undefined;
  if (context.http.dpopHeader !== undefined) {
    const { settings } = context.deps;
    try {
      proven = (
        await verifyDpopProof({
          headerValues: context.http.dpopHeader,
          method: 'POST',
          url: settings.endpoints.par,
          algorithms: settings.security.signingAlgorithms,
          clock: settings.clock,
          replay: context.deps.replay,
        })
      ).jkt;
    } catch (error) {
      if (error instanceof CryptoError) throw new InvalidDpopProofError(error.message);
      throw error;
    }
  }
  if (given !== undefined && proven !== undefined && given !== proven) {
    throw new InvalidDpopProofError('dpop_jkt does not match the key of the DPoP proof (CODE-3)');
  }
  context.dpopJkt = parameter(context, 'dpop_jkt') ?? proven;
}
