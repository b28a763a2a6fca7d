// The public origin when a service is down: a clear OAuth error and an honest readiness report,
// never a hang or a framework error page.
import { type Server, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
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

  // Found by `npm run fuzz`: the proxy refuses a `..` segment itself, and its error used to leave
  // with Fastify's default body because the gateway's handler was set after the proxies registered.
  // Raw requests: fetch and light-my-request would resolve the `..` before sending.
  it("[ROB-1] answers a `..` segment in a proxied path in the route's own error format", async () => {
    const oauth = await rawRequest('POST', '/token/%2e%2e');
    expect(oauth.status).toBe(400);
    expect(JSON.parse(oauth.body)).toEqual({
      error: 'invalid_request',
      error_description: expect.any(String),
    });

    const openBanking = await rawRequest('GET', '/open-banking/v4.0/aisp/accounts/../balances', {
      'x-fapi-interaction-id': '93bac548-d2de-4546-b106-880a5018460d',
    });
    expect(openBanking.status).toBe(400);
    expect(JSON.parse(openBanking.body)).toEqual({
      Code: '400',
      Id: '93bac548-d2de-4546-b106-880a5018460d',
      Message: expect.any(String),
      Errors: [{ ErrorCode: 'UK.OBIE.Field.Invalid', Message: expect.any(String) }],
    });
  });

  // Found by `npm run fuzz`: Node's parser refused a huge header block with Fastify's default body,
  // and a body over the services' limit broke the upstream mid-stream, which the proxy called a 503.
  it("[ROB-1] answers oversized headers (431) and an oversized body (413) in the route's error format", async () => {
    const huge = { 'x-junk': 'a'.repeat(40_000) };
    const oauthHeaders = await rawRequest('POST', '/token', huge);
    expect(oauthHeaders.status).toBe(431);
    expect(JSON.parse(oauthHeaders.body)).toEqual({
      error: 'invalid_request',
      error_description: expect.any(String),
    });
    const obHeaders = await rawRequest('GET', '/open-banking/v4.0/aisp/accounts', huge);
    expect(obHeaders.status).toBe(431);
    expect(JSON.parse(obHeaders.body)).toMatchObject({
      Code: '400',
      Errors: [{ ErrorCode: 'UK.OBIE.Field.Invalid' }],
    });

    const body = `grant_type=${'a'.repeat(70_000)}`;
    const tooBig = await rawRequest(
      'POST',
      '/token',
      { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    );
    expect(tooBig.status).toBe(413);
    expect(JSON.parse(tooBig.body)).toEqual({
      error: 'invalid_request',
      error_description: expect.any(String),
    });
  });

  // Found by `npm run fuzz`: a chunked body declares no length, so the check above let it through
  // and the service's refusal mid-stream came back as the proxy's 503.
  it('[ROB-1] answers an oversized chunked body (no content-length) with 413, not 503', async () => {
    const tooBig = await rawRequest(
      'POST',
      '/open-banking/v4.0/pisp/domestic-payments',
      { 'content-type': 'application/json', 'x-fapi-interaction-id': '93bac548-d2de-4546-b106-880a5018460d' },
      `{"Data":"${'a'.repeat(70_000)}"}`,
      { chunked: true },
    );
    expect(tooBig.status).toBe(413);
    expect(JSON.parse(tooBig.body)).toMatchObject({
      Code: '413',
      Errors: [{ ErrorCode: expect.any(String) }],
    });
  });

  function rawRequest(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: string,
    { chunked = false } = {},
  ): Promise<{ status: number; body: string }> {
    const address = gateway.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return new Promise((resolve, reject) => {
      const sent = request({ host: '127.0.0.1', port, method, path, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      });
      sent.on('error', reject);
      if (chunked && body !== undefined) {
        // Two writes before end(): Node sends `transfer-encoding: chunked` and no content-length.
        sent.write(body.slice(0, body.length / 2));
        sent.end(body.slice(body.length / 2));
      } else sent.end(body);
    });
  }
});

describe('gateway in front of a live service', () => {
  let gateway: FastifyInstance;
  let service: Server;
  const received: { body: string; headers: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    service = createServer((incoming, answer) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: incoming.headers });
        answer.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
    const address = service.address() as AddressInfo;
    const upstream = `http://127.0.0.1:${address.port}`;
    gateway = await buildGateway({
      upstreams: { authorize: upstream, token: upstream, consent: upstream, grants: upstream },
      readinessOf: {},
      auditUrl: () => 'http://127.0.0.1:1',
      metrics: createMetricsRegistry(),
    });
    await gateway.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await gateway?.close();
    await new Promise<void>((resolve) => service?.close(() => resolve()));
  });

  it('[ROB-1] passes a chunked body within the limit on to the service whole', async () => {
    const body = `grant_type=client_credentials&scope=${'a'.repeat(20_000)}`;
    const port = (gateway.server.address() as AddressInfo).port;
    const status = await new Promise<number>((resolve, reject) => {
      const sent = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/token',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      sent.on('error', reject);
      sent.write(body.slice(0, 10));
      sent.end(body.slice(10));
    });
    expect(status).toBe(200);
    expect(received.at(-1)?.body).toBe(body);
  });
});
