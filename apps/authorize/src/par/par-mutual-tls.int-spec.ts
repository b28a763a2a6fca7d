// PAR with the mTLS client authentication methods (RFC 8705 §2; CLI-1, CLI-3, PAR-2, MTLS-1) over
// real TLS sockets: the authorize service serves HTTPS itself and asks for client certificates.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  TestCertificateAuthority,
  TestTpp,
  mutualTlsFetch,
  selfSignedClientCertificate,
  tlsServiceEnvironment,
  writePemFiles,
  type TestCertificate,
} from '@grantline/testing';
import { type AuthorizeHarness, startAuthorize } from '../test/authorize-harness';

const PKI_SUBJECT = 'CN=tpp-pki, O=Example TPP, C=GB';
const MTLS_METHODS = ['tls_client_auth', 'self_signed_tls_client_auth'];

interface Pushed {
  status: number;
  body: Record<string, unknown>;
}

describe('POST /par with mutual-TLS client authentication', () => {
  let ca: TestCertificateAuthority;
  let tpp: TestTpp;
  let pki: TestCertificate;
  let own: TestCertificate;
  let clientsFile: string;
  let authorize: AuthorizeHarness;
  let origin: string;
  const clients: Array<{ close(): Promise<void> }> = [];

  /** A pushed request for `clientId`, authenticated by nothing but the TLS client certificate. */
  const push = async (
    clientId: string,
    certificate: TestCertificate | undefined,
    extra: Record<string, string> = {},
    url = `${origin}/par`,
  ): Promise<Pushed> => {
    const client = mutualTlsFetch({ serverCaPem: ca.certificatePem, clientCertificate: certificate });
    clients.push(client);
    const parameters = { ...tpp.authorizationRequest(tpp.newPkce(), { client_id: clientId }), ...extra };
    const form = new URLSearchParams(
      Object.entries(parameters).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
    const response = await client(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    ca = await TestCertificateAuthority.create();
    tpp = new TestTpp();
    pki = await ca.clientCertificate({ subject: PKI_SUBJECT });
    own = await selfSignedClientCertificate({ subject: 'CN=tpp-self' });
    const registration = { redirect_uris: [tpp.redirectUri], roles: ['AISP', 'PISP'] };
    clientsFile = join(mkdtempSync(join(tmpdir(), 'grantline-par-mtls-')), 'clients.json');
    writeFileSync(
      clientsFile,
      JSON.stringify({
        clients: [
          tpp.registration(),
          {
            client_id: 'tpp-pki',
            token_endpoint_auth_method: 'tls_client_auth',
            tls_client_auth_subject_dn: 'CN=tpp-pki,O=Example TPP,C=GB',
            ...registration,
          },
          {
            client_id: 'tpp-self',
            token_endpoint_auth_method: 'self_signed_tls_client_auth',
            jwks: { keys: [own.publicJwk] },
            ...registration,
          },
        ],
      }),
    );
    authorize = await startAuthorize({
      tpps: [tpp],
      env: { ...(await tlsServiceEnvironment(ca)), GRANTLINE_CLIENTS_FILE: clientsFile },
    });
    origin = authorize.issuer.replace(/^http:/, 'https:');
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await authorize?.close();
  });

  it('[PAR-2] accepts tls_client_auth: a CA-issued certificate naming the registered subject', async () => {
    const { status, body } = await push('tpp-pki', pki);
    expect(status).toBe(201);
    expect(body['request_uri']).toEqual(expect.stringMatching(/^urn:ietf:params:oauth:request_uri:/));
  });

  it('[PAR-2] accepts self_signed_tls_client_auth: the certificate registered as x5c', async () => {
    expect((await push('tpp-self', own)).status).toBe(201);
  });

  it('[CLI-1] rejects a certificate with the registered subject from a CA that is not configured', async () => {
    const otherCa = await TestCertificateAuthority.create('CN=Other CA');
    const { status, body } = await push('tpp-pki', await otherCa.clientCertificate({ subject: PKI_SUBJECT }));
    expect([status, body['error']]).toEqual([401, 'invalid_client']);
  });

  it('[CLI-1] rejects a certificate from the configured CA whose subject DN is not the registered one', async () => {
    const { status, body } = await push(
      'tpp-pki',
      await ca.clientCertificate({ subject: 'CN=tpp-other, O=Example TPP, C=GB' }),
    );
    expect([status, body['error']]).toEqual([401, 'invalid_client']);
  });

  it('[CLI-1] rejects a self-signed certificate the client did not register', async () => {
    const stranger = await selfSignedClientCertificate({ subject: 'CN=tpp-self' });
    const { status, body } = await push('tpp-self', stranger);
    expect([status, body['error']]).toEqual([401, 'invalid_client']);
  });

  it("[CLI-3] rejects a client_id naming another client than the certificate's", async () => {
    const asPki = await push('tpp-pki', own);
    expect([asPki.status, asPki.body['error']]).toEqual([401, 'invalid_client']);
    const asSelf = await push('tpp-self', pki);
    expect([asSelf.status, asSelf.body['error']]).toEqual([401, 'invalid_client']);
  });

  it('[CLI-1] rejects an mTLS client that presents no certificate', async () => {
    const { status, body } = await push('tpp-self', undefined);
    expect([status, body['error']]).toEqual([401, 'invalid_client']);
  });

  it('[CLI-3] rejects a private_key_jwt assertion sent with client_id of an mTLS client', async () => {
    const assertion = await tpp.clientAssertion(authorize.issuer);
    const { status, body } = await push('tpp-pki', pki, {
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    });
    expect([status, body['error']]).toEqual([401, 'invalid_client']);
  });

  it('[META-1] advertises the mTLS methods where it can see client certificates', async () => {
    const client = mutualTlsFetch({ serverCaPem: ca.certificatePem });
    clients.push(client);
    const metadata = (await (
      await client(`${origin}/.well-known/oauth-authorization-server`)
    ).json()) as Record<string, unknown>;
    expect(metadata['tls_client_certificate_bound_access_tokens']).toBe(true);
    expect(metadata['token_endpoint_auth_methods_supported']).toEqual(
      expect.arrayContaining(['private_key_jwt', ...MTLS_METHODS]),
    );
  });

  describe('behind a TLS-terminating proxy', () => {
    let proxied: AuthorizeHarness;

    beforeAll(async () => {
      proxied = await startAuthorize({
        tpps: [tpp],
        env: {
          GRANTLINE_CLIENTS_FILE: clientsFile,
          TLS_CLIENT_CA_FILE: writePemFiles({ ca: ca.certificatePem })['ca'],
          CLIENT_CERT_HEADER: 'x-ssl-client-cert',
          CLIENT_CERT_TRUSTED_PROXIES: '10.0.0.5',
        },
      });
    });

    afterAll(async () => {
      await proxied?.close();
    });

    it('[MTLS-1] ignores the certificate header from a peer that is not a configured proxy', async () => {
      const parameters = tpp.authorizationRequest(tpp.newPkce(), { client_id: 'tpp-pki' });
      const form = new URLSearchParams(
        Object.entries(parameters).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
      const response = await fetch(proxied.par, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-ssl-client-cert': encodeURIComponent(pki.certificatePem),
        },
        body: form,
      });
      expect(response.status).toBe(401);
      expect(((await response.json()) as Record<string, unknown>)['error']).toBe('invalid_client');
    });
  });
});
