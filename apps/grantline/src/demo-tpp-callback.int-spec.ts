// The demo TPP's redirect URI on the public origin: a page saying what came back, never the code,
// escaped, with a CSP Chromium enforces without a single violation.
import type { Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { createMetricsRegistry } from '@grantline/platform';
import { freePort, launchChromium } from '@grantline/testing';
import { buildGateway } from './gateway';

const CODE = 'c0de-SECRET-value.AAAA.BBBB';

describe('the demo TPP callback page', () => {
  let gateway: FastifyInstance;
  let origin: string;

  beforeAll(async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    gateway = await buildGateway({
      upstreams: { authorize: nobody, token: nobody, consent: nobody, grants: nobody },
      readinessOf: {},
      auditUrl: () => 'http://127.0.0.1:1',
      metrics: createMetricsRegistry(),
    });
    origin = await gateway.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await gateway?.close();
  });

  const get = (query: string) => gateway.inject({ url: `/demo-tpp/callback?${query}` });

  it('[UX-2] says the authorization completed and never shows the code', async () => {
    const response = await get(
      `code=${encodeURIComponent(CODE)}&state=s-123&iss=${encodeURIComponent('http://127.0.0.1:8080')}`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Authorization completed');
    expect(response.body).toContain('s-123');
    expect(response.body).toContain('http://127.0.0.1:8080');
    expect(response.body).not.toContain('SECRET');
    expect(response.body).not.toContain('<script');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-frame-options']).toBe('DENY');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('script-src');
  });

  it('[RESP-3] shows the OAuth error and its description for a denial', async () => {
    const response = await get('error=access_denied&error_description=The+PSU+denied+access&state=s-9');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Authorization not completed');
    expect(response.body).toContain('access_denied');
    expect(response.body).toContain('The PSU denied access');
    expect(response.body).toContain('s-9');
  });

  it('[UX-2] escapes everything it shows', async () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';
    const response = await get(
      `error=${encodeURIComponent(hostile)}&error_description=${encodeURIComponent(hostile)}&state=${encodeURIComponent(hostile)}`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('<script>alert');
    expect(response.body).not.toContain('<img');
    expect(response.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('does not echo a JARM response and answers a bare visit with 400', async () => {
    const jarm = await get('response=eyJhbGciOiJFUzI1NiJ9.eyJjb2RlIjoiU0VDUkVUIn0.sig');
    expect(jarm.statusCode).toBe(200);
    expect(jarm.body).toContain('signed authorization response');
    expect(jarm.body).not.toContain('eyJ');
    const bare = await gateway.inject({ url: '/demo-tpp/callback' });
    expect(bare.statusCode).toBe(400);
    expect(bare.body).toContain('No authorization response');
    const repeated = await get('code=a&code=b');
    expect(repeated.statusCode).toBe(400);
  });

  describe('in Chromium', () => {
    let browser: Browser;

    beforeAll(async () => {
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
    });

    it('[UX-2] renders styled under its CSP with no violation', async () => {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (message.text().includes('Content Security Policy')) violations.push(message.text());
      });
      await page.goto(`${origin}/demo-tpp/callback?code=${encodeURIComponent(CODE)}&state=st`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
        'Authorization completed',
      );
      // The hashed <style> applied: the body is the page's width, not the browser default.
      const maxWidth = await page.evaluate(() => getComputedStyle(document.body).maxWidth);
      expect(maxWidth).toBe('640px');
      expect(await page.content()).not.toContain('SECRET');
      expect(violations).toEqual([]);
    });
  });
});
