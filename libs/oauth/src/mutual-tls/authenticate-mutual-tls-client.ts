// CLI-1, CLI-3, RFC 8705 §2: a client registered for tls_client_auth or
// self_signed_tls_client_auth proves who it is with the certificate of its TLS connection.
// PKI (§2.1): issued by a configured CA and naming exactly the registered subject.
// Self-signed (§2.2): the very certificate the client registered as `x5c` in its JWK Set.
import { certificateThumbprint, CryptoError, canonicalIp, constantTimeEqual } from '@grantline/crypto';
import { isMutualTlsMethod } from '../clients/client-auth-methods';
import type { RegisteredClient } from '../clients/client-registry';
import { InvalidClientError } from '../errors/rfc6749.errors';
import { subjectMatches } from './distinguished-name';
import type { PresentedClientCertificate } from './presented-client-certificate';

/** Verifies the certificate for the client's registered mTLS method; throws InvalidClientError. */
export async function authenticateMutualTlsClient(
  client: RegisteredClient,
  certificate: PresentedClientCertificate | undefined,
): Promise<void> {
  const method = client.metadata.token_endpoint_auth_method;
  if (!isMutualTlsMethod(method)) {
    throw new InvalidClientError(`this client authenticates with ${method}, not a TLS client certificate`);
  }
  if (!certificate) {
    throw new InvalidClientError(`${method} requires a TLS client certificate, and none was presented`);
  }
  if (method === 'tls_client_auth') return checkPkiCertificate(client, certificate);
  return checkSelfSignedCertificate(client, certificate);
}

function checkPkiCertificate(client: RegisteredClient, certificate: PresentedClientCertificate): void {
  if (!certificate.issuedByTrustedCa) {
    throw new InvalidClientError('the client certificate is not issued by a trusted CA, or is not valid now');
  }
  const { metadata } = client;
  const names = certificate.facts.subjectAlternativeNames;
  const matches =
    metadata.tls_client_auth_subject_dn !== undefined
      ? subjectMatches(metadata.tls_client_auth_subject_dn, certificate.facts.subject)
      : metadata.tls_client_auth_san_dns !== undefined
        ? names.dns.some((name) => name.toLowerCase() === metadata.tls_client_auth_san_dns?.toLowerCase())
        : metadata.tls_client_auth_san_uri !== undefined
          ? names.uri.includes(metadata.tls_client_auth_san_uri)
          : metadata.tls_client_auth_san_ip !== undefined
            ? names.ip.includes(canonicalIp(metadata.tls_client_auth_san_ip) ?? '')
            : metadata.tls_client_auth_san_email !== undefined
              ? names.email.includes(metadata.tls_client_auth_san_email)
              : false;
  if (!matches) {
    throw new InvalidClientError("the client certificate's subject does not match the client's registration");
  }
}

async function checkSelfSignedCertificate(
  client: RegisteredClient,
  certificate: PresentedClientCertificate,
): Promise<void> {
  const registered = await registeredCertificateThumbprints(client);
  if (!registered.some((thumbprint) => constantTimeEqual(thumbprint, certificate.thumbprint))) {
    throw new InvalidClientError('the client certificate is not one the client registered (x5c in its jwks)');
  }
}

const KEY_ALGORITHMS = ['PS256', 'ES256', 'EdDSA'] as const;

/** Thumbprints of the first `x5c` certificate of every registered signing key (RFC 7517 §4.7). */
async function registeredCertificateThumbprints(client: RegisteredClient): Promise<string[]> {
  let jwks: readonly Readonly<Record<string, unknown>>[];
  try {
    jwks = client.metadata.jwks
      ? client.metadata.jwks.keys
      : (await Promise.all(KEY_ALGORITHMS.map((alg) => client.keys.forHeader({ alg }))))
          .flat()
          .map((key) => key.jwk as unknown as Record<string, unknown>);
  } catch {
    // An unreachable jwks_uri is the client's problem, never a 500 (ROB-1).
    throw new InvalidClientError("the client's registered jwks_uri could not be read");
  }
  const thumbprints = new Set<string>();
  for (const jwk of jwks) {
    const x5c = (jwk as { x5c?: unknown }).x5c;
    if (!Array.isArray(x5c) || typeof x5c[0] !== 'string') continue;
    try {
      thumbprints.add(certificateThumbprint(Buffer.from(x5c[0], 'base64')));
    } catch (error) {
      if (!(error instanceof CryptoError)) throw error;
    }
  }
  return [...thumbprints];
}
