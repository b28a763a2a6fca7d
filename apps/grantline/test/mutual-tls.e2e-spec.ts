// MTLS-1 end to end on the embedded runtime served over HTTPS: a TPP authenticates at /token with
// its TLS client certificate (tls_client_auth), gets an access token bound to that certificate
// (cnf.x5t#S256), and the consent API behind the gateway serves it only over a connection that
// presents the same certificate.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@grantline/platform';
import {
  TestCertificateAuthority,
  createTestDatabase,
  freePort,
  mutualTlsFetch,
  selfSignedClientCertificate,
  tlsServiceEnvironment,
  type TestCertificate,
  type TestDatabase,
} from '@grantline/testing';
import { startGrantline, type RunningGrantline } from '../src/embedded-runtime';
import { RuntimeConfig } from '../src/runtime.config';

const SUBJECT = 'CN=tpp-mtls, O=Example TPP, C=GB';
const FAR = new Date(Date.now() + 30 * 86_400_000).toISOString();
const consentBody = JSON.stringify({
  Data: { Permissions: ['ReadAccountsDetail', 'ReadBalances'], ExpirationDateTime: FAR },
  Risk: {},
});

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('[MTLS-1] the embedded runtime over HTTPS with certificate-bound tokens', () => {
  let ca: TestCertificateAuthority;
  let database: TestDatabase;
  let running: RunningGrantline;
  let pki: TestCertificate;
  let own: TestCertificate;
  const clients: Array<{ close(): Promise<void> }> = [];

  const over = (certificate?: TestCertificate) => {
    const client = mutualTlsFetch({ serverCaPem: ca.certificatePem, clientCertificate: certificate });
    clients.push(client);
    return client;
  };

  const clientCredentialsToken = async (clientId: string, certificate?: TestCertificate) => {
    const response = await over(certificate)(`${running.publicUrl}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, scope: 'accounts' }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const createConsent = (token: string, certificate?: TestCertificate) =>
    over(certificate)(`${running.publicUrl}/open-banking/v4.0/aisp/account-access-consents`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'x-idempotency-key': `mtls-${Math.random().toString(36).slice(2)}`,
      },
      body: consentBody,
    });

  beforeAll(async () => {
    ca = await TestCertificateAuthority.create();
    pki = await ca.clientCertificate({ subject: SUBJECT });
    own = await selfSignedClientCertificate({ subject: 'CN=tpp-self' });
    database = await createTestDatabase('mtlsruntime');
    const dataDir = mkdtempSync(join(tmpdir(), 'grantline-mtls-'));
    const clientsFile = join(dataDir, 'mtls-clients.json');
    const registration = {
      redirect_uris: ['https://tpp.example/callback'],
      grant_types: ['client_credentials'],
      roles: ['AISP'],
    };
    writeFileSync(
      clientsFile,
      JSON.stringify({
        clients: [
          {
            client_id: 'tpp-mtls',
            token_endpoint_auth_method: 'tls_client_auth',
            tls_client_auth_subject_dn: 'CN=tpp-mtls,O=Example TPP,C=GB',
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
    const env = {
      GRANTLINE_DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      GRANTLINE_PUBLIC_PORT: '0',
      GRANTLINE_AUDIT_PORT: '0',
      GRANTLINE_AUTHORIZE_PORT: String(await freePort()),
      GRANTLINE_TOKEN_PORT: '0',
      GRANTLINE_CONSENT_PORT: '0',
      GRANTLINE_GRANTS_PORT: '0',
      LOG_LEVEL: 'silent',
      GRANTLINE_CLIENTS_FILE: clientsFile,
      ...(await tlsServiceEnvironment(ca, 'GATEWAY_')),
    };
    running = await startGrantline(loadConfig(RuntimeConfig, env), env);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await running?.stop();
    await database?.drop();
  });

  it('serves its public origin, and so its issuer, over https', async () => {
    expect(running.publicUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const metadata = (await (
      await over()(`${running.publicUrl}/.well-known/oauth-authorization-server`)
    ).json()) as Record<string, unknown>;
    expect(metadata['issuer']).toBe(running.publicUrl);
    expect(metadata['tls_client_certificate_bound_access_tokens']).toBe(true);
    expect(metadata['token_endpoint_auth_methods_supported']).toEqual(
      expect.arrayContaining(['tls_client_auth', 'self_signed_tls_client_auth']),
    );
  });

  it('[MTLS-1] issues a token bound to the certificate the client authenticated with, served with it', async () => {
    const { status, body } = await clientCredentialsToken('tpp-mtls', pki);
    expect(status).toBe(200);
    const token = String(body['access_token']);
    expect(claimsOf(token)['cnf']).toEqual({ 'x5t#S256': pki.thumbprint });
    expect((await createConsent(token, pki)).status).toBe(201);
  });

  it('[MTLS-1] refuses the bound token over a connection presenting another certificate', async () => {
    const token = String((await clientCredentialsToken('tpp-mtls', pki)).body['access_token']);
    const response = await createConsent(token, own);
    expect(response.status).toBe(401);
  });

  it('[SC-1] refuses the bound token presented as a bearer token without a certificate', async () => {
    const token = String((await clientCredentialsToken('tpp-mtls', pki)).body['access_token']);
    expect((await createConsent(token)).status).toBe(401);
  });

  it('[MTLS-1] refuses a certificate a client writes into the gateway header itself', async () => {
    const token = String((await clientCredentialsToken('tpp-mtls', pki)).body['access_token']);
    const response = await over()(`${running.publicUrl}/open-banking/v4.0/aisp/account-access-consents`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'x-idempotency-key': 'mtls-forged-header',
        'x-grantline-client-cert': Buffer.from(pki.der).toString('base64'),
      },
      body: consentBody,
    });
    expect(response.status).toBe(401);
  });

  it('[CLI-1] refuses tls_client_auth at /token with a certificate from another CA', async () => {
    const otherCa = await TestCertificateAuthority.create('CN=Other CA');
    const { status, body } = await clientCredentialsToken(
      'tpp-mtls',
      await otherCa.clientCertificate({ subject: SUBJECT }),
    );
    expect([status, body['error']]).toEqual([401, 'invalid_client']);
  });

  it('[CLI-3] refuses a certificate used under another client_id at /token', async () => {
    const { status, body } = await clientCredentialsToken('tpp-mtls', own);
    expect([status, body['error']]).toEqual([401, 'invalid_client']);
  });

  it('[CLI-1] refuses an mTLS client without a certificate at /token', async () => {
    const { status, body } = await clientCredentialsToken('tpp-self');
    expect([status, body['error']]).toEqual([401, 'invalid_client']);
  });

  it('self_signed_tls_client_auth: a token bound to the registered self-signed certificate', async () => {
    const { status, body } = await clientCredentialsToken('tpp-self', own);
    expect(status).toBe(200);
    expect(claimsOf(String(body['access_token']))['cnf']).toEqual({ 'x5t#S256': own.thumbprint });
  });
});
