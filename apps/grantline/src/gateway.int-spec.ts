// The public origin when a service is down: a clear OAuth error and an honest readiness report,
// never a hang or a framework error page.
import { createMetricsRegistry } from '@grantline/platform';
import { freePort } from '@grantline/testing';
import type { FastifyInstance } from 'fastify';
import { buildGateway } from './gateway';

describe('gateway with a service down', () => {
  let gateway: FastifyInstance;

  beforeAll(async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    gateway = await buildGateway({
      upstreams: { authorize: nobody, token: nobody, consent: nobody, grants: nobody },
      readinessOf: { token: nobody },
      auditUrl: () => 'http://127.0.0.1:1',
      metrics: createMetricsRegistry(),
    });
    await gateway.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('[ROB-1] answers a request for a stopped service with 503 temporarily_unavailable', async () => {
    // Over a real socket: the proxy streams the body upstream, which light-my-request does not model.
    const address = gateway.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const response = await fetch(`http://127.0.0.1:${port}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: 'temporarily_unavailable',
      error_description: expect.any(String),
    });
  });

  it('links every routed API reference from the landing page, and /docs leads there', async () => {
    const landing = await gateway.inject({ url: '/' });
    for (const service of ['authorize', 'token', 'consent', 'grants']) {
      expect(landing.body).toContain(`<a href="/docs/${service}">${service}</a>`);
      expect(landing.body).toContain(`<a href="/docs/${service}/openapi.json">`);
    }
    const docs = await gateway.inject({ url: '/docs' });
    expect(docs.statusCode).toBe(303);
    expect(docs.headers['location']).toBe('/#api-reference');
  });

  it('reports itself not ready, naming the service', async () => {
    const response = await gateway.inject({ url: '/health/ready' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'error', services: { token: 'down' } });
  });

  it('[ROB-1] answers an unknown path with an OAuth 404, not a framework page', async () => {
    const response = await gateway.inject({ url: '/admin' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'not_found', error_description: expect.any(String) });
  });

  it('[ROB-1] answers a URL that does not decode with an OAuth 400, not a framework body', async () => {
    const response = await gateway.inject({ url: '/token/%00%ff' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'invalid_request', error_description: expect.any(String) });
  });
});
