// A service on the platform serving HTTPS itself (TLS-1, MTLS-1), over real TLS sockets: it asks
// for a client certificate without requiring one, hands the handler what was presented and
// whether it chained to TLS_CLIENT_CA_FILE, keeps health reachable, and refuses TLS 1.1.
import { Controller, Get, Module, Req } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { connect, type TLSSocket } from 'node:tls';
import { InProcessTransport } from '@grantline/messaging';
import {
  TestCertificateAuthority,
  createTestDatabase,
  mutualTlsFetch,
  selfSignedClientCertificate,
  tlsServiceEnvironment,
  type TestDatabase,
} from '@grantline/testing';
import { ConfigError, loadConfig } from '../config/load-config';
import { ServiceConfig } from '../config/service.config';
import { oauthErrorFormat } from '../errors/error-format';
import { createMetricsRegistry } from '../metrics/metrics';
import { createServiceApp } from '../bootstrap/create-service-app';
import type { ServiceDefinition } from '../bootstrap/service-definition';

@Controller('probe')
class PeerController {
  @Get('peer')
  peer(@Req() request: FastifyRequest): unknown {
    const socket = request.raw.socket as TLSSocket;
    const certificate = socket.getPeerCertificate?.(false);
    return {
      encrypted: socket.encrypted === true,
      authorized: socket.authorized,
      subject: certificate && 'subject' in certificate ? certificate.subject?.CN : undefined,
    };
  }
}

@Module({ controllers: [PeerController] })
class PeerModule {}

const peerService: ServiceDefinition<ServiceConfig> = {
  name: 'token',
  schema: 'tls_probe',
  configClass: ServiceConfig,
  module: PeerModule,
  migrations: [],
  errorFormat: oauthErrorFormat,
};

describe('[TLS-1] a service serving HTTPS with client certificates itself', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let url: string;
  let ca: TestCertificateAuthority;

  beforeAll(async () => {
    database = await createTestDatabase('tlsprobe');
    ca = await TestCertificateAuthority.create();
    const config = loadConfig(ServiceConfig, {
      DATABASE_URL: database.url,
      MIGRATE_ON_START: 'true',
      PORT: '0',
      ...(await tlsServiceEnvironment(ca)),
    });
    app = await createServiceApp(peerService, config, {
      transport: new InProcessTransport(),
      metrics: createMetricsRegistry(),
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('serves https, and health answers a client without a certificate', async () => {
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const anonymous = mutualTlsFetch({ serverCaPem: ca.certificatePem });
    try {
      expect((await anonymous(`${url}/health/live`)).status).toBe(200);
      // OpenSSL reports "verified" when no certificate was sent: only a presented one means anything.
      const peer = (await (await anonymous(`${url}/probe/peer`)).json()) as Record<string, unknown>;
      expect(peer['encrypted']).toBe(true);
      expect(peer['subject']).toBeUndefined();
    } finally {
      await anonymous.close();
    }
  });

  it('[MTLS-1] hands the handler a certificate issued by TLS_CLIENT_CA_FILE, marked authorized', async () => {
    const tpp = await ca.clientCertificate({ subject: 'CN=tpp-1, O=Example TPP, C=GB' });
    const client = mutualTlsFetch({ serverCaPem: ca.certificatePem, clientCertificate: tpp });
    try {
      expect(await (await client(`${url}/probe/peer`)).json()).toEqual({
        encrypted: true,
        authorized: true,
        subject: 'tpp-1',
      });
    } finally {
      await client.close();
    }
  });

  it('[MTLS-1] accepts the handshake with a self-signed certificate, leaving the decision to the endpoint', async () => {
    const own = await selfSignedClientCertificate({ subject: 'CN=tpp-self' });
    const client = mutualTlsFetch({ serverCaPem: ca.certificatePem, clientCertificate: own });
    try {
      expect(await (await client(`${url}/probe/peer`)).json()).toEqual({
        encrypted: true,
        authorized: false,
        subject: 'tpp-self',
      });
    } finally {
      await client.close();
    }
  });

  it('[TLS-1] refuses TLS 1.1', async () => {
    const { port } = new URL(url);
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect({
        host: '127.0.0.1',
        port: Number(port),
        ca: ca.certificatePem,
        minVersion: 'TLSv1',
        maxVersion: 'TLSv1.1',
      });
      socket.once('secureConnect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');
  });

  it('refuses to start with a certificate but no key, naming the variable', () => {
    expect(() =>
      loadConfig(ServiceConfig, { DATABASE_URL: database.url, TLS_CERT_FILE: '/tmp/cert.pem' }),
    ).toThrow(ConfigError);
    expect(() =>
      loadConfig(ServiceConfig, { DATABASE_URL: database.url, TLS_CERT_FILE: '/tmp/cert.pem' }),
    ).toThrow(/TLS_KEY_FILE is required/);
  });

  it('[MTLS-1] refuses a certificate header without trusted proxies, and proxies without a header', () => {
    expect(() =>
      loadConfig(ServiceConfig, { DATABASE_URL: database.url, CLIENT_CERT_HEADER: 'x-ssl-client-cert' }),
    ).toThrow(/CLIENT_CERT_TRUSTED_PROXIES is required/);
    expect(() =>
      loadConfig(ServiceConfig, { DATABASE_URL: database.url, CLIENT_CERT_TRUSTED_PROXIES: '10.0.0.5' }),
    ).toThrow(/CLIENT_CERT_HEADER is required/);
  });
});
