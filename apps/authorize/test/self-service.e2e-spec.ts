// The PSU self-service page in real headless Chromium (UX-1 "how to revoke later", UX-2): a PSU who
// approved an authorization signs in on the page, sees which TPP holds what in plain language with
// dates, revokes it (PsuRevokedAccess recorded), and sees it closed once GrantRevoked arrives.
// Another PSU sees nothing of it; forged POSTs are refused. Negative tests first.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { eventually, launchChromium, TestTpp } from '@grantline/testing';
import { type AuthorizeHarness, startAuthorize } from '../src/test/authorize-harness';
import { PsuBrowser, sessionTokenOf, signInWithSessionToken } from '../src/test/psu-browser';

const screenshots = join(__dirname, '..', '..', '..', 'test-output', 'screenshots');
const PAGE = '/account/access';

describe('PSU self-service page in Chromium', () => {
  let authorize: AuthorizeHarness;
  let browser: Browser;
  let aliceGrant: string;
  let bobGrant: string;
  const budgeting = new TestTpp({ clientName: 'Acme Budgeting', orgName: 'Acme Budgeting Ltd' });
  const lender = new TestTpp({ clientName: 'Lendly Loans', orgName: 'Lendly Ltd' });

  const accountAccess = {
    type: 'account_access',
    permissions: ['ReadAccountsBasic', 'ReadBalances'],
    expiration_date_time: '2027-05-01T00:00:00Z',
  };

  /** A PSU approves `tpp`'s pushed request over HTTP; returns the grant id and the consent page. */
  async function approve(tpp: TestTpp, username: string, details: object[] = [accountAccess]) {
    const pushed = await tpp.pushAuthorizationRequest(authorize.par, authorize.issuer, {
      authorization_details: details,
    });
    expect(pushed.status).toBe(201);
    const psu = new PsuBrowser(authorize.issuer);
    const started = await psu.get(
      `/authorize?client_id=${tpp.clientId}&request_uri=${encodeURIComponent(String(pushed.body.request_uri))}`,
    );
    const login = await psu.get(started.location as string);
    const signedIn = await psu.post(PsuBrowser.formAction(login.html), {
      csrf_token: PsuBrowser.csrfToken(login.html),
      username,
      password: `${username}-demo-pass`,
    });
    const consent = await psu.get(signedIn.location as string);
    const account = /name="account" value="([^"]+)"/.exec(consent.html)?.[1] as string;
    const approved = await psu.post(`${started.location}/consent`, {
      csrf_token: PsuBrowser.csrfToken(consent.html),
      decision: 'approve',
      account,
    });
    expect(approved.status).toBe(303);
    const [row]: Array<{ grant_id: string }> = await authorize.dataSource.query(
      `SELECT data->>'grantId' AS grant_id FROM events WHERE type = 'AuthorizationApproved'
       AND data->>'clientId' = $1 ORDER BY global_position DESC LIMIT 1`,
      [tpp.clientId],
    );
    return { grantId: row.grant_id, consentHtml: consent.html };
  }

  /** A PSU signed in on the self-service page over HTTP, with the page's CSRF token. */
  async function signedInOverHttp(username: string) {
    const psu = new PsuBrowser(authorize.issuer);
    const login = await psu.get(PAGE);
    const result = await psu.post(`${PAGE}/login`, {
      csrf_token: PsuBrowser.csrfToken(login.html),
      username,
      password: `${username}-demo-pass`,
    });
    expect(result.status).toBe(303);
    const page = await psu.get(PAGE);
    return { psu, page, csrfToken: PsuBrowser.csrfToken(page.html) };
  }

  async function signInInChromium(username: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${authorize.issuer}${PAGE}`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(`${username}-demo-pass`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your connected apps' }).waitFor();
    return page;
  }

  const revocationsRecorded = async (): Promise<Array<{ data: Record<string, unknown> }>> =>
    authorize.dataSource.query(`SELECT data FROM events WHERE type = 'PsuRevokedAccess'`);

  beforeAll(async () => {
    [authorize, browser] = await Promise.all([
      startAuthorize({ tpps: [budgeting, lender] }),
      launchChromium(),
    ]);
    aliceGrant = (await approve(budgeting, 'alice')).grantId;
    bobGrant = (await approve(lender, 'bob')).grantId;
  });

  afterAll(async () => {
    await browser?.close();
    await authorize?.close();
  });

  it('[UX-1] [UX-2] shows a browser that is not signed in only the sign-in form, under a strict CSP without framing', async () => {
    const page = await (await browser.newContext()).newPage();
    const response = await page.goto(`${authorize.issuer}${PAGE}`);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    await expect(page.getByLabel('Username').isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Password').isVisible()).resolves.toBe(true);
    const html = await page.content();
    expect(html).not.toContain('<script');
    expect(html).not.toContain('Acme Budgeting');
    expect(html).not.toContain(aliceGrant);
  });

  it('[UX-2] [AUD-1] refuses a wrong password on the page without signing in, and records the failure', async () => {
    const psu = new PsuBrowser(authorize.issuer);
    const login = await psu.get(PAGE);
    const failed = await psu.post(`${PAGE}/login`, {
      csrf_token: PsuBrowser.csrfToken(login.html),
      username: 'alice',
      password: 'not-alice-s-password',
    });
    expect(failed.status).toBe(401);
    expect(failed.html).toContain('not correct');
    expect((await psu.get(PAGE)).html).not.toContain('Acme Budgeting');
    // Recorded for the audit log by a keyed fingerprint: neither the username nor the password.
    const [failure] = await authorize.dataSource.query(
      `SELECT data FROM events WHERE type = 'PsuSelfServiceSignInFailed' ORDER BY global_position DESC LIMIT 1`,
    );
    expect(failure?.data).toEqual({ usernameFingerprint: expect.any(String), reason: 'invalid_credentials' });
    expect(JSON.stringify(failure?.data)).not.toMatch(/alice|not-alice-s-password/);
    await authorize.dataSource.query('DELETE FROM login_failures');
  });

  it('[UX-2] [AUD-1] signing in on the page replaces the session token and is recorded; the token from before shows nothing', async () => {
    const first = await fetch(`${authorize.issuer}${PAGE}`);
    const before = sessionTokenOf(first);
    const page = (token: string | undefined) =>
      fetch(`${authorize.issuer}${PAGE}`, { headers: { cookie: `grantline-session=${token}` } }).then((r) =>
        r.text(),
      );
    const signIn = await signInWithSessionToken(
      `${authorize.issuer}${PAGE}/login`,
      before,
      PsuBrowser.csrfToken(await first.text()),
    );
    expect(signIn.status).toBe(303);
    const after = sessionTokenOf(signIn);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect(await page(after)).toContain('Acme Budgeting');
    expect(await page(before)).not.toContain('Acme Budgeting');
    // The sign-in is recorded for the audit log, naming the PSU by its keyed link only.
    const [signedIn] = await authorize.dataSource.query(
      `SELECT data FROM events WHERE type = 'PsuSelfServiceSignedIn' ORDER BY global_position DESC LIMIT 1`,
    );
    expect(signedIn?.data).toMatchObject({ psuLink: expect.any(String), amr: expect.any(Array) });
    expect(JSON.stringify(signedIn?.data)).not.toMatch(/psu-alice|alice/);
  });

  it('[UX-2] refuses a revocation POST without the CSRF token', async () => {
    const { psu } = await signedInOverHttp('alice');
    const refused = await psu.post(`${PAGE}/revoke`, { grant_id: aliceGrant });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('CSRF');
    await expect(revocationsRecorded()).resolves.toEqual([]);
  });

  it('[UX-2] refuses a revocation POST carrying another session’s CSRF token, or from no session at all', async () => {
    const { psu } = await signedInOverHttp('alice');
    const otherSession = await signedInOverHttp('alice');
    const refused = await psu.post(`${PAGE}/revoke`, {
      grant_id: aliceGrant,
      csrf_token: otherSession.csrfToken,
    });
    expect(refused.status).toBe(400);
    const noCookie = await new PsuBrowser(authorize.issuer).post(`${PAGE}/revoke`, {
      grant_id: aliceGrant,
      csrf_token: otherSession.csrfToken,
    });
    expect(noCookie.status).toBe(400);
    await expect(revocationsRecorded()).resolves.toEqual([]);
  });

  it('[UX-1] another PSU neither sees the grant nor can revoke it', async () => {
    const page = await signInInChromium('bob');
    await expect(page.getByRole('heading', { name: 'Lendly Loans', exact: true }).isVisible()).resolves.toBe(
      true,
    );
    expect(await page.content()).not.toContain('Acme Budgeting');
    await page.context().close();

    const bob = await signedInOverHttp('bob');
    const refused = await bob.psu.post(`${PAGE}/revoke`, { grant_id: aliceGrant, csrf_token: bob.csrfToken });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('no such access');
    await expect(revocationsRecorded()).resolves.toEqual([]);
  });

  it('[UX-1] shows a payment grant with its amount and payee', async () => {
    const payment = {
      type: 'payment_initiation',
      instructedAmount: { amount: '125.50', currency: 'EUR' },
      creditorName: 'Merchant A',
      creditorAccount: { iban: 'DE89370400440532013000' },
    };
    const { grantId } = await approve(lender, 'alice', [payment]);
    const { page } = await signedInOverHttp('alice');
    expect(page.html).toContain(grantId);
    expect(page.html).toContain('125.50 EUR');
    expect(page.html).toContain('Merchant A');
    expect(page.html).toContain('DE89370400440532013000');
  });

  it('[UX-1] the consent page says where to revoke later, with the real URL of this page', async () => {
    const { consentHtml } = await approve(budgeting, 'alice');
    expect(consentHtml).toContain(`href="${authorize.issuer}${PAGE}"`);
  });

  it('[UX-1] [GM-1] a PSU signs in, sees the TPP and its permissions in plain language with dates, revokes, and the revocation is recorded', async () => {
    const page = await signInInChromium('alice');
    await expect(page.getByRole('heading', { name: 'Acme Budgeting' }).first().isVisible()).resolves.toBe(
      true,
    );
    const html = await page.content();
    expect(html).not.toContain(bobGrant);
    expect(html).toContain('Registered organisation: <strong>Acme Budgeting Ltd</strong>');
    await expect(page.getByText('Your account balances').first().isVisible()).resolves.toBe(true);
    await expect(page.getByText('The names and types of your accounts').first().isVisible()).resolves.toBe(
      true,
    );
    await expect(page.getByText('until 1 May 2027').first().isVisible()).resolves.toBe(true);
    const today = new Date().toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    await expect(page.getByText(today).first().isVisible()).resolves.toBe(true);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'authorize-self-service-page.png'), fullPage: true });

    const revoke = page.locator('form', { has: page.locator(`input[value="${aliceGrant}"]`) });
    await revoke.getByRole('button', { name: 'Revoke access for Acme Budgeting' }).click();
    await page.getByText('Withdrawal in progress').waitFor();
    // GM-1: from now on the TPP cannot update or replace the grant it is losing.
    const update = await budgeting.pushAuthorizationRequest(authorize.par, authorize.issuer, {
      authorization_details: [accountAccess],
      grant_management_action: 'update',
      grant_id: aliceGrant,
    });
    expect(update.status).toBe(400);
    expect(update.body.error).toBe('invalid_grant_id');

    const recorded = await revocationsRecorded();
    expect(recorded).toHaveLength(1);
    const [approval]: Array<{ subject: string }> = await authorize.dataSource.query(
      `SELECT data->>'subject' AS subject FROM events WHERE type = 'AuthorizationApproved' AND data->>'grantId' = $1`,
      [aliceGrant],
    );
    expect(recorded[0].data).toEqual({
      clientId: budgeting.clientId,
      subject: approval.subject,
      grantId: aliceGrant,
      consentIds: [],
    });

    // The grants service answers with GrantRevoked; the page then shows the grant closed.
    await authorize.events.append(
      `grant-${aliceGrant}`,
      'any',
      [
        {
          type: 'GrantRevoked',
          data: { grantId: aliceGrant, clientId: budgeting.clientId, revokedBy: 'psu', reason: 'PSU' },
        },
      ],
      { correlationId: 'grants-test', actor: { kind: 'system', id: 'grants' } },
    );
    await eventually(async () => {
      await page.reload();
      const withdrawn = page.locator('section.grant', { has: page.locator('.status-revoked') });
      expect(await withdrawn.count()).toBe(1);
    });
    await expect(page.getByText('Withdrawn', { exact: true }).first().isVisible()).resolves.toBe(true);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Username').waitFor();
    expect(await page.content()).not.toContain('Acme Budgeting');
  });
});
