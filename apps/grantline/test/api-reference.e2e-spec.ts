// Every service's API reference, read where a TPP developer reads it: through the public origin
// (the gateway routes /docs/<service> like the Ingress), the audit API's on its internal origin.
// The OpenAPI document must parse, be OpenAPI 3 and list the endpoints the service really serves.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@grantline/platform';
import { createTestDatabase, freePort, type TestDatabase } from '@grantline/testing';
import { startGrantline, type RunningGrantline } from '../src/embedded-runtime';
import { RuntimeConfig } from '../src/runtime.config';

const ENDPOINTS: Record<string, string[]> = {
  authorize: [
    '/.well-known/oauth-authorization-server',
    '/.well-known/openid-configuration',
    '/jwks',
    '/par',
    '/authorize',
  ],
  token: ['/token', '/introspect', '/revoke'],
  consent: [
    '/open-banking/v4.0/aisp/account-access-consents',
    '/open-banking/v4.0/aisp/account-access-consents/{consentId}',
    '/open-banking/v4.0/aisp/accounts',
    '/open-banking/v4.0/aisp/accounts/{accountId}',
    '/open-banking/v4.0/aisp/accounts/{accountId}/balances',
    '/open-banking/v4.0/aisp/accounts/{accountId}/transactions',
    '/open-banking/v4.0/pisp/domestic-payment-consents',
    '/open-banking/v4.0/pisp/domestic-payment-consents/{consentId}',
    '/open-banking/v4.0/pisp/domestic-payment-consents/{consentId}/funds-confirmation',
    '/open-banking/v4.0/pisp/domestic-payments',
    '/open-banking/v4.0/pisp/domestic-payments/{paymentId}',
  ],
  grants: ['/grants/{grantId}'],
  audit: [
    '/audit/events',
    '/audit/events/{seq}/proof',
    '/audit/export',
    '/audit/verify',
    '/audit/checkpoints',
  ],
};

describe('the API reference at /docs/<service>', () => {
  let database: TestDatabase;
  let running: RunningGrantline;
  const originOf = (service: string) => (service === 'audit' ? running.auditUrl : running.publicUrl);

  beforeAll(async () => {
    database = await createTestDatabase('apireference');
    const env = {
      GRANTLINE_DATA_DIR: mkdtempSync(join(tmpdir(), 'grantline-docs-')),
      DATABASE_URL: database.url,
      GRANTLINE_PUBLIC_PORT: '0',
      GRANTLINE_AUDIT_PORT: '0',
      GRANTLINE_AUTHORIZE_PORT: String(await freePort()),
      GRANTLINE_TOKEN_PORT: '0',
      GRANTLINE_CONSENT_PORT: '0',
      GRANTLINE_GRANTS_PORT: '0',
      LOG_LEVEL: 'silent',
    };
    running = await startGrantline(loadConfig(RuntimeConfig, env), env);
  });

  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it.each(Object.keys(ENDPOINTS))(
    'publishes the %s service as an OpenAPI 3 document listing its endpoints',
    async (service) => {
      const response = await fetch(`${originOf(service)}/docs/${service}/openapi.json`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const document = JSON.parse(await response.text()) as {
        openapi: string;
        info: { title: string };
        paths: Record<string, unknown>;
      };
      expect(document.openapi).toMatch(/^3\.\d+\.\d+$/);
      expect(document.info.title).toMatch(/^Grantline /);
      expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(ENDPOINTS[service] ?? []));
      // Probes, scrapes and the PSU's browser pages are not part of a TPP's reference.
      expect(
        Object.keys(document.paths).filter((path) => /^\/(health|metrics|interaction)/.test(path)),
      ).toEqual([]);
    },
  );

  it('describes the OAuth endpoints as form-encoded POSTs only, with OAuth errors', async () => {
    const response = await fetch(`${running.publicUrl}/docs/token/openapi.json`);
    const document = (await response.json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: object }; responses: object }>>;
    };
    for (const path of ['/token', '/introspect', '/revoke']) {
      // The 405 answers to other methods are not operations a client can use.
      expect(Object.keys(document.paths[path] ?? {})).toEqual(['post']);
      const post = document.paths[path]?.['post'];
      expect(Object.keys(post?.requestBody?.content ?? {})).toEqual(['application/x-www-form-urlencoded']);
      expect(Object.keys(post?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401']));
    }
  });

  it.each(Object.keys(ENDPOINTS))(
    'serves the %s reference as a page without scripts, under a policy that forbids them',
    async (service) => {
      const page = await fetch(`${originOf(service)}/docs/${service}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const policy = page.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("default-src 'none'");
      expect(policy).not.toMatch(/script-src|unsafe-inline/);
      const html = await page.text();
      expect(html).not.toMatch(/<script/i);
      for (const path of ENDPOINTS[service] ?? []) expect(html).toContain(`<code>${path}</code>`);
      const stylesheet = await fetch(`${originOf(service)}/docs/${service}/reference.css`);
      expect(stylesheet.status).toBe(200);
      expect(stylesheet.headers.get('content-type')).toMatch(/^text\/css/);
    },
  );
});
