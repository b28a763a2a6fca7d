// Clients that speak HTTPS with a client certificate, for tests of services serving TLS
// themselves or behind the gateway: a fetch (undici) for code that takes one (openid-client's
// customFetch), bound to one certificate and one trusted CA.
import { Agent, fetch as undiciFetch } from 'undici';
import type { TestCertificate } from './test-certificates';

export interface MutualTlsClientOptions {
  /** The CA that issued the server's certificate (TestCertificateAuthority.certificatePem). */
  readonly serverCaPem: string;
  /** The client certificate to present; none for a client without one. */
  readonly clientCertificate?: Pick<TestCertificate, 'certificatePem' | 'privateKeyPem'>;
}

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** A fetch that presents the client certificate on every connection; close() its agent after use. */
export function mutualTlsFetch(options: MutualTlsClientOptions): FetchLike & { close(): Promise<void> } {
  const agent = new Agent({
    connect: {
      ca: options.serverCaPem,
      cert: options.clientCertificate?.certificatePem,
      key: options.clientCertificate?.privateKeyPem,
    },
  });
  const bound = ((input: string | URL, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher: agent } as Parameters<
      typeof undiciFetch
    >[1]) as unknown as Promise<Response>) as FetchLike & {
    close(): Promise<void>;
  };
  bound.close = () => agent.close();
  return bound;
}
