// The public origin over HTTPS (MTLS-1): the gateway asks for client certificates, forwards the one
// presented on the connection to the services in its own header, and never passes on a header of
// that name that a client made up.
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createMetricsRegistry, tlsServerOptions } from '@grantline/platform';
import {
  TestCertificateAuthority,
  mutualTlsFetch,
  selfSignedClientCertificate,
  tlsServiceEnvironment,
} from '@grantline/testing';
import { GATEWAY_CLIENT_CERT_HEADER, buildGateway } from './gateway';

/** A stand-in token service that answers with the headers it received. */
async function echoUpstream(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(request.headers));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('[MTLS-1] the gateway serving HTTPS with client certificates', () => {
  let ca: TestCertificateAuthority;
  let upstream: Awaited<ReturnType<typeof echoUpstream>>;
  let gateway: FastifyInstance;
  let plainGateway: FastifyInstance;
  let origin: string;
  let plainOrigin: string;

  const build = async (tls: ReturnType<typeof tlsServerOptions>) => {
    const instance = await buildGateway({
      tls,
      upstreams: {
        authorize: upstream.url,
        token: upstream.url,
        consent: upstream.url,
        grants: upstream.url,
      },
      readinessOf: { token: upstream.url },
      auditUrl: () => 'http://127.0.0.1:1',
      metrics: createMetricsRegistry(),
    });
    return { instance, url: await instance.listen({ host: '127.0.0.1', port: 0 }) };
  };

  beforeAll(async () => {
    ca = await TestCertificateAuthority.create();
    upstream = await echoUpstream();
    ({ instance: gateway, url: origin } = await build(tlsServerOptions(await tlsServiceEnvironment(ca))));
    ({ instance: plainGateway, url: plainOrigin } = await build(undefined));
  });

  afterAll(async () => {
    await gateway?.close();
    await plainGateway?.close();
    await upstream?.close();
  });

  const headersSeenUpstream = async (
    certificate: Parameters<typeof mutualTlsFetch>[0]['clientCertificate'],
    extra: Record<string, string> = {},
  ): Promise<IncomingHttpHeaders> => {
    const client = mutualTlsFetch({ serverCaPem: ca.certificatePem, clientCertificate: certificate });
    try {
      const response = await client(`${origin}/token`, { method: 'POST', headers: extra, body: 'x=1' });
      expect(response.status).toBe(200);
      return (await response.json()) as IncomingHttpHeaders;
    } finally {
      await client.close();
    }
  };

  it('listens on an https origin (the ISSUER of the embedded runtime)', () => {
    expect(origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('forwards the certificate of the connection as base64 DER, with x-forwarded-proto https', async () => {
    const tpp = await ca.clientCertificate({ subject: 'CN=tpp-1, O=Example TPP, C=GB' });
    const seen = await headersSeenUpstream(tpp);
    expect(seen[GATEWAY_CLIENT_CERT_HEADER]).toBe(Buffer.from(tpp.der).toString('base64'));
    expect(seen['x-forwarded-proto']).toBe('https');
  });

  it('forwards a self-signed certificate too (self_signed_tls_client_auth is decided upstream)', async () => {
    const own = await selfSignedClientCertificate({ subject: 'CN=tpp-self' });
    expect((await headersSeenUpstream(own))[GATEWAY_CLIENT_CERT_HEADER]).toBe(
      Buffer.from(own.der).toString('base64'),
    );
  });

  it('[MTLS-1] replaces a certificate header the client sent with the certificate it presented', async () => {
    const tpp = await ca.clientCertificate({ subject: 'CN=tpp-1' });
    const victim = await ca.clientCertificate({ subject: 'CN=victim' });
    const seen = await headersSeenUpstream(tpp, {
      [GATEWAY_CLIENT_CERT_HEADER]: Buffer.from(victim.der).toString('base64'),
    });
    expect(seen[GATEWAY_CLIENT_CERT_HEADER]).toBe(Buffer.from(tpp.der).toString('base64'));
  });

  it('[MTLS-1] drops a certificate header from a client that presented no certificate', async () => {
    const victim = await ca.clientCertificate({ subject: 'CN=victim' });
    const seen = await headersSeenUpstream(undefined, {
      [GATEWAY_CLIENT_CERT_HEADER]: Buffer.from(victim.der).toString('base64'),
    });
    expect(seen[GATEWAY_CLIENT_CERT_HEADER]).toBeUndefined();
  });

  it('[MTLS-1] drops a certificate header sent to the plain-HTTP gateway', async () => {
    const victim = await ca.clientCertificate({ subject: 'CN=victim' });
    const response = await fetch(`${plainOrigin}/token`, {
      method: 'POST',
      headers: { [GATEWAY_CLIENT_CERT_HEADER]: Buffer.from(victim.der).toString('base64') },
      body: 'x=1',
    });
    const seen = (await response.json()) as IncomingHttpHeaders;
    expect(seen[GATEWAY_CLIENT_CERT_HEADER]).toBeUndefined();
    expect(seen['x-forwarded-proto']).toBe('http');
  });

  it('keeps health reachable for a client without a certificate', async () => {
    const client = mutualTlsFetch({ serverCaPem: ca.certificatePem });
    try {
      expect((await client(`${origin}/health/live`)).status).toBe(200);
    } finally {
      await client.close();
    }
  });
});
