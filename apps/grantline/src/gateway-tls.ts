// The embedded runtime over HTTPS (MTLS-1, TLS-1): the gateway terminates TLS and asks for client
// certificates; the services behind it read the certificate from the gateway's header, believed
// from loopback only, and check tls_client_auth chains against the same CA bundle.
import type { ServerOptions as HttpsServerOptions } from 'node:https';
import { tlsServerOptions, type Environment } from '@grantline/platform';
import { GATEWAY_CLIENT_CERT_HEADER } from './gateway';
import type { RuntimeConfig } from './runtime.config';

/** The gateway's TLS server options, or undefined for plain HTTP (the default). */
export function gatewayTlsOptions(config: RuntimeConfig): HttpsServerOptions | undefined {
  return tlsServerOptions({
    TLS_CERT_FILE: config.GATEWAY_TLS_CERT_FILE,
    TLS_KEY_FILE: config.GATEWAY_TLS_KEY_FILE,
    TLS_CLIENT_CA_FILE: config.GATEWAY_TLS_CLIENT_CA_FILE,
  });
}

/** What every service reads when the gateway serves TLS; the operator's own values win. */
export function servicesBehindTlsGateway(config: RuntimeConfig, env: Environment): Environment {
  if (config.GRANTLINE_AUTHORIZE_PORT === 0 && !env['ISSUER_JWKS_URI']) {
    // Resource servers fetch the issuer's keys; through the https origin they would need to trust
    // its (often private) CA, so they ask authorize directly, which needs a port known in advance.
    throw new Error('GATEWAY_TLS_CERT_FILE needs a fixed GRANTLINE_AUTHORIZE_PORT (or ISSUER_JWKS_URI)');
  }
  const host =
    config.GRANTLINE_HOST === '0.0.0.0' || config.GRANTLINE_HOST === '::'
      ? '127.0.0.1'
      : config.GRANTLINE_HOST;
  const authority = host.includes(':') ? `[${host}]` : host;
  return {
    CLIENT_CERT_HEADER: GATEWAY_CLIENT_CERT_HEADER,
    CLIENT_CERT_TRUSTED_PROXIES: '127.0.0.1,::1',
    TLS_CLIENT_CA_FILE: env['TLS_CLIENT_CA_FILE'] ?? config.GATEWAY_TLS_CLIENT_CA_FILE,
    ISSUER_JWKS_URI: env['ISSUER_JWKS_URI'] ?? `http://${authority}:${config.GRANTLINE_AUTHORIZE_PORT}/jwks`,
  };
}
