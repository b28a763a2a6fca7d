// The PSU's part of a journey in headless Chromium: open the authorization URL the TPP built, sign in
// as a demo customer, keep the first offered account, approve (or deny), and hand back the URL the
// bank redirected to. The TPP's redirect URI is intercepted, so no page needs to be served there.
import type { Browser } from 'playwright-core';

export interface PsuDecision {
  username: string;
  password: string;
  decision?: 'Approve' | 'Deny';
  /** For an https origin whose certificate a test CA issued (Chromium does not know that CA). */
  testCertificates?: boolean;
}

export async function psuInChromium(
  browser: Browser,
  authorizationUrl: string,
  redirectUri: string,
  { username, password, decision = 'Approve', testCertificates = false }: PsuDecision,
): Promise<string> {
  const context = await browser.newContext({ ignoreHTTPSErrors: testCertificates });
  try {
    const page = await context.newPage();
    let callback: string | undefined;
    await page.route(`${redirectUri}**`, async (route) => {
      callback = route.request().url();
      await route.fulfill({ status: 200, contentType: 'text/plain', body: 'the TPP received the response' });
    });
    await page.goto(authorizationUrl);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: decision }).click();
    await page.waitForURL(`${redirectUri}**`);
    if (!callback) throw new Error('the bank did not redirect to the TPP');
    return callback;
  } finally {
    await context.close();
  }
}
