// The bridge between an endpoint and the shared client authentication (libs/oauth
// authenticateClient): which certificate the endpoint passes in, and the MutualTlsAuthenticator
// that checks it for tls_client_auth / self_signed_tls_client_auth (RFC 8705 §2, CLI-1).
import { CryptoError, isIssuedByTrustedCa, readCertificate, systemClock } from '@grantline/crypto';
import type { RegisteredClient } from '../clients/client-registry';
import { InvalidClientError } from '../errors/rfc6749.errors';
import { presentedCertificate } from '../resource-server/client-certificate';
import { authenticateMutualTlsClient } from './authenticate-mutual-tls-client';
import { formatDistinguishedName } from './distinguished-name';
import {
  clientCertificateRequestOf,
  type ClientCertificateSettings,
  type TlsRequestLike,
} from './presented-client-certificate';

/**
 * The certificate to hand authenticateClient as `clientCertificate`: the TLS peer's when TLS ends
 * here, else the configured header's when the peer is a configured proxy, else undefined.
 */
export function clientCertificateOf(
  request: TlsRequestLike,
  settings: ClientCertificateSettings,
): string | Uint8Array | undefined {
  return presentedCertificate(clientCertificateRequestOf(request), settings.forwarded);
}

/**
 * Checks a presented certificate against the client's registration. "Issued by a trusted CA" means
 * signed by a certificate in TLS_CLIENT_CA_FILE (put intermediates there too): the same rule for
 * TLS here and for a proxy's header, which carries the leaf only.
 */
export function mutualTlsAuthenticator(settings: ClientCertificateSettings) {
  return async (client: RegisteredClient, certificate: string | Uint8Array): Promise<void> => {
    let facts;
    try {
      facts = readCertificate(certificate);
    } catch (error) {
      if (error instanceof CryptoError) throw new InvalidClientError('the client certificate cannot be read');
      throw error;
    }
    const clock = settings.clock ?? systemClock;
    await authenticateMutualTlsClient(client, {
      facts,
      thumbprint: facts.thumbprint,
      subjectDn: formatDistinguishedName(facts.subject),
      issuedByTrustedCa:
        settings.trustedCas.length > 0 && isIssuedByTrustedCa(facts, settings.trustedCas, clock),
      source: 'tls',
    });
  };
}
