// RFC 8705 §3.1 `x5t#S256`: base64url(SHA-256(DER certificate)), for certificate-bound tokens (MTLS-1).
import { X509Certificate, createHash } from 'node:crypto';
import { InvalidCertificate } from '../errors/errors';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/;

/**
 * Thumbprint of one X.509 certificate given as PEM text (the first CERTIFICATE block; proxies that
 * URL-encode the PEM into a header should decode it first) or as DER bytes.
 */
export function certificateThumbprint(certificate: string | Uint8Array): string {
  return createHash('sha256').update(certificateDer(certificate)).digest('base64url');
}

/** DER bytes of a certificate, parsed once to prove it is a certificate and not arbitrary bytes. */
export function certificateDer(certificate: string | Uint8Array): Buffer {
  let der: Buffer;
  if (typeof certificate === 'string') {
    const match = PEM_BLOCK.exec(certificate);
    if (!match) throw new InvalidCertificate('no PEM CERTIFICATE block');
    der = Buffer.from(match[1].replace(/\s+/g, ''), 'base64');
  } else {
    der = Buffer.from(certificate);
  }
  try {
    return Buffer.from(new X509Certificate(der).raw);
  } catch (cause) {
    throw new InvalidCertificate('not an X.509 certificate', { cause });
  }
}
