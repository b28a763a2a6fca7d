// Throwaway X.509 material for mutual-TLS tests (MTLS-1, RFC 8705): a test CA, a server certificate
// for 127.0.0.1/localhost, CA-issued client certificates with a chosen subject and SANs, and
// self-signed client certificates with the JWK (carrying x5c) a TPP would register. Keys are
// ECDSA P-256, generated per call with WebCrypto; nothing is written to disk unless asked.
import 'reflect-metadata';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { certificateThumbprint } from '@grantline/crypto';

const subtle = globalThis.crypto.subtle;
const KEY_ALGORITHM: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGNING_ALGORITHM: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };
const DAY_MS = 24 * 60 * 60 * 1000;

x509.cryptoProvider.set(globalThis.crypto);

/** Subject alternative names of a client certificate (RFC 8705 §2.1.2's tls_client_auth_san_*). */
export interface SubjectAlternativeNames {
  readonly dns?: readonly string[];
  readonly uri?: readonly string[];
  readonly ip?: readonly string[];
  readonly email?: readonly string[];
}

export interface TestCertificate {
  /** The certificate as PEM text. */
  readonly certificatePem: string;
  /** Its PKCS#8 private key as PEM text: give both to https/undici as `cert` and `key`. */
  readonly privateKeyPem: string;
  /** DER bytes of the certificate. */
  readonly der: Uint8Array;
  /** RFC 8705 §3.1 `x5t#S256` of the certificate. */
  readonly thumbprint: string;
  /** The public key as a JWK with `x5c` = [this certificate], for a client's registered jwks. */
  readonly publicJwk: Record<string, unknown>;
}

export interface CertificateOptions {
  /** RFC 4514 order as written by people, e.g. `CN=tpp-1, O=Example TPP, C=GB`. */
  readonly subject: string;
  readonly san?: SubjectAlternativeNames;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

async function testCertificateOf(
  certificate: x509.X509Certificate,
  keys: CryptoKeyPair,
  kid: string,
): Promise<TestCertificate> {
  const der = new Uint8Array(certificate.rawData);
  const pkcs8 = await subtle.exportKey('pkcs8', keys.privateKey);
  const { kty, crv, x, y } = await subtle.exportKey('jwk', keys.publicKey);
  return {
    certificatePem: certificate.toString('pem'),
    privateKeyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'),
    der,
    thumbprint: certificateThumbprint(der),
    publicJwk: { kty, crv, x, y, kid, alg: 'ES256', use: 'sig', x5c: [Buffer.from(der).toString('base64')] },
  };
}

function generalNames(san: SubjectAlternativeNames | undefined): x509.JsonGeneralNames {
  return [
    ...(san?.dns ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(san?.uri ?? []).map((value) => ({ type: 'url' as const, value })),
    ...(san?.ip ?? []).map((value) => ({ type: 'ip' as const, value })),
    ...(san?.email ?? []).map((value) => ({ type: 'email' as const, value })),
  ];
}

function validity(options: { notBefore?: Date; notAfter?: Date }): { notBefore: Date; notAfter: Date } {
  const now = Date.now();
  return {
    notBefore: options.notBefore ?? new Date(now - DAY_MS),
    notAfter: options.notAfter ?? new Date(now + 30 * DAY_MS),
  };
}

/**
 * @peculiar/x509 encodes a name string's RDNs in the order written; RFC 4514 writes the most
 * specific first (CN=…, C=GB), so the order is flipped to encode C first as CAs do.
 */
function encodedName(rfc4514: string): string {
  const rdns = rfc4514.split(/(?<!\\),/).map((rdn) => rdn.trim());
  return rdns.reverse().join(', ');
}

let serials = 0;
function serialNumber(): string {
  serials += 1;
  return `${Date.now().toString(16)}${serials.toString(16).padStart(4, '0')}`;
}

const generateKeys = () =>
  subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;

/** A certificate authority that exists for one test run. */
export class TestCertificateAuthority {
  private constructor(
    private readonly certificate: x509.X509Certificate,
    private readonly keys: CryptoKeyPair,
    /** The CA's own certificate and key (for a server's `ca` option or TLS_CLIENT_CA_FILE). */
    readonly own: TestCertificate,
  ) {}

  static async create(
    subject = 'CN=Grantline Test CA, O=Grantline Tests',
  ): Promise<TestCertificateAuthority> {
    const keys = await generateKeys();
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: serialNumber(),
      name: encodedName(subject),
      keys,
      signingAlgorithm: SIGNING_ALGORITHM,
      ...validity({}),
      extensions: [
        new x509.BasicConstraintsExtension(true, 1, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    return new TestCertificateAuthority(
      certificate,
      keys,
      await testCertificateOf(certificate, keys, 'test-ca'),
    );
  }

  get certificatePem(): string {
    return this.own.certificatePem;
  }

  /** A TLS server certificate for 127.0.0.1, ::1 and localhost (or the hosts given). */
  serverCertificate(hosts: readonly string[] = ['127.0.0.1', '::1', 'localhost']): Promise<TestCertificate> {
    const ip = hosts.filter((host) => /^[\d.]+$|:/.test(host));
    const dns = hosts.filter((host) => !ip.includes(host));
    return this.issue({ subject: `CN=${hosts[0] ?? 'localhost'}`, san: { ip, dns } }, 'serverAuth');
  }

  /** A client certificate issued by this CA (for tls_client_auth). */
  clientCertificate(options: CertificateOptions): Promise<TestCertificate> {
    return this.issue(options, 'clientAuth');
  }

  private async issue(
    options: CertificateOptions,
    usage: 'serverAuth' | 'clientAuth',
  ): Promise<TestCertificate> {
    const keys = await generateKeys();
    const names = generalNames(options.san);
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: serialNumber(),
      subject: encodedName(options.subject),
      issuer: this.certificate.subject,
      publicKey: keys.publicKey,
      signingKey: this.keys.privateKey,
      signingAlgorithm: SIGNING_ALGORITHM,
      ...validity(options),
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage[usage]]),
        ...(names.length > 0 ? [new x509.SubjectAlternativeNameExtension(names)] : []),
        await x509.AuthorityKeyIdentifierExtension.create(this.keys.publicKey),
      ],
    });
    return testCertificateOf(certificate, keys, `${usage}-${certificate.serialNumber}`);
  }
}

