// Which client certificate a request was made with (MTLS-1). TLS may end at this service (the
// socket's peer certificate) or at a proxy that forwards the certificate in a header; the header is
// believed only when the immediate peer is one of the configured proxies, otherwise anyone could
// claim any certificate by sending the header.

export interface ForwardedCertificateOptions {
  /** The header a TLS-terminating proxy puts the client certificate in, e.g. `x-ssl-client-cert`. */
  readonly header: string;
  /** Addresses of those proxies; the header from any other peer is ignored. */
  readonly trustedProxies: readonly string[];
}

export interface CertificateSources {
  /** DER of the certificate presented on this TLS connection, when TLS ends here. */
  readonly tlsClientCertificate?: Uint8Array;
  readonly peerAddress?: string;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}

/** A certificate as PEM text or DER bytes, or undefined when the request carries none we believe. */
export function presentedCertificate(
  request: CertificateSources,
  forwarded: ForwardedCertificateOptions | undefined,
): string | Uint8Array | undefined {
  if (request.tlsClientCertificate && request.tlsClientCertificate.length > 0)
    return request.tlsClientCertificate;
  if (!forwarded || request.peerAddress === undefined) return undefined;
  if (!forwarded.trustedProxies.map(normaliseAddress).includes(normaliseAddress(request.peerAddress))) {
    return undefined;
  }
  const value = request.headers[forwarded.header.toLowerCase()];
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return decodeForwardedCertificate(value.trim());
}

/** Proxies send URL-encoded PEM (nginx, AWS ALB), PEM with spaces for newlines, or base64 DER. */
function decodeForwardedCertificate(value: string): string | Uint8Array {
  let text = value;
  if (text.includes('%')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return text;
    }
  }
  if (text.includes('-----BEGIN')) return text;
  return Buffer.from(text, 'base64');
}

/** `::ffff:10.0.0.1` is how a dual-stack socket reports the IPv4 peer 10.0.0.1. */
function normaliseAddress(address: string): string {
  const lower = address.trim().toLowerCase();
  return lower.startsWith('::ffff:') && lower.includes('.') ? lower.slice('::ffff:'.length) : lower;
}
