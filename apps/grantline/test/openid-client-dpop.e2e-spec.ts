// Interop with a certified FAPI 2.0 relying party: openid-client v6, unmodified (discovery, PAR,
// private_key_jwt with the client's ES256 key, DPoP, PKCE S256, state, nonce, RFC 9207 `iss`),
// against the embedded runtime as `npm start` runs it, with headless Chromium as the PSU.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { eventually, launchChromium, TestTpp, writeClientsFile } from '@grantline/testing';
import { OpenidClientTpp } from './openid-client/openid-client-tpp';
import { psuInChromium } from './openid-client/psu-in-chromium';
import { type RuntimeProcess, startRuntimeProcess } from './openid-client/runtime-process';

const alice = { username: 'alice', password: 'alice-demo-pass' };

describe('openid-client (FAPI 2.0, DPoP) against the embedded runtime', () => {
  const tpp = new TestTpp({
    clientName: 'Interop Budgeting App',
    orgName: 'Interop Fintech Ltd',
    redirectUri: 'https://tpp.example/openid-client/cb',
    roles: ['AISP'],
  });
  const clientsDir = mkdtempSync(join(tmpdir(), 'grantline-interop-clients-'));
  let runtime: RuntimeProcess;
  let browser: Browser;
  let client: OpenidClientTpp;

  beforeAll(async () => {
    const clientsFile = join(clientsDir, 'clients.json');
    writeClientsFile(clientsFile, [tpp]);
    [runtime, browser] = await Promise.all([
      startRuntimeProcess({ GRANTLINE_CLIENTS_FILE: clientsFile }),
      launchChromium(),
    ]);
  }, 120_000);

  beforeEach(async () => {
    client = new OpenidClientTpp();
    const server = await client.discover({
      issuer: runtime.publicUrl,
      clientId: tpp.clientId,
      privateJwk: tpp.privateJwk,
    });
    expect(server).toMatchObject({
      issuer: runtime.publicUrl,
      pushed_authorization_request_endpoint: `${runtime.publicUrl}/par`,
      authorization_response_iss_parameter_supported: true,
    });
  });

  afterEach(async () => {
    await client?.close();
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
    rmSync(clientsDir, { recursive: true, force: true });
  });

  /** PAR by openid-client, then the PSU approves in Chromium; resolves with the callback URL. */
  async function authorizeInBrowser(authorizationDetails: Array<Record<string, unknown>>): Promise<URL> {
    // authorize learns of a new consent from its ConsentCreated event, so a PAR naming it right
    // after its creation may be refused (CON-6: unknown consent) until the event has arrived.
    const { authorizationUrl } = await eventually(
      () =>
        client.pushAuthorizationRequest({
          redirect_uri: tpp.redirectUri,
          scope: 'openid accounts',
          authorization_details: authorizationDetails,
        }),
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    return new URL(await psuInChromium(browser, authorizationUrl, tpp.redirectUri, alice));
  }

  it('[RESP-1] [PAR-1] openid-client pushes the request, the PSU approves, and the callback carries code, state and iss; a forged iss is refused by openid-client', async () => {
    const callback = await authorizeInBrowser([
      { type: 'account_access', permissions: ['ReadAccountsDetail', 'ReadBalances'] },
    ]);
    expect(callback.searchParams.get('iss')).toBe(runtime.publicUrl);
    expect(callback.searchParams.get('state')).toEqual(expect.any(String));
    expect(callback.searchParams.get('code')).toEqual(expect.any(String));

    // RFC 9207: the server advertises the iss parameter, so openid-client compares it before it
    // ever goes to the token endpoint; a response claiming another issuer is a mix-up attack.
    const forged = new URL(callback);
    forged.searchParams.set('iss', 'https://attacker.example');
    const refused = await client.redeem('forged', forged.href);
    expect(refused.error).toMatchObject({ code: 'OAUTH_INVALID_RESPONSE' });
    expect(refused.error?.cause?.message).toBe('unexpected "iss" (issuer) response parameter value');
  });

  it('[FLOW-2] [SC-1] [TOK-3] [TOK-5] [TOK-6] openid-client: client credentials, an OB consent, PAR, the PSU approves, code → DPoP tokens, accounts through the guard, refresh, introspection, revocation', async () => {
    const accountsUrl = `${runtime.publicUrl}/open-banking/v4.0/aisp/accounts`;
    const dpopBound = {
      token_type: 'dpop', // openid-client lowercases token_type
      access_token_claims: expect.objectContaining({
        iss: runtime.publicUrl,
        client_id: tpp.clientId,
        cnf: { jkt: expect.any(String) },
      }),
    };

    // FLOW-2: a TPP-level token for creating the consent, DPoP-bound like every token (SC-1).
    const tppToken = await client.clientCredentials('tpp', 'accounts');
    expect(tppToken).toMatchObject(dpopBound);
    const created = await client.resource(
      'tpp',
      `${runtime.publicUrl}/open-banking/v4.0/aisp/account-access-consents`,
      {
        method: 'POST',
        headers: { 'x-idempotency-key': `interop-${Date.now()}` },
        body: {
          Data: { Permissions: ['ReadAccountsDetail', 'ReadBalances'] },
          Risk: {},
        },
      },
    );
    expect(created.status).toBe(201);
    const consentId = String((created.body?.['Data'] as Record<string, unknown>)['ConsentId']);

    const callback = await authorizeInBrowser([{ type: 'account_access', consent_id: consentId }]);
    const redeemed = await client.redeem('first', callback.href);
    expect(redeemed.error).toBeUndefined();
    const first = redeemed.result;
    expect(first).toMatchObject({ ...dpopBound, has_refresh_token: true, has_id_token: true });
    expect(first?.grant_id).toEqual(expect.any(String));
    expect(first?.access_token_claims).toMatchObject({ grant_id: first?.grant_id });
    expect(JSON.stringify(first?.authorization_details)).toContain(consentId);

    // The consent turns AUTH from the PSU's approval event; then the guard serves the accounts.
    await eventually(async () => {
      const accounts = await client.resource('first', accountsUrl);
      expect(accounts.status).toBe(200);
      expect((accounts.body?.['Data'] as { Account: unknown[] }).Account.length).toBeGreaterThan(0);
    });

    // TOK-3: refresh with the same DPoP key; the refresh token is not rotated.
    const refreshed = await client.refresh('refreshed', 'first');
    expect(refreshed).toMatchObject(dpopBound);
    expect(refreshed.access_token_claims?.['jti']).not.toBe(first?.access_token_claims?.['jti']);
    expect((await client.resource('refreshed', accountsUrl)).status).toBe(200);

    // TOK-5: introspection answers the owning client about access and refresh tokens.
    expect(await client.introspect('refreshed')).toMatchObject({ active: true, client_id: tpp.clientId });
    expect(await client.introspect('first', 'refresh')).toMatchObject({
      active: true,
      client_id: tpp.clientId,
    });

    // TOK-6: revoking the refresh token revokes the grant's access tokens with it.
    await client.revoke('first', 'refresh');
    expect(await client.introspect('first', 'refresh')).toMatchObject({ active: false });
    expect(await client.introspect('refreshed')).toMatchObject({ active: false });
    // Resource servers learn of it from the TokenRevoked events (their denylist): eventually refused.
    await eventually(async () => {
      expect((await client.resource('refreshed', accountsUrl)).status).toBe(401);
    });
  });
});
