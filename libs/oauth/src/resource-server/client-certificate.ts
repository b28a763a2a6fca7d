// Which client certificate a request was made with (MTLS-1). TLS may end at this service (the
// socket's peer certificate) or at a proxy that forwards the certificate in a header; the header is
// believed only when the immediate peer is one of the configured proxies, otherwise anyone could
// claim any certificate by sending the header.
import { BlockList, isIP } from 'node:net';

export interface ForwardedCertificateOptions {
  /** The header a TLS-terminating proxy puts the client certificate in, e.g. `x-ssl-client-cert`. */
  readonly header: string;
  /**
   * Addresses of those proxies, or address ranges in CIDR notation (an ingress controller's pods
   * have no fixed address); the header from any other peer is ignored.
   */
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
  if (!isTrustedProxy(request.peerAddress, forwarded.trustedProxies)) return undefined;
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

/** Whether `peer` is one of `proxies` (addresses or CIDR ranges); a malformed entry matches nothing. */
export function isTrustedProxy(peer: string, proxies: readonly string[]): boolean {
  const address = normaliseAddress(peer);
  const family = isIP(address);
  if (family === 0) return false;
  const trusted = new BlockList();
  for (const entry of proxies) {
    const [base = '', bits, ...rest] = normaliseAddress(entry).split('/');
    const entryFamily = isIP(base);
    if (entryFamily === 0 || rest.length > 0) continue;
    const type = entryFamily === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) trusted.addAddress(base, type);
    else if (/^\d{1,3}$/.test(bits) && Number(bits) <= (entryFamily === 4 ? 32 : 128))
      trusted.addSubnet(base, Number(bits), type);
  }
  return trusted.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
