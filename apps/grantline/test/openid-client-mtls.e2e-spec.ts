// Interop over mutual TLS: openid-client v6, unmodified, authenticating with its client certificate
// (TlsClientAuth: tls_client_auth, RFC 8705 §2, subject DN registered) at PAR, token, introspection
// and revocation, and receiving certificate-bound tokens (RFC 8705 §3, cnf.x5t#S256) instead of
// DPoP-bound ones, against the embedded runtime serving HTTPS at its public origin with certificates
// the test's own CA issued. The certificate goes with every request through openid-client's
// customFetch (an undici Agent).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  type TestCertificate,
  TestCertificateAuthority,
  TestTpp,
  eventually,
  launchChromium,
  tlsServiceEnvironment,
} from '@grantline/testing';
import { OpenidClientTpp } from './openid-client/openid-client-tpp';
import { psuInChromium } from './openid-client/psu-in-chromium';
import { type RuntimeProcess, startRuntimeProcess } from './openid-client/runtime-process';

const alice = { username: 'alice', password: 'alice-demo-pass' };
const SUBJECT_DN = 'CN=interop-tpp, O=Interop Fintech Ltd, C=GB';

describe('openid-client (FAPI 2.0, mTLS) against the embedded runtime over HTTPS', () => {
  const tpp = new TestTpp({
    clientName: 'Interop mTLS App',
    orgName: 'Interop Fintech Ltd',
    redirectUri: 'https://tpp.example/openid-client/mtls-cb',
    roles: ['AISP'],
  });
  const clientsDir = mkdtempSync(join(tmpdir(), 'grantline-interop-mtls-'));
  let ca: TestCertificateAuthority;
  let certificate: TestCertificate;
  let runtime: RuntimeProcess;
  let browser: Browser;
  let client: OpenidClientTpp;

  beforeAll(async () => {
    ca = await TestCertificateAuthority.create();
    certificate = await ca.clientCertificate({ subject: SUBJECT_DN });
    const clientsFile = join(clientsDir, 'clients.json');
    const registration = {
      ...tpp.registration(),
      token_endpoint_auth_method: 'tls_client_auth',
      tls_client_auth_subject_dn: SUBJECT_DN,
      // No DPoP: without a DPoP proof, tokens are bound to the certificate (RFC 8705 §3).
      dpop_bound_access_tokens: false,
    };
    writeFileSync(clientsFile, JSON.stringify({ clients: [registration] }));
    [runtime, browser] = await Promise.all([
      startRuntimeProcess({
        ...(await tlsServiceEnvironment(ca, 'GATEWAY_')),
        GRANTLINE_CLIENTS_FILE: clientsFile,
      }),
      launchChromium(),
    ]);
    client = new OpenidClientTpp();
    const server = await client.discover({
      issuer: runtime.publicUrl,
      clientId: tpp.clientId,
      tls: { cert: certificate.certificatePem, key: certificate.privateKeyPem, ca: ca.certificatePem },
      dpop: false,
    });
    expect(server).toMatchObject({ issuer: runtime.publicUrl });
    expect(runtime.publicUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    await browser?.close();
    await runtime?.stop();
    rmSync(clientsDir, { recursive: true, force: true });
  });

  it('[MTLS-1] [SC-1] [CLI-1] [TOK-5] [TOK-6] openid-client with tls_client_auth: client credentials, an OB consent, PAR, the PSU approves, certificate-bound tokens, accounts only with the same certificate, refresh, introspection, revocation', async () => {
    const accountsUrl = `${runtime.publicUrl}/open-banking/v4.0/aisp/accounts`;
    const certificateBound = {
      token_type: 'bearer', // RFC 8705 tokens are presented as Bearer over the mutual-TLS connection
      access_token_claims: expect.objectContaining({
        iss: runtime.publicUrl,
        client_id: tpp.clientId,
        cnf: { 'x5t#S256': certificate.thumbprint },
      }),
    };
    const other = await ca.clientCertificate({ subject: 'CN=someone-else, O=Other Ltd, C=GB' });
    const otherCertificate = { cert: other.certificatePem, key: other.privateKeyPem };

    const tppToken = await client.clientCredentials('tpp', 'accounts');
    expect(tppToken).toMatchObject(certificateBound);
    const created = await client.resource(
      'tpp',
      `${runtime.publicUrl}/open-banking/v4.0/aisp/account-access-consents`,
      {
        method: 'POST',
        headers: { 'x-idempotency-key': `interop-mtls-${Date.now()}` },
        body: { Data: { Permissions: ['ReadAccountsDetail', 'ReadBalances'] }, Risk: {} },
      },
    );
    expect(created.status).toBe(201);
    const consentId = String((created.body?.['Data'] as Record<string, unknown>)['ConsentId']);

    // authorize learns of the consent from its ConsentCreated event: PAR may wait for it.
    const { authorizationUrl } = await eventually(
      () =>
        client.pushAuthorizationRequest({
          redirect_uri: tpp.redirectUri,
          scope: 'openid accounts',
          authorization_details: [{ type: 'account_access', consent_id: consentId }],
        }),
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    const callback = await psuInChromium(browser, authorizationUrl, tpp.redirectUri, {
      ...alice,
      testCertificates: true,
    });
    const redeemed = await client.redeem('first', callback);
    expect(redeemed.error).toBeUndefined();
    expect(redeemed.result).toMatchObject({ ...certificateBound, has_refresh_token: true });

    await eventually(async () => {
      expect((await client.resource('first', accountsUrl)).status).toBe(200);
    });
    // MTLS-1: the same token over a connection with another certificate is refused.
    const stolen = await client.resource('first', accountsUrl, { certificate: otherCertificate });
    expect(stolen.status).toBe(401);

    const refreshed = await client.refresh('refreshed', 'first');
    expect(refreshed).toMatchObject(certificateBound);
    expect((await client.resource('refreshed', accountsUrl)).status).toBe(200);

    expect(await client.introspect('refreshed')).toMatchObject({ active: true, client_id: tpp.clientId });
    await client.revoke('first', 'refresh');
    expect(await client.introspect('refreshed')).toMatchObject({ active: false });
    await eventually(async () => {
      expect((await client.resource('refreshed', accountsUrl)).status).toBe(401);
    });
  });
});
