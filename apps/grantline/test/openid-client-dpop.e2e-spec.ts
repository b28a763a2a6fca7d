// Interop with a certified FAPI 2.0 relying party: openid-client v6, unmodified (discovery, PAR,
// private_key_jwt with the client's ES256 key, DPoP, PKCE S256, state, nonce, RFC 9207 `iss`),
// against the embedded runtime as `npm start` runs it, with headless Chromium as the PSU.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, TestTpp, writeClientsFile } from '@grantline/testing';
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
    const { authorizationUrl } = await client.pushAuthorizationRequest({
      redirect_uri: tpp.redirectUri,
      scope: 'openid accounts',
      authorization_details: authorizationDetails,
    });
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
});
