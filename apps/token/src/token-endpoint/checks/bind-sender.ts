// SC-1, DPOP-1, DPOP-2, MTLS-1: every token issued here is sender-constrained. A DPoP proof binds
// the tokens to its key (checked per RFC 9449 §4.3 against this endpoint's URL, with server nonces
// when configured); otherwise the TLS client certificate binds them by its x5t#S256. A client
// registered with dpop_bound_access_tokens must send a proof, certificate or not (RFC 9449 §5.2).
// Neither: refused.
import {
  CryptoError,
  DpopNonceRequired,
  type JtiReplayStore,
  certificateThumbprint,
  verifyDpopProof,
} from '@grantline/crypto';
import { InvalidDpopProofError, InvalidRequestError, UseDpopNonceError } from '@grantline/oauth';
import type { TokenContext } from '../token-context';

export async function bindSender(context: TokenContext): Promise<void> {
  const { http } = context;
  if (http.dpopHeader !== undefined) {
    context.sender = { kind: 'dpop', jkt: await (context.proofCheck ?? verifyProof(context)) };
    return;
  }
  if (context.client?.metadata.dpop_bound_access_tokens) {
    throw new InvalidDpopProofError('a DPoP proof is required: this client uses DPoP-bound tokens (SC-1)');
  }
  if (http.clientCertificate !== undefined) {
    context.sender = { kind: 'mtls', x5tS256: thumbprintOf(http.clientCertificate) };
    return;
  }
  if (context.client?.metadata.tls_client_certificate_bound_access_tokens) {
    throw new InvalidRequestError(
      'a TLS client certificate is required: this client uses certificate-bound tokens',
    );
  }
  throw new InvalidRequestError('a DPoP proof or a TLS client certificate is required (SC-1)');
}

/** The proof's key thumbprint, or the OAuth error the proof deserves. */
export async function verifyProof(
  context: TokenContext,
  replay: JtiReplayStore = context.deps.replay,
): Promise<string> {
  const { settings } = context.deps;
  const nonces = settings.dpopNonces;
  try {
    const proof = await verifyDpopProof({
      headerValues: context.http.dpopHeader,
      method: 'POST',
      url: settings.tokenEndpoint,
      algorithms: settings.security.signingAlgorithms,
      clock: settings.clock,
      replay,
      ...(nonces && { nonce: { verifier: nonces.nonces, required: nonces.required } }),
    });
    return proof.jkt;
  } catch (error) {
    if (error instanceof DpopNonceRequired && nonces) {
      throw new UseDpopNonceError(nonces.nonces.issue(), error.message);
    }
    if (error instanceof CryptoError) throw new InvalidDpopProofError(error.message);
    throw error;
  }
}

/** MTLS-1 (RFC 8705 §3.1): the SHA-256 thumbprint of the DER certificate, for cnf.x5t#S256. */
function thumbprintOf(certificate: string | Uint8Array): string {
  try {
    return certificateThumbprint(certificate);
  } catch (error) {
    if (error instanceof CryptoError) throw new InvalidRequestError('the client certificate cannot be read');
    throw error;
  }
}
