// [TOK-7] credentials never reach a log line.
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { loggerOptions, serializeRequest } from './logger';
import { REDACTED, redactUrl } from './redaction';

describe('redactUrl', () => {
  it('[TOK-7] replaces the values of credential parameters and keeps the rest', () => {
    expect(redactUrl('/cb?code=abc123&state=xyz&iss=https%3A%2F%2Fas')).toBe(
      `/cb?code=${REDACTED}&state=xyz&iss=https%3A%2F%2Fas`,
    );
    expect(redactUrl('/accounts?access_token=eyJhbGciOi')).toBe(`/accounts?access_token=${REDACTED}`);
  });

  it('[TOK-7] catches encoded and differently cased names', () => {
    expect(redactUrl('/x?Access%5Ftoken=t1&REFRESH_TOKEN=t2&request_uri=urn%3Ax')).toBe(
      `/x?Access%5Ftoken=${REDACTED}&REFRESH_TOKEN=${REDACTED}&request_uri=${REDACTED}`,
    );
  });

  it('leaves URLs without a query, and malformed escapes, intact or redacted but never throws', () => {
    expect(redactUrl('/health/ready')).toBe('/health/ready');
    expect(() => redactUrl('/x?%E0%A4%A=1&code=%')).not.toThrow();
    expect(redactUrl('/x?%E0%A4%A=1&code=%')).toContain(`code=${REDACTED}`);
  });
});

describe('request logging', () => {
  function capture(): { stream: PassThrough; lines: () => string } {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    return { stream, lines: () => Buffer.concat(chunks).toString('utf8') };
  }

  it('[TOK-7] logs no header, query or body credential', () => {
    const { stream, lines } = capture();
    const logger = pino(loggerOptions({ service: 'token', level: 'info' }), stream);
    const raw = {
      method: 'POST',
      url: '/token?code=the-code-value',
      headers: { authorization: 'DPoP the-access-token', dpop: 'the-dpop-proof', cookie: 'sid=the-session' },
      socket: { remoteAddress: '127.0.0.1' },
    };
    logger.info(
      {
        req: {
          raw,
          headers: raw.headers,
          body: { client_assertion: 'the-assertion', code_verifier: 'the-verifier' },
        },
        token: { refresh_token: 'the-refresh-token' },
      },
      'request',
    );
    const written = lines();
    for (const secret of [
      'the-code-value',
      'the-access-token',
      'the-dpop-proof',
      'the-session',
      'the-assertion',
      'the-verifier',
      'the-refresh-token',
    ]) {
      expect(written).not.toContain(secret);
    }
    expect(written).toContain('/token?code=');
  });

  it('keeps what an operator needs: method, redacted URL, ids', () => {
    const serialized = serializeRequest({
      method: 'GET',
      raw: {
        url: '/par?request_uri=x',
        method: 'GET',
        headers: { 'user-agent': 'tpp/1.0' },
        socket: {},
      } as never,
    });
    expect(serialized).toMatchObject({
      method: 'GET',
      url: `/par?request_uri=${REDACTED}`,
      userAgent: 'tpp/1.0',
    });
  });
});
