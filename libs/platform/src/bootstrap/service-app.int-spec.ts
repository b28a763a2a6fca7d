// A service booted on the platform against real PostgreSQL: health, metrics, ids, security
// headers, protocol-format errors for every kind of bad input, migrations, and redacted logs.
import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions } from 'fastify';
import { type AddressInfo, connect } from 'node:net';
import { PassThrough } from 'node:stream';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { InProcessTransport } from '@grantline/messaging';
import { createTestDatabase, withDataSource, type TestDatabase } from '@grantline/testing';
import { loadConfig } from '../config/load-config';
import { ServiceConfig } from '../config/service.config';
import { oauthErrorFormat } from '../errors/error-format';
import type { ProtocolProblem } from '../errors/protocol-problem';
import { createMetricsRegistry } from '../metrics/metrics';
import { ServiceLogger, createServiceLogger } from '../logging/logger';
import { openServiceDatabase } from '../database/service-database';
import { createServiceApp } from './create-service-app';
import type { ServiceDefinition } from './service-definition';

class CodeAlreadyUsed extends Error {
  toProtocolProblem(): ProtocolProblem {
    return { status: 400, body: { error: 'invalid_grant', error_description: 'The code was already used' } };
  }
}

@Controller('probe')
class ProbeController {
  @Post('echo')
  echo(@Body() body: unknown): unknown {
    return { received: body };
  }

  @Get('protocol-error')
  protocolError(): never {
    throw new CodeAlreadyUsed();
  }

  @Get('unexpected')
  unexpected(): never {
    throw new Error('pool exhausted connecting to 10.9.8.7:5432');
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

class CreateProbeTable1700000000000 implements MigrationInterface {
  name = 'CreateProbeTable1700000000000';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE probe_rows (id integer PRIMARY KEY, label text NOT NULL)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE probe_rows');
  }
}

class ProbeConfig extends ServiceConfig {}

const probeService: ServiceDefinition<ProbeConfig> = {
  name: 'token',
  schema: 'probe',
  configClass: ProbeConfig,
  module: ProbeModule,
  migrations: [CreateProbeTable1700000000000],
  errorFormat: oauthErrorFormat,
};

describe('a service on the platform', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let transportReady = true;
  const transport = new InProcessTransport();
  transport.isReady = async () => transportReady;
  const logs: Buffer[] = [];
  const logStream = new PassThrough().on('data', (chunk: Buffer) => logs.push(chunk));

  const inject = (options: InjectOptions) => app.getHttpAdapter().getInstance().inject(options);

  beforeAll(async () => {
    database = await createTestDatabase('platform');
    const config = loadConfig(ProbeConfig, {
      DATABASE_URL: database.url,
      MIGRATE_ON_START: 'true',
      RATE_LIMIT_PER_MINUTE: '25',
      HTTP_BODY_LIMIT_BYTES: '2048',
    });
    app = await createServiceApp(probeService, config, {
      transport,
      metrics: createMetricsRegistry(),
      logDestination: logStream,
    });
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('is live, and ready when Postgres and the event transport answer', async () => {
    expect((await inject({ url: '/health/live' })).statusCode).toBe(200);
    const ready = await inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, events: { status: 'up' } },
    });
  });

  it('is not ready while the event transport is down', async () => {
    transportReady = false;
    try {
      const ready = await inject({ url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ status: 'error', error: { events: { status: 'down' } } });
    } finally {
      transportReady = true;
    }
  });

