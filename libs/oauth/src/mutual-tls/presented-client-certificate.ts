// The one answer to "which client certificate came with this request, and can we trust who issued
// it?" for every endpoint (MTLS-1, RFC 8705 §2 and §3): from the TLS connection when TLS ends at
// this service, else from the configured header when the peer is a configured proxy.
import {
  CryptoError,
  isIssuedByTrustedCa,
  readCertificate,
  readCertificateBundle,
  systemClock,
  type CertificateFacts,
  type Clock,
} from '@grantline/crypto';
import {
  presentedCertificate,
  type CertificateSources,
  type ForwardedCertificateOptions,
} from '../resource-server/client-certificate';
import { formatDistinguishedName } from './distinguished-name';

export interface ClientCertificateSettings {
  /** Trusted-proxy header mode; without it a certificate header is never read. */
  readonly forwarded?: ForwardedCertificateOptions;
  /** CAs whose certificates tls_client_auth accepts. None: no certificate counts as CA-issued. */
  readonly trustedCas: readonly CertificateFacts[];
  readonly clock?: Clock;
}

export interface ClientCertificateSettingsInput {
  /** Header a TLS-terminating proxy forwards the certificate in (CLIENT_CERT_HEADER). */
  readonly header?: string;
  /** Addresses of those proxies (CLIENT_CERT_TRUSTED_PROXIES). */
  readonly trustedProxies?: readonly string[];
  /** PEM bundle of the CAs for tls_client_auth (the contents of TLS_CLIENT_CA_FILE). */
  readonly clientCaPem?: string;
  readonly clock?: Clock;
}

/** Builds the settings from configuration; throws on a CA bundle without certificates. */
export function clientCertificateSettings(input: ClientCertificateSettingsInput): ClientCertificateSettings {
  const proxies = input.trustedProxies ?? [];
  return {
    forwarded:
      input.header && proxies.length > 0 ? { header: input.header, trustedProxies: proxies } : undefined,
    trustedCas: input.clientCaPem ? readCertificateBundle(input.clientCaPem) : [],
    clock: input.clock,
  };
}

/** True when this deployment can see client certificates at all (discovery advertises mTLS then). */
export function canSeeClientCertificates(settings: ClientCertificateSettings, servesTls: boolean): boolean {
  return servesTls || settings.forwarded !== undefined;
}

export interface PresentedClientCertificate {
  readonly facts: CertificateFacts;
  /** `x5t#S256` for `cnf` (RFC 8705 §3.1). */
  readonly thumbprint: string;
  /** RFC 4514 form of the subject, for messages. */
  readonly subjectDn: string;
  /** Issued (directly or, over TLS here, through the presented chain) by a configured CA, and valid now. */
  readonly issuedByTrustedCa: boolean;
  readonly source: 'tls' | 'forwarded';
}

export interface ClientCertificateRequest extends CertificateSources {
  /** `socket.authorized` of the TLS connection: OpenSSL verified the chain against the server's `ca`. */
  readonly tlsAuthorized?: boolean;
}

/** The certificate this request was made with, or undefined when there is none we believe. */
export function presentedClientCertificate(
  request: ClientCertificateRequest,
  settings: ClientCertificateSettings,
): PresentedClientCertificate | undefined {
  const certificate = presentedCertificate(request, settings.forwarded);
  if (certificate === undefined) return undefined;
  let facts: CertificateFacts;
  try {
    facts = readCertificate(certificate);
  } catch (error) {
    if (error instanceof CryptoError) return undefined;
    throw error;
  }
  const source = certificate === request.tlsClientCertificate ? 'tls' : 'forwarded';
  const clock = settings.clock ?? systemClock;
  // The server's `ca` is the same bundle (libs/platform), but without a configured bundle Node
  // verifies against public roots, which must never make a certificate count as a TPP's.
  const issuedByTrustedCa =
    settings.trustedCas.length > 0 &&
    ((source === 'tls' && request.tlsAuthorized === true) ||
      isIssuedByTrustedCa(facts, settings.trustedCas, clock));
  return {
    facts,
    thumbprint: facts.thumbprint,
    subjectDn: formatDistinguishedName(facts.subject),
    issuedByTrustedCa,
    source,
  };
}

/** The parts of a Fastify (or Node) request this reads; structural, so no framework import. */
export interface TlsRequestLike {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly raw?: { readonly socket?: TlsPeerSocket };
  readonly socket?: TlsPeerSocket;
}

interface TlsPeerSocket {
  readonly remoteAddress?: string;
  readonly authorized?: boolean;
  getPeerCertificate?(detailed?: boolean): { raw?: Uint8Array } | null | Record<string, never>;
}

/** Reads the TLS peer certificate, its verification result and the peer address off a request. */
export function clientCertificateRequestOf(request: TlsRequestLike): ClientCertificateRequest {
  const socket = request.raw?.socket ?? request.socket;
  const peer = socket?.getPeerCertificate?.(false);
  const der = peer && 'raw' in peer ? peer.raw : undefined;
  return {
    headers: request.headers,
    peerAddress: socket?.remoteAddress,
    tlsClientCertificate: der && der.length > 0 ? der : undefined,
    tlsAuthorized: socket?.authorized === true,
  };
}
