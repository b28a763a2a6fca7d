// GET /authorize, the PSU's sign-in and the decision, over HTTP: PAR-1, PAR-3, PAR-4, RESP-1..3,
// UX-2, CODE-1, CODE-3. Negative tests first.
import { open as openSealed, readUnverifiedJwt, sealingKeyRingFromConfig } from '@grantline/crypto';
import type { TestTpp } from '@grantline/testing';
import { type AuthorizeHarness, startAuthorize } from '../test/authorize-harness';
import { announceConsent, newConsentId } from '../test/consent-announcements';
import { PsuBrowser, sessionTokenOf, signInWithSessionToken } from '../test/psu-browser';

describe('the authorization endpoint and the PSU pages', () => {
  let authorize: AuthorizeHarness;
  let tpp: TestTpp;
  let other: TestTpp;

  beforeAll(async () => {
    authorize = await startAuthorize({ env: { LOGIN_MAX_FAILURES: '3' } });
    [tpp, other] = authorize.tpps;
  });

  afterAll(async () => {
    await authorize?.close();
  });

  async function pushed(extra: Record<string, unknown> = {}) {
    const result = await tpp.pushAuthorizationRequest(authorize.par, authorize.issuer, extra);
    expect(result.status).toBe(201);
    return { requestUri: String(result.body.request_uri), pkce: result.pkce };
  }

  const authorizeUrl = (requestUri: string, clientId = tpp.clientId) =>
    `/authorize?client_id=${encodeURIComponent(clientId)}&request_uri=${encodeURIComponent(requestUri)}`;

  /** Starts an authorization and signs in; returns the browser on the consent page. */
  async function signedIn(extra: Record<string, unknown> = {}, password = 'alice-demo-pass') {
    const { requestUri } = await pushed(extra);
    const browser = new PsuBrowser(authorize.issuer);
    const started = await browser.get(authorizeUrl(requestUri));
    expect(started.status).toBe(303);
    const login = await browser.get(started.location as string);
    const result = await browser.post(PsuBrowser.formAction(login.html), {
      csrf_token: PsuBrowser.csrfToken(login.html),
      username: 'alice',
      password,
    });
    const consent = result.status === 303 ? await browser.get(result.location as string) : result;
    return { browser, consent, interaction: started.location as string };
  }

  const expectOwnErrorPage = (
    response: { status: number; location?: string; headers: Headers },
    status = 400,
  ) => {
    expect(response.status).toBe(status);
    expect(response.location).toBeUndefined();
    expect(response.headers.get('content-type')).toContain('text/html');
  };

  /** A payment consent as the consent service announces it, naming the account to pay from or not. */
  const paymentConsent = (debtorAccount?: { schemeName: string; identification: string }) =>
    announceConsent(authorize, {
      consentId: newConsentId('pdc'),
      clientId: tpp.clientId,
      consentType: 'domestic-payment',
      instructedAmount: { amount: '12.50', currency: 'GBP' },
      creditorName: 'ACME Supplies',
      creditorAccountIdentification: '08080021325698',
      ...(debtorAccount && {
        debtorAccountSchemeName: debtorAccount.schemeName,
        debtorAccountIdentification: debtorAccount.identification,
      }),
    });

  const paying = (consentId: string) => ({
    scope: 'openid payments',
    authorization_details: [{ type: 'payment_initiation', consent_id: consentId }],
  });
  const offeredAccounts = (html: string) =>
    [...html.matchAll(/name="account" value="([^"]+)"/g)].map((match) => match[1]);

  it('[PAR-1] [RESP-2] refuses an authorization request that was not pushed, on its own page', async () => {
    const browser = new PsuBrowser(authorize.issuer);
    const response = await browser.get(
      `/authorize?response_type=code&client_id=${tpp.clientId}&redirect_uri=${encodeURIComponent(tpp.redirectUri)}&scope=openid`,
    );
    expectOwnErrorPage(response);
    expect(response.html).toContain('pushed first');
  });

  it('[PAR-4] [RESP-2] refuses a request_uri pushed by another client, without redirecting', async () => {
    const { requestUri } = await pushed();
    const response = await new PsuBrowser(authorize.issuer).get(authorizeUrl(requestUri, other.clientId));
    expectOwnErrorPage(response);
    expect(response.html).toContain('invalid_request_uri');
  });

  it('[RESP-2] shows an unknown client on its own page', async () => {
    const { requestUri } = await pushed();
    expectOwnErrorPage(
      await new PsuBrowser(authorize.issuer).get(authorizeUrl(requestUri, 'no-such-client')),
      401,
    );
  });

  it('[PAR-3] rejects an expired request_uri', async () => {
    const { requestUri } = await pushed();
    await authorize.dataSource.query(`UPDATE pushed_requests SET expires_at = now() - interval '1 second'`);
    const response = await new PsuBrowser(authorize.issuer).get(authorizeUrl(requestUri));
    expectOwnErrorPage(response);
    expect(response.html).toContain('expired');
  });

  it('[PAR-4] lets the same browser reload before completion, but not another browser', async () => {
    const { requestUri } = await pushed();
    const browser = new PsuBrowser(authorize.issuer);
    const first = await browser.get(authorizeUrl(requestUri));
    const reload = await browser.get(authorizeUrl(requestUri));
    expect([first.status, reload.status]).toEqual([303, 303]);
    expect(reload.location).toBe(first.location);
    expectOwnErrorPage(await new PsuBrowser(authorize.issuer).get(authorizeUrl(requestUri)));
  });

  it('[UX-2] serves the pages with a strict CSP, no framing, and a session cookie that is HttpOnly and SameSite=Lax', async () => {
    const { requestUri } = await pushed();
    const browser = new PsuBrowser(authorize.issuer);
    const started = await fetch(`${authorize.issuer}${authorizeUrl(requestUri)}`, { redirect: 'manual' });
    expect(started.headers.get('set-cookie')).toMatch(
      /^grantline-session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax/,
    );
    const login = await browser
      .get(authorizeUrl((await pushed()).requestUri))
      .then((r) => browser.get(r.location as string));
    const csp = login.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    expect(csp).not.toContain('unsafe-inline');
    expect(login.headers.get('x-frame-options')).toBe('DENY');
    expect(login.html).not.toContain('<script');
    expect(login.html).toMatch(/<label for="username">Username<\/label>/);
    expect(login.html).toMatch(/<label for="password">Password<\/label>/);
  });

  // OWASP ASVS 3.2.1: a session token fixed before sign-in (planted by an attacker) must not
  // become a signed-in session. Signing in issues a new token and the old one ends.
  it('[UX-2] signing in replaces the session token; the token from before signs nobody in', async () => {
    const { requestUri } = await pushed();
    const started = await fetch(`${authorize.issuer}${authorizeUrl(requestUri)}`, { redirect: 'manual' });
    const before = sessionTokenOf(started);
    const interaction = started.headers.get('location') as string;
    const withToken = (token: string | undefined) =>
      fetch(`${authorize.issuer}${interaction}`, { headers: { cookie: `grantline-session=${token}` } });
    const html = await (await withToken(before)).text();
    const signIn = await signInWithSessionToken(
      `${authorize.issuer}${PsuBrowser.formAction(html)}`,
      before,
      PsuBrowser.csrfToken(html),
    );
    expect(signIn.status).toBe(303);
    const after = sessionTokenOf(signIn);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect(await (await withToken(after)).text()).toContain('Approve');
    expect((await withToken(before)).status).toBe(400);
  });

  it('[UX-2] refuses a sign-in or an approval POST without the CSRF token', async () => {
    const { requestUri } = await pushed();
    const browser = new PsuBrowser(authorize.issuer);
    const started = await browser.get(authorizeUrl(requestUri));
    expectOwnErrorPage(
      await browser.post(`${started.location}/login`, { username: 'alice', password: 'alice-demo-pass' }),
    );
    const { browser: signedInBrowser, interaction } = await signedIn();
    const approve = await signedInBrowser.post(`${interaction}/consent`, {
      decision: 'approve',
      account: 'x',
      csrf_token: 'forged',
    });
    expectOwnErrorPage(approve);
  });

  it('[RESP-1] [CODE-1] [CODE-3] approve redirects with a sealed code bound to client, redirect URI, PKCE and DPoP key, plus state and iss', async () => {
    const { browser, consent, interaction } = await signedIn({ state: 'state-123' });
    expect(consent.html).toContain('Example Budgeting App');
    const account = /name="account" value="([^"]+)"/.exec(consent.html)?.[1] as string;
    const approved = await browser.post(`${interaction}/consent`, {
      csrf_token: PsuBrowser.csrfToken(consent.html),
      decision: 'approve',
      account,
    });
    expect(approved.status).toBe(303);
    const redirect = new URL(approved.location as string);
    expect(`${redirect.origin}${redirect.pathname}`).toBe(tpp.redirectUri);
    expect(redirect.searchParams.get('state')).toBe('state-123');
    expect(redirect.searchParams.get('iss')).toBe(authorize.issuer);
    const code = redirect.searchParams.get('code') as string;
    const opened = openSealed<Record<string, unknown>>(code, {
      keys: sealingKeyRingFromConfig(authorize.sealingKeys),
      clock: Date.now,
    });
    expect(opened.expiresAt - Date.now()).toBeLessThanOrEqual(30_000);
    expect(opened.payload).toMatchObject({
      client_id: tpp.clientId,
      redirect_uri: tpp.redirectUri,
      code_challenge: expect.any(String),
      dpop_jkt: tpp.dpopJkt,
      account_ids: [account],
    });
    expect(opened.payload['sub']).not.toBe('psu-alice');
    const types: Array<{ type: string }> = await authorize.dataSource.query(
      `SELECT type FROM events WHERE stream_id = (SELECT stream_id FROM events WHERE type = 'CodeIssued' ORDER BY global_position DESC LIMIT 1) ORDER BY stream_position`,
    );
    expect(types.map((row) => row.type)).toEqual([
      'ParRequestPushed',
      'AuthorizationStarted',
      'PsuAuthenticated',
      'AuthorizationApproved',
      'CodeIssued',
    ]);
    const events = JSON.stringify(await authorize.dataSource.query(`SELECT data FROM events`));
    expect(events).not.toContain(code);
    expect(events).not.toContain('alice-demo-pass');
    // PAR-4: once completed, the request_uri and the interaction are spent.
    expectOwnErrorPage(
      await browser.post(`${interaction}/consent`, {
        csrf_token: PsuBrowser.csrfToken(consent.html),
        decision: 'approve',
        account,
      }),
    );
  });

  it('[CON-2] [UX-1] offers only the account a payment consent names, and refuses an approval from another', async () => {
    // Alice's savings account, written with a space as a PSU might: the bank compares without it.
    const consentId = await paymentConsent({
      schemeName: 'UK.OBIE.SortCodeAccountNumber',
      identification: '040004 12349999',
    });
    const { browser, consent, interaction } = await signedIn(paying(consentId));
    expect(offeredAccounts(consent.html)).toEqual(['acc-alice-savings']);
    expect(consent.html).toContain('ending 9999');
    const elsewhere = await browser.post(`${interaction}/consent`, {
      csrf_token: PsuBrowser.csrfToken(consent.html),
      decision: 'approve',
      account: 'acc-alice-current',
    });
    expectOwnErrorPage(elsewhere);
    expect(elsewhere.html).toContain('pay from the account the payment names');
  });

  it('[CON-2] [UX-1] a payment naming an account the PSU does not hold offers no account', async () => {
    const consentId = await paymentConsent({
      schemeName: 'UK.OBIE.SortCodeAccountNumber',
      identification: '04000487654321',
    });
    const { consent } = await signedIn(paying(consentId));
    expect(offeredAccounts(consent.html)).toEqual([]);
    expect(consent.html).toContain('is not one of your accounts');
  });

  it('[UX-1] a payment naming no account offers every account of the PSU', async () => {
    const { consent } = await signedIn(paying(await paymentConsent()));
    expect(offeredAccounts(consent.html)).toEqual(['acc-alice-current', 'acc-alice-savings']);
    expect(consent.html).toContain('from the account you choose below');
  });

  it('[RESP-1] response_mode=jwt answers with a JARM response signed by the AS', async () => {
    const { browser, consent, interaction } = await signedIn({ response_mode: 'jwt', state: 'jarm-state' });
    const account = /name="account" value="([^"]+)"/.exec(consent.html)?.[1] as string;
    const approved = await browser.post(`${interaction}/consent`, {
      csrf_token: PsuBrowser.csrfToken(consent.html),
      decision: 'approve',
      account,
    });
    const response = new URL(approved.location as string).searchParams.get('response') as string;
    const { header, claims } = readUnverifiedJwt(response);
    expect(header).toMatchObject({ alg: 'ES256', kid: 'as-es256' });
    expect(claims).toMatchObject({
      iss: authorize.issuer,
      aud: tpp.clientId,
      state: 'jarm-state',
      code: expect.any(String),
    });
  });

  it('[RESP-3] deny sends access_denied with state and iss to the redirect URI', async () => {
    const { browser, consent, interaction } = await signedIn({ state: 'deny-state' });
    const denied = await browser.post(`${interaction}/consent`, {
      csrf_token: PsuBrowser.csrfToken(consent.html),
      decision: 'deny',
    });
    const redirect = new URL(denied.location as string);
    expect(redirect.searchParams.get('error')).toBe('access_denied');
    expect(redirect.searchParams.get('state')).toBe('deny-state');
    expect(redirect.searchParams.get('iss')).toBe(authorize.issuer);
    expect(redirect.searchParams.get('code')).toBeNull();
  });

  it('locks a username out after repeated failed sign-ins, even with the right password', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const { consent } = await signedIn({}, 'wrong-password');
      expect(consent.status).toBe(401);
    }
    const { consent } = await signedIn();
    expect(consent.status).toBe(401);
    expect(consent.html).toContain('locked');
    const failures: Array<{ reason: string }> = await authorize.dataSource.query(
      `SELECT data->>'reason' AS reason FROM events WHERE type = 'PsuAuthenticationFailed' ORDER BY global_position`,
    );
    expect(failures.map((row) => row.reason)).toEqual([
      'invalid_credentials',
      'invalid_credentials',
      'invalid_credentials',
      'locked_out',
    ]);
    await authorize.dataSource.query('DELETE FROM login_failures');
  });
});