  it('applied its migrations inside its own schema, once', async () => {
    const tables: Array<{ table_name: string }> = await withDataSource(database.url, (admin) =>
      admin.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'probe' ORDER BY table_name",
      ),
    );
    // The service's own table beside the event backbone's, all in its schema.
    expect(tables.map((t) => t.table_name)).toEqual([
      'events',
      'migrations',
      'outbox',
      'outbox_dead_letters',
      'outbox_lanes',
      'probe_rows',
      'processed_events',
      'projection_checkpoints',
    ]);
    const again = await openServiceDatabase(
      { service: 'token', schema: 'probe', url: database.url, migrations: [CreateProbeTable1700000000000] },
      true,
    );
    const applied: Array<{ name: string }> = await again.query(
      'SELECT name FROM probe.migrations ORDER BY id',
    );
    await again.destroy();
    expect(applied.map((row) => row.name)).toEqual([
      'CreateProbeTable1700000000000',
      'CreateEventStore1763856000000',
    ]);
  });

  it("ends a transaction left idle, so it cannot hold back every service's global read", async () => {
    const service = await openServiceDatabase(
      { service: 'probe', schema: 'probe', url: database.url, migrations: [] },
      false,
    );
    try {
      const [setting] = await service.query('SHOW idle_in_transaction_session_timeout');
      expect(setting).toEqual({ idle_in_transaction_session_timeout: '1min' });
    } finally {
      await service.destroy();
    }
  });

  it('round-trips JSON and stamps request and interaction ids', async () => {
    const response = await inject({
      method: 'POST',
      url: '/probe/echo',
      payload: { hello: 'bank' },
      headers: { 'x-fapi-interaction-id': '93bac548-d2de-4546-b106-880a5018460d' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ received: { hello: 'bank' } });
    expect(response.headers['x-fapi-interaction-id']).toBe('93bac548-d2de-4546-b106-880a5018460d');
    expect(response.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('[UX-2] sends security headers and forbids caching and framing', async () => {
    const response = await inject({ url: '/health/live' });
    expect(response.headers).toMatchObject({
      'cache-control': 'no-store',
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['strict-transport-security']).toContain('max-age=31536000');
  });

  it('[ROB-1] renders a domain error in its protocol format', async () => {
    const response = await inject({ url: '/probe/protocol-error' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'The code was already used',
    });
  });

  it.each([
    ['an unknown route', { url: '/nowhere' }, 404, 'not_found'],
    [
      'malformed JSON',
      {
        method: 'POST',
        url: '/probe/echo',
        payload: '{"a":',
        headers: { 'content-type': 'application/json' },
      },
      400,
      'invalid_request',
    ],
    [
      'an oversized body',
      { method: 'POST', url: '/probe/echo', payload: { pad: 'x'.repeat(4096) } },
      413,
      'invalid_request',
    ],
    [
      'an unsupported content type',
      {
        method: 'POST',
        url: '/probe/echo',
        payload: 'x',
        headers: { 'content-type': 'application/x-unknown' },
      },
      415,
      'invalid_request',
    ],
    ['a URL that does not decode', { url: '/probe/%00%ff' }, 400, 'invalid_request'],
    ['a route parameter that does not decode', { url: '/probe/echo/%E0%A4%A' }, 400, 'invalid_request'],
  ])(
    '[ROB-1] answers %s with a 4xx OAuth error body, never a stack',
    async (_case, request, status, error) => {
      const response = await inject(request as InjectOptions);
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toContain('application/json');
      expect(response.json()).toEqual({ error, error_description: expect.any(String) });
      expect(response.body).not.toMatch(/at \w+ \(|node_modules|Error:/);
    },
  );

  // Found by `npm run fuzz` on a service's own port: Node's parser refused the header block and
  // Fastify answered with its default body, not the service's protocol format.
  it('[ROB-1] answers a header block over the limit with 431 in its protocol format', async () => {
    await app.listen(0, '127.0.0.1');
    const answer = await rawHttp(app.getHttpServer().address() as AddressInfo, [
      'GET /probe/echo HTTP/1.1',
      'host: 127.0.0.1',
      `x-junk: ${'a'.repeat(40_000)}`,
    ]);
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(body)).toEqual({ error: 'invalid_request', error_description: expect.any(String) });
  });

  it('[ROB-1] answers an unexpected failure with a generic 500 and logs its cause', async () => {
    const response = await inject({ url: '/probe/unexpected' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: 'server_error', error_description: expect.any(String) });
    expect(response.body).not.toContain('10.9.8.7');
    expect(Buffer.concat(logs).toString('utf8')).toContain('pool exhausted connecting to 10.9.8.7');
  });

  it('[TOK-7] never writes a credential to its logs', async () => {
    await inject({
      url: '/probe/protocol-error?code=code-in-query&access_token=token-in-query',
      headers: {
        authorization: 'DPoP header-access-token',
        dpop: 'header-dpop-proof',
        cookie: 'sid=cookie-session',
      },
    });
    const written = Buffer.concat(logs).toString('utf8');
    expect(written).toContain('/probe/protocol-error?code=');
    for (const secret of [
      'code-in-query',
      'token-in-query',
      'header-access-token',
      'header-dpop-proof',
      'cookie-session',
    ]) {
      expect(written).not.toContain(secret);
    }
  });

  it('exposes Prometheus metrics with latency per route template and status', async () => {
    const response = await inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toMatch(
      /grantline_http_request_duration_seconds_bucket\{.*route="\/probe\/echo".*status_code="201"/,
    );
    expect(response.body).toContain('process_cpu_user_seconds_total');
  });

  it('[ROB-3] rate-limits a client past its budget with a 429 OAuth error', async () => {
    let last = await inject({ url: '/probe/protocol-error' });
    for (let i = 0; i < 30 && last.statusCode !== 429; i += 1)
      last = await inject({ url: '/probe/protocol-error' });
    expect(last.statusCode).toBe(429);
    expect(last.json()).toEqual({ error: 'too_many_requests', error_description: expect.any(String) });
    expect((await inject({ url: '/health/ready' })).statusCode).toBe(200);
  });
});

describe('a service sharing its process with others (the embedded runtime)', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  const written = (chunks: Buffer[]) =>
    Buffer.concat(chunks)
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const serviceChunks: Buffer[] = [];
  const processChunks: Buffer[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('platform_shared');
    const config = loadConfig(ProbeConfig, { DATABASE_URL: database.url, MIGRATE_ON_START: 'true' });
    app = await createServiceApp(probeService, config, {
      transport: new InProcessTransport(),
      metrics: createMetricsRegistry(),
      logDestination: new PassThrough().on('data', (chunk: Buffer) => serviceChunks.push(chunk)),
      processLogger: new ServiceLogger(
        createServiceLogger({
          service: 'grantline',
          level: 'info',
          destination: new PassThrough().on('data', (chunk: Buffer) => processChunks.push(chunk)),
        }),
      ),
    });
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it("writes Nest's process-wide lines under the process's name and each request line under its service's", async () => {
    expect((await app.getHttpAdapter().getInstance().inject({ url: '/probe/unexpected' })).statusCode).toBe(
      500,
    );
    const processLines = written(processChunks);
    expect(processLines.length).toBeGreaterThan(0);
    expect(new Set(processLines.map((line) => line['service']))).toEqual(new Set(['grantline']));
    expect(processLines.map((line) => line['msg'])).toContain('Starting Nest application...');
    expect(processLines.some((line) => JSON.stringify(line).includes('pool exhausted'))).toBe(true);
    const requestLines = written(serviceChunks).filter((line) => line['msg'] === 'request completed');
    expect(
      requestLines.map((line) => [line['service'], (line['res'] as { statusCode: number }).statusCode]),
    ).toEqual([['token', 500]]);
  });
});

/** Writes a request as raw lines and reads the whole answer: fetch would refuse to send these. */
function rawHttp(address: AddressInfo, lines: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(address.port, address.address, () =>
      socket.write(`${lines.join('\r\n')}\r\n\r\n`),
    );
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}
