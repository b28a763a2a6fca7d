// Proof that the caller holds what the token is bound to (SC-1): the DPoP key in `cnf.jkt`
// (DPOP-1, DPOP-2) and/or the client certificate in `cnf.x5t#S256` (MTLS-1). Every binding the
// token carries is checked; a token with none is refused, never treated as a bearer token.
import {
  CryptoError,
  certificateThumbprint,
  constantTimeEqual,
  verifyDpopProof,
  type Clock,
  type DpopNonceVerifier,
  type JtiReplayStore,
} from '@grantline/crypto';
import { InvalidDpopProofError, UseDpopNonceError } from '../errors/dpop.errors';
import { InvalidTokenError } from '../errors/resource-server.errors';
import type { DpopChallenge } from '../errors/www-authenticate';
import type { UnconfirmedToken, VerifiedPrincipal } from './access-token';
import {
  presentedCertificate,
  type CertificateSources,
  type ForwardedCertificateOptions,
} from './client-certificate';

/** Issues and verifies stateless DPoP nonces; libs/crypto's DpopNonces fits. */
export interface DpopNonceSource extends DpopNonceVerifier {
  issue(): string;
}

export interface SenderConstraintOptions {
  readonly algorithms: readonly string[];
  readonly clock: Clock;
  readonly dpopReplay: JtiReplayStore;
  readonly dpopIatWindowSeconds?: number;
  readonly dpopNonces?: { readonly source: DpopNonceSource; readonly required: boolean };
  readonly forwardedCertificate?: ForwardedCertificateOptions;
}

export interface PresentedRequest extends CertificateSources {
  readonly method: string;
  readonly url: string;
}

const DPOP_FAILURES: Readonly<Record<string, string>> = {
  missing: 'A DPoP proof is required with a DPoP-bound access token',
  header_count: 'Exactly one DPoP proof is allowed',
  ath: 'The DPoP proof is not bound to this access token',
  replay: 'The DPoP proof has already been used',
  htm: 'The DPoP proof was made for another request',
  htu: 'The DPoP proof was made for another request',
  iat: 'The DPoP proof is not fresh',
  alg: 'The DPoP proof is signed with an algorithm that is not allowed',
};

export async function confirmSender(
  scheme: 'dpop' | 'bearer',
  accessToken: string,
  token: UnconfirmedToken,
  request: PresentedRequest,
  options: SenderConstraintOptions,
  challenge: DpopChallenge,
): Promise<VerifiedPrincipal['sender']> {
  const { jkt, 'x5t#S256': x5t } = token.cnf;
  if (jkt === undefined && x5t === undefined) {
    throw new InvalidTokenError('The access token is not sender-constrained', { challenge });
  }
  if (scheme === 'dpop' && jkt === undefined) {
    throw new InvalidTokenError('The access token is not DPoP-bound', { challenge });
  }
  if (scheme === 'bearer' && jkt !== undefined) {
    // RFC 9449 §7.2: a DPoP-bound token presented as a bearer token is refused outright.
    throw new InvalidTokenError('A DPoP-bound access token must be sent with the DPoP scheme', { challenge });
  }
  if (x5t !== undefined) confirmCertificate(x5t, request, options.forwardedCertificate, challenge);
  if (jkt !== undefined) {
    await confirmDpopKey(jkt, accessToken, request, options, challenge);
    return 'dpop';
  }
  return 'mtls';
}

async function confirmDpopKey(
  jkt: string,
  accessToken: string,
  request: PresentedRequest,
  options: SenderConstraintOptions,
  challenge: DpopChallenge,
): Promise<void> {
  const nonces = options.dpopNonces;
  let proofJkt: string;
  try {
    ({ jkt: proofJkt } = await verifyDpopProof({
      headerValues: request.headers['dpop'],
      method: request.method,
      url: request.url,
      accessToken,
      algorithms: options.algorithms,
      clock: options.clock,
      replay: options.dpopReplay,
      iatWindowSeconds: options.dpopIatWindowSeconds,
      nonce: nonces && { verifier: nonces.source, required: nonces.required },
    }));
  } catch (error) {
    if (!(error instanceof CryptoError)) throw error;
    if (error.code === 'use_dpop_nonce' && nonces) {
      throw new UseDpopNonceError(nonces.source.issue(), undefined, { challenge, cause: error });
    }
    const reason = (error as { reason?: unknown }).reason;
    const description = (typeof reason === 'string' && DPOP_FAILURES[reason]) || 'The DPoP proof is invalid';
    throw new InvalidDpopProofError(description, { challenge, cause: error });
  }
  if (!constantTimeEqual(proofJkt, jkt)) {
    throw new InvalidTokenError('Invalid DPoP key binding', { challenge });
  }
}

function confirmCertificate(
  x5t: string,
  request: CertificateSources,
  forwarded: ForwardedCertificateOptions | undefined,
  challenge: DpopChallenge,
): void {
  const certificate = presentedCertificate(request, forwarded);
  let thumbprint: string | undefined;
  try {
    thumbprint = certificate === undefined ? undefined : certificateThumbprint(certificate);
  } catch (error) {
    if (!(error instanceof CryptoError)) throw error;
  }
  if (thumbprint === undefined) {
    throw new InvalidTokenError('The access token is bound to a client certificate that was not presented', {
      challenge,
    });
  }
  if (!constantTimeEqual(thumbprint, x5t)) {
    throw new InvalidTokenError('The client certificate does not match the access token', { challenge });
  }
}
