// What RFC 8705 needs from an X.509 client certificate: its DER and `x5t#S256` (§3.1), its subject
// name and subject alternative names (§2.1.2), its validity, and whether a trusted CA issued it
// (§2.1). Parsing is node:crypto's (OpenSSL); this file only reshapes what it reports.
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { Clock } from '../clock/clock';
import { InvalidCertificate } from '../errors/errors';
import { certificateDer, certificateThumbprint } from '../thumbprint/certificate-thumbprint';

/** One attribute of a distinguished name, e.g. `{ type: 'CN', value: 'tpp-1' }`, unescaped. */
export interface NameAttribute {
  readonly type: string;
  readonly value: string;
}

export interface CertificateSubjectAlternativeNames {
  readonly dns: readonly string[];
  readonly uri: readonly string[];
  /** In canonical form: dotted IPv4, compressed lower-case IPv6. */
  readonly ip: readonly string[];
  readonly email: readonly string[];
}

export interface CertificateFacts {
  readonly der: Buffer;
  /** base64url(SHA-256(DER)): the `x5t#S256` a bound token carries. */
  readonly thumbprint: string;
  /** RDNs most significant first (C, O, …, CN); each RDN holds one or more attributes. */
  readonly subject: readonly (readonly NameAttribute[])[];
  readonly subjectAlternativeNames: CertificateSubjectAlternativeNames;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly isCertificateAuthority: boolean;
  /** The parsed certificate, for chain checks inside this library. */
  readonly x509: X509Certificate;
}

/** Parses one certificate (PEM text or DER); throws InvalidCertificate. */
export function readCertificate(certificate: string | Uint8Array): CertificateFacts {
  const der = certificateDer(certificate);
  const x509 = new X509Certificate(der);
  return {
    der,
    thumbprint: certificateThumbprint(der),
    subject: parseOpenSslName(x509.subject),
    subjectAlternativeNames: parseSubjectAltName(x509.subjectAltName),
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
    isCertificateAuthority: x509.ca,
    x509,
  };
}

const PEM_BLOCKS = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----/g;

/** Every certificate of a PEM bundle (a CA file); throws InvalidCertificate on an empty bundle. */
export function readCertificateBundle(pem: string): CertificateFacts[] {
  const blocks = pem.match(PEM_BLOCKS) ?? [];
  if (blocks.length === 0) throw new InvalidCertificate('no PEM CERTIFICATE block in the bundle');
  return blocks.map((block) => readCertificate(block));
}

/**
 * True when one of the trust anchors (CA certificates, each trusted as given, as TLS servers treat
 * their `ca` list) signed this certificate and both are valid now. Intermediates must be in the
 * anchor list: a forwarded header carries the leaf only.
 */
export function isIssuedByTrustedCa(
  certificate: CertificateFacts,
  anchors: readonly CertificateFacts[],
  clock: Clock,
): boolean {
  const now = clock();
  const valid = (facts: CertificateFacts) =>
    facts.notBefore.getTime() <= now && now <= facts.notAfter.getTime();
  if (!valid(certificate)) return false;
  return anchors.some(
    (anchor) =>
      anchor.isCertificateAuthority &&
      valid(anchor) &&
      certificate.x509.checkIssued(anchor.x509) &&
      certificate.x509.verify(anchor.x509.publicKey),
  );
}

// OpenSSL's multi-line form as Node prints it: one RDN per line, RFC 2253 escapes in values.
function parseOpenSslName(name: string): NameAttribute[][] {
  if (name.trim() === '') return [];
  return name.split('\n').map((line) =>
    splitUnescaped(line, '+').map((part) => {
      const at = part.indexOf('=');
      if (at <= 0) throw new InvalidCertificate('unreadable subject name');
      return { type: part.slice(0, at).trim(), value: unescapeDnValue(part.slice(at + 1).trim()) };
    }),
  );
}

/** Splits at separators not preceded by a backslash escape; escapes are kept for unescapeDnValue. */
export function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '\\' && i + 1 < text.length) {
      current += char + text[i + 1];
      i += 1;
    } else if (char === separator) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

/** RFC 4514 §2.4 / RFC 2253 escapes: `\,` style and `\4C` hex pairs (UTF-8 bytes). */
export function unescapeDnValue(value: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i];
    if (char === '\\' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (char === '\\' && i + 1 < value.length) {
      bytes.push(...Buffer.from(value[i + 1], 'utf8'));
      i += 1;
    } else {
      bytes.push(...Buffer.from(char, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

// "DNS:a, URI:b, IP Address:c, email:d"; newer Node quotes values holding ", " as JSON strings.
function parseSubjectAltName(text: string | undefined): CertificateSubjectAlternativeNames {
  const names = { dns: [] as string[], uri: [] as string[], ip: [] as string[], email: [] as string[] };
  if (!text) return names;
  for (const entry of splitSanEntries(text)) {
    const at = entry.indexOf(':');
    if (at <= 0) continue;
    const kind = entry.slice(0, at);
    let value = entry.slice(at + 1);
    if (value.startsWith('"')) {
      try {
        value = JSON.parse(value) as string;
      } catch {
        continue;
      }
    }
    if (kind === 'DNS') names.dns.push(value);
    else if (kind === 'URI') names.uri.push(value);
    else if (kind === 'email') names.email.push(value);
    else if (kind === 'IP Address') {
      const ip = canonicalIp(value);
      if (ip) names.ip.push(ip);
    }
  }
  return names;
}

function splitSanEntries(text: string): string[] {
  const entries: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted && char === '\\') {
      current += char + (text[i + 1] ?? '');
      i += 1;
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (!quoted && char === ',' && text[i + 1] === ' ') {
      entries.push(current);
      current = '';
      i += 1;
      continue;
    }
    current += char;
  }
  if (current) entries.push(current);
  return entries;
}

/** Dotted IPv4 as is; IPv6 compressed and lower-case (RFC 5952), as tls_client_auth_san_ip is written. */
export function canonicalIp(address: string): string | undefined {
  const trimmed = address.trim();
  const version = isIP(trimmed);
  if (version === 4) return trimmed;
  if (version === 6) return new URL(`http://[${trimmed}]/`).hostname.slice(1, -1);
  return undefined;
}
