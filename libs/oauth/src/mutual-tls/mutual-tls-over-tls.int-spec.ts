// RFC 8705 over real TLS sockets: a Node HTTPS server that asks for client certificates without
// requiring them (as libs/platform serves), the shared mTLS client authentication, and the
// resource-server guard's certificate-bound token check (MTLS-1, SC-1, CLI-1).
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  TestCertificateAuthority,
  mutualTlsFetch,
  selfSignedClientCertificate,
  type TestCertificate,
} from '@grantline/testing';
import { InMemoryClientRegistry, registeredClient } from '../clients/client-registry';
import { validateClientMetadata } from '../clients/validate-client';
import { isOAuthError } from '../errors/oauth-error';
import { protectedResourceRequestOf } from '../resource-server/protected-resource.guard';
import { ResourceServerWorld } from '../resource-server/test/fixtures';
import { clientCertificateOf, mutualTlsAuthenticator } from './mutual-tls-authenticator';
import { clientCertificateSettings } from './presented-client-certificate';

const PKI_SUBJECT = 'CN=tpp-pki, O=Example TPP, C=GB';

describe('mutual TLS over real sockets', () => {
  let ca: TestCertificateAuthority;
  let server: Server;
  let origin: string;
  let pkiCertificate: TestCertificate;
  let selfSigned: TestCertificate;
  let world: ResourceServerWorld;
  /** A resource server behind a TLS-terminating proxy on loopback (the embedded gateway's setup). */
  let proxied: ResourceServerWorld;
  const openClients: Array<{ close(): Promise<void> }> = [];

  const clientWith = (certificate?: TestCertificate) => {
    const client = mutualTlsFetch({ serverCaPem: ca.certificatePem, clientCertificate: certificate });
    openClients.push(client);
    return client;
  };

  beforeAll(async () => {
    ca = await TestCertificateAuthority.create();
    const serverCertificate = await ca.serverCertificate();
    pkiCertificate = await ca.clientCertificate({ subject: PKI_SUBJECT });
    selfSigned = await selfSignedClientCertificate({ subject: 'CN=tpp-self' });
    const settings = clientCertificateSettings({ clientCaPem: ca.certificatePem });
    const clients = new InMemoryClientRegistry(
      [
        {
          client_id: 'tpp-pki',
          token_endpoint_auth_method: 'tls_client_auth',
          tls_client_auth_subject_dn: PKI_SUBJECT,
        },
        {
          client_id: 'tpp-self',
          token_endpoint_auth_method: 'self_signed_tls_client_auth',
          jwks: { keys: [selfSigned.publicJwk] },
        },
      ].map((metadata) =>
        registeredClient(
          validateClientMetadata({ redirect_uris: ['https://tpp.example/cb'], roles: ['AISP'], ...metadata }),
        ),
      ),
    );
    world = new ResourceServerWorld({
      forwardedCertificate: { header: 'x-ssl-client-cert', trustedProxies: ['10.0.0.5'] },
    });
    proxied = new ResourceServerWorld({
      forwardedCertificate: { header: 'x-ssl-client-cert', trustedProxies: ['127.0.0.1'] },
    });
    const authenticate = mutualTlsAuthenticator(settings);

    server = createServer(
      {
        cert: serverCertificate.certificatePem,
        key: serverCertificate.privateKeyPem,
        ca: ca.certificatePem,
        requestCert: true,
        rejectUnauthorized: false,
      },
      (request, response) => {
        const respond = (status: number, body: unknown) => {
          response.writeHead(status, { 'content-type': 'application/json' });
          response.end(JSON.stringify(body));
        };
        const fastifyLike = {
          method: request.method ?? 'GET',
          url: request.url ?? '/',
          headers: request.headers,
          raw: request,
        };
        const run = async () => {
          if (request.url?.startsWith('/authenticate/')) {
            const client = await clients.find(request.url.slice('/authenticate/'.length));
            const certificate = clientCertificateOf(fastifyLike, settings);
            if (!client || certificate === undefined) return respond(401, { error: 'invalid_client' });
            await authenticate(client, certificate);
            return respond(200, { client_id: client.clientId });
          }
          const resource = request.url?.startsWith('/proxied/') ? proxied : world;
          const principal = await resource.resource.verify(
            protectedResourceRequestOf(fastifyLike, 'https://api.bank.example'),
          );
          return respond(200, { sender: principal.sender });
        };
        run().catch((error: unknown) => {
          if (isOAuthError(error)) {
            const problem = error.toProtocolProblem();
            return respond(problem.status, problem.body);
          }
          respond(500, { error: 'server_error' });
        });
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await Promise.all(openClients.map((client) => client.close()));
    await new Promise((resolve) => server.close(resolve));
  });

  it('tls_client_auth: authenticates the client whose CA-issued certificate names its subject', async () => {
    const response = await clientWith(pkiCertificate)(`${origin}/authenticate/tpp-pki`);
    expect(response.status).toBe(200);
  });

  it('self_signed_tls_client_auth: authenticates the client that registered this certificate', async () => {
    expect((await clientWith(selfSigned)(`${origin}/authenticate/tpp-self`)).status).toBe(200);
  });

  it('[CLI-1] refuses a certificate from another CA with the registered subject', async () => {
    const otherCa = await TestCertificateAuthority.create('CN=Other CA');
    const impostor = await otherCa.clientCertificate({ subject: PKI_SUBJECT });
    const response = await clientWith(impostor)(`${origin}/authenticate/tpp-pki`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it("[CLI-3] refuses a client's certificate used under another client's client_id", async () => {
    const response = await clientWith(selfSigned)(`${origin}/authenticate/tpp-pki`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('[CLI-1] refuses an mTLS client that connects without a certificate', async () => {
    expect((await clientWith()(`${origin}/authenticate/tpp-self`)).status).toBe(401);
  });

  describe('certificate-bound access tokens at a resource server', () => {
    it('[MTLS-1] serves a token bound to the certificate of this TLS connection', async () => {
      const token = await world.accessToken({ cnf: { 'x5t#S256': selfSigned.thumbprint } });
      const response = await clientWith(selfSigned)(`${origin}/accounts`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ sender: 'mtls' });
    });

    it('[MTLS-1] refuses the token over a connection with another certificate', async () => {
      const token = await world.accessToken({ cnf: { 'x5t#S256': selfSigned.thumbprint } });
      const response = await clientWith(pkiCertificate)(`${origin}/accounts`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'invalid_token' });
    });

    it('[SC-1] refuses a bound token presented as a plain bearer token without a certificate', async () => {
      const token = await world.accessToken({ cnf: { 'x5t#S256': selfSigned.thumbprint } });
      const response = await clientWith()(`${origin}/accounts`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(401);
    });

    it('[MTLS-1] ignores a certificate header from a client that is not a configured proxy', async () => {
      const token = await world.accessToken({ cnf: { 'x5t#S256': selfSigned.thumbprint } });
      const response = await clientWith()(`${origin}/accounts`, {
        headers: {
          authorization: `Bearer ${token}`,
          'x-ssl-client-cert': encodeURIComponent(selfSigned.certificatePem),
        },
      });
      expect(response.status).toBe(401);
    });

    it('[MTLS-1] believes the header from a configured proxy', async () => {
      const token = await proxied.accessToken({ cnf: { 'x5t#S256': selfSigned.thumbprint } });
      const response = await clientWith()(`${origin}/proxied/accounts`, {
        headers: {
          authorization: `Bearer ${token}`,
          'x-ssl-client-cert': encodeURIComponent(selfSigned.certificatePem),
        },
      });
      expect(response.status).toBe(200);
    });
  });
});
