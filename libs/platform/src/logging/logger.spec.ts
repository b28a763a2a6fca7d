import { PassThrough } from 'node:stream';
import Fastify from 'fastify';
import { ServiceLogger, createServiceLogger, logRequests, requestLogLevel } from './logger';
import { REDACTED } from './redaction';

function capture(level: 'info' | 'warn' = 'info') {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const logger = createServiceLogger({ service: 'consent', level, destination: stream });
  const lines = () =>
    Buffer.concat(chunks)
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines };
}

describe('request lines', () => {
  async function serve(level: 'info' | 'warn') {
    const { logger, lines } = capture(level);
    const server = Fastify();
    logRequests(server, logger);
    server.get('/aisp/accounts', async () => ({ ok: true }));
    server.get('/health/ready', async () => ({ ok: true }));
    await server.ready();
    return { server, lines };
  }

  it('[TOK-7] writes one line per answered request, with its status, time and redacted URL', async () => {
    const { server, lines } = await serve('info');
    await server.inject({
      url: '/aisp/accounts?code=the-code&page=2',
      headers: { authorization: 'DPoP the-token', 'user-agent': 'tpp/1.0' },
    });
    await server.inject({ url: '/nowhere' });
    const written = lines();
    expect(written).toHaveLength(2);
    expect(written[0]).toMatchObject({
      level: 30,
      service: 'consent',
      msg: 'request completed',
      req: { method: 'GET', url: `/aisp/accounts?code=${REDACTED}&page=2`, userAgent: 'tpp/1.0' },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
    expect(JSON.stringify(written)).not.toContain('the-code');
    expect(JSON.stringify(written)).not.toContain('the-token');
    expect(written[1]).toMatchObject({ level: 40, res: { statusCode: 404 } });
  });

  it('leaves out the probes and scrapes, and what the level leaves out', async () => {
    const { server, lines } = await serve('warn');
    await server.inject({ url: '/health/ready' });
    await server.inject({ url: '/aisp/accounts' });
    await server.inject({ url: '/nowhere' });
    expect(lines().map((line) => (line['res'] as { statusCode: number }).statusCode)).toEqual([404]);
  });

  it('chooses the level by status', () => {
    expect([200, 302, 400, 401, 500, 503].map(requestLogLevel)).toEqual([
      'info',
      'info',
      'warn',
      'warn',
      'error',
      'error',
    ]);
  });
});

describe('ServiceLogger (Nest over pino)', () => {
  it('writes Nest messages with their context', () => {
    const { logger, lines } = capture();
    new ServiceLogger(logger).log('Mapped {/par, POST} route', 'RouterExplorer');
    expect(lines()).toEqual([
      expect.objectContaining({ level: 30, context: 'RouterExplorer', msg: 'Mapped {/par, POST} route' }),
    ]);
  });

  it('makes an object argument fields of the line, and keeps an error with its cause', () => {
    const { logger, lines } = capture();
    const nest = new ServiceLogger(logger);
    nest.error(
      { err: new Error('pool exhausted'), route: '/par' },
      'unexpected error',
      'ProtocolExceptionFilter',
    );
    nest.error(new Error('boom'), 'Outbox');
    nest.error('relay stopped', 'Error: relay stopped\n    at relay.ts:1', 'OutboxRelay');
    const [fields, error, withStack] = lines();
    expect(fields).toMatchObject({
      level: 50,
      msg: 'unexpected error',
      route: '/par',
      context: 'ProtocolExceptionFilter',
      err: { message: 'pool exhausted' },
    });
    expect(error).toMatchObject({ context: 'Outbox', msg: 'boom', err: { message: 'boom' } });
    expect(withStack).toMatchObject({ msg: 'relay stopped', stack: expect.stringContaining('relay.ts:1') });
  });

  it('[TOK-7] redacts credentials handed to it as fields', () => {
    const { logger, lines } = capture();
    new ServiceLogger(logger).warn({ body: { client_assertion: 'the-assertion' } }, 'odd request', 'Par');
    expect(JSON.stringify(lines())).not.toContain('the-assertion');
  });

  it('builds nothing for a level that is off', () => {
    const { logger, lines } = capture('warn');
    const nest = new ServiceLogger(logger);
    nest.log('started');
    nest.debug('details');
    nest.verbose('more');
    expect(lines()).toEqual([]);
  });
});
