// A service that terminates TLS itself (TLS-1, MTLS-1): TLS 1.2+ with RFC 9325's recommended
// suites, and a client-certificate request that never refuses the handshake, so endpoints (and
// health probes) decide for themselves what a missing or unknown certificate means.
import { readFileSync } from 'node:fs';
import type { ServerOptions as HttpsServerOptions } from 'node:https';
import type { ServiceConfig } from '../config/service.config';

/** RFC 9325 §4.2: ECDHE with AEAD only (TLS 1.3's suites are all AEAD and stay Node's defaults). */
export const TLS12_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');

export type TlsFileSettings = Pick<ServiceConfig, 'TLS_CERT_FILE' | 'TLS_KEY_FILE' | 'TLS_CLIENT_CA_FILE'>;

/** A PEM file named by a setting; a clear error naming the setting when it cannot be read. */
export function readPem(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(
      `${variable} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}: ${path})`,
    );
  }
}

/** Options for Node's TLS server, or undefined when the service serves plain HTTP. */
export function tlsServerOptions(config: TlsFileSettings): HttpsServerOptions | undefined {
  if (!config.TLS_CERT_FILE || !config.TLS_KEY_FILE) return undefined;
  const ca = config.TLS_CLIENT_CA_FILE ? readPem('TLS_CLIENT_CA_FILE', config.TLS_CLIENT_CA_FILE) : undefined;
  return {
    cert: readPem('TLS_CERT_FILE', config.TLS_CERT_FILE),
    key: readPem('TLS_KEY_FILE', config.TLS_KEY_FILE),
    ...(ca ? { ca } : {}),
    minVersion: 'TLSv1.2',
    ciphers: TLS12_CIPHERS,
    honorCipherOrder: true,
    requestCert: true,
    // The application checks the certificate (tls_client_auth needs the CA, the self-signed method
    // and bound tokens do not); a refused handshake would hide health and discovery too.
    rejectUnauthorized: false,
  };
}

/** What libs/oauth's clientCertificateSettings takes: the same variables for every service. */
export interface ClientCertificateConfig {
  readonly header?: string;
  readonly trustedProxies: readonly string[];
  readonly clientCaPem?: string;
}

export function clientCertificateConfigOf(
  config: Pick<ServiceConfig, 'CLIENT_CERT_HEADER' | 'CLIENT_CERT_TRUSTED_PROXIES' | 'TLS_CLIENT_CA_FILE'>,
): ClientCertificateConfig {
  return {
    header: config.CLIENT_CERT_HEADER,
    trustedProxies: config.CLIENT_CERT_TRUSTED_PROXIES,
    clientCaPem: config.TLS_CLIENT_CA_FILE
      ? readPem('TLS_CLIENT_CA_FILE', config.TLS_CLIENT_CA_FILE)
      : undefined,
  };
}

/** True when this service terminates TLS itself. */
export function servesTls(config: TlsFileSettings): boolean {
  return Boolean(config.TLS_CERT_FILE && config.TLS_KEY_FILE);
}
