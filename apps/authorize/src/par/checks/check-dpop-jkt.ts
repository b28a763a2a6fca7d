// CODE-3 (RFC 9449 §10): the code is bound to the TPP's DPoP key. `dpop_jkt` names it; a DPoP proof
// sent to PAR proves it, and must be for the same key when both are given.
import { CryptoError, type JtiReplayStore, verifyDpopProof } from '@grantline/crypto';
import { InvalidDpopProofError, InvalidRequestError } from '@grantline/oauth';
import { type ParContext, parameter } from '../par-context';

const THUMBPRINT = /^[A-Za-z0-9_-]{43}$/;

export async function checkDpopJkt(context: ParContext): Promise<void> {
  const given = context.parameters['dpop_jkt'];
  if (given !== undefined && (typeof given !== 'string' || !THUMBPRINT.test(given))) {
    throw new InvalidRequestError('dpop_jkt must be a base64url SHA-256 JWK thumbprint');
  }
  const proven =
    context.http.dpopHeader === undefined ? undefined : await (context.proofCheck ?? verifyProof(context));
  if (given !== undefined && proven !== undefined && given !== proven) {
    throw new InvalidDpopProofError('dpop_jkt does not match the key of the DPoP proof (CODE-3)');
  }
  context.dpopJkt = parameter(context, 'dpop_jkt') ?? proven;
}

/** The proof's key thumbprint (RFC 9449 §4.3 against PAR's URL), or the OAuth error it deserves. */
export async function verifyProof(
  context: ParContext,
  replay: JtiReplayStore = context.deps.replay,
): Promise<string> {
  const { settings } = context.deps;
  try {
    const proof = await verifyDpopProof({
      headerValues: context.http.dpopHeader,
      method: 'POST',
      url: settings.endpoints.par,
      algorithms: settings.security.signingAlgorithms,
      clock: settings.clock,
      replay,
    });
    return proof.jkt;
  } catch (error) {
    if (error instanceof CryptoError) throw new InvalidDpopProofError(error.message);
    throw error;
  }
}