/** A self-signed client certificate (for self_signed_tls_client_auth); register its `publicJwk`. */
export async function selfSignedClientCertificate(options: CertificateOptions): Promise<TestCertificate> {
  const keys = await generateKeys();
  const names = generalNames(options.san);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: encodedName(options.subject),
    keys,
    signingAlgorithm: SIGNING_ALGORITHM,
    ...validity(options),
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
      ...(names.length > 0 ? [new x509.SubjectAlternativeNameExtension(names)] : []),
    ],
  });
  return testCertificateOf(certificate, keys, `self-signed-${certificate.serialNumber}`);
}

/** Writes PEM files into a fresh temporary directory, for services that read TLS_*_FILE settings. */
export function writePemFiles(files: Record<string, string>): Record<string, string> {
  const directory = mkdtempSync(join(tmpdir(), 'grantline-tls-'));
  return Object.fromEntries(
    Object.entries(files).map(([name, pem]) => {
      const path = join(directory, `${name}.pem`);
      writeFileSync(path, pem, { mode: 0o600 });
      return [name, path];
    }),
  );
}

/**
 * Settings for a service (or the gateway, with a GATEWAY_ prefix) that serves HTTPS with a server
 * certificate from `ca` and accepts client certificates `ca` issues: TLS_CERT_FILE, TLS_KEY_FILE,
 * TLS_CLIENT_CA_FILE.
 */
export async function tlsServiceEnvironment(
  ca: TestCertificateAuthority,
  prefix = '',
): Promise<Record<string, string>> {
  const server = await ca.serverCertificate();
  const files = writePemFiles({
    cert: server.certificatePem,
    key: server.privateKeyPem,
    ca: ca.certificatePem,
  });
  return {
    [`${prefix}TLS_CERT_FILE`]: files['cert'],
    [`${prefix}TLS_KEY_FILE`]: files['key'],
    [`${prefix}TLS_CLIENT_CA_FILE`]: files['ca'],
  };
}
