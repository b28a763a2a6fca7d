// The PSU's journey in a real browser: a TPP (private_key_jwt + PKCE + dpop_jkt) pushes a payment
// request, headless Chromium signs in as a demo customer, sees who asks and how much, approves, and
// lands on the TPP's redirect URI with code, state and iss. The consent page's screenshot is kept.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, TestTpp } from '@grantline/testing';
import { type AuthorizeHarness, startAuthorize } from '../src/test/authorize-harness';

const screenshots = join(__dirname, '..', '..', '..', 'test-output', 'screenshots');

describe('PSU journey in Chromium', () => {
  let authorize: AuthorizeHarness;
  let browser: Browser;
  const tpp = new TestTpp({
    clientName: 'Acme Payments',
    orgName: 'Acme Payments Ltd',
    redirectUri: 'https://tpp.example/cb',
  });

  beforeAll(async () => {
    [authorize, browser] = await Promise.all([startAuthorize({ tpps: [tpp] }), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await authorize?.close();
  });

  it('[UX-1] [RESP-1] signs in, shows the client and the payment, approves, and returns code, state and iss', async () => {
    const payment = {
      type: 'payment_initiation',
      instructedAmount: { amount: '125.50', currency: 'EUR' },
      creditorName: 'Merchant A',
      creditorAccount: { iban: 'DE89370400440532013000' },
    };
    const pushed = await tpp.pushAuthorizationRequest(authorize.par, authorize.issuer, {
      scope: 'openid payments',
      state: 'e2e-state',
      authorization_details: [payment],
    });
    expect(pushed.status).toBe(201);

    const page = await browser.newPage();
    let callback: URL | undefined;
    await page.route(`${tpp.redirectUri}**`, async (route) => {
      callback = new URL(route.request().url());
      await route.fulfill({ status: 200, contentType: 'text/plain', body: 'TPP received the response' });
    });
    await page.goto(
      `${authorize.issuer}/authorize?client_id=${tpp.clientId}&request_uri=${encodeURIComponent(String(pushed.body.request_uri))}`,
    );
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill('alice-demo-pass');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('button', { name: 'Approve' }).waitFor();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Acme Payments');
    await expect(page.getByText('125.50 EUR').isVisible()).resolves.toBe(true);
    await expect(page.getByText('Merchant A').isVisible()).resolves.toBe(true);
    await expect(page.getByText('Acme Payments Ltd').isVisible()).resolves.toBe(true);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'authorize-consent-page.png'), fullPage: true });

    await page.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL(`${tpp.redirectUri}**`);
    expect(callback?.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]+\.\./);
    expect(callback?.searchParams.get('state')).toBe('e2e-state');
    expect(callback?.searchParams.get('iss')).toBe(authorize.issuer);
  });
});
