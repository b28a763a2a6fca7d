// The PSU's pages on a failure: our own page, with a status that says what happened (RESP-2, ROB-2).
import type { ArgumentsHost } from '@nestjs/common';
import { HtmlErrorFilter } from './html-error.filter';

function answered(exception: unknown): { status: number; body: string } {
  const sent = { status: 0, body: '' };
  const reply = {
    sent: false,
    status(code: number) {
      sent.status = code;
      return reply;
    },
    headers() {
      return reply;
    },
    send(body: string) {
      sent.body = String(body);
      return reply;
    },
  };
  const host = {
    switchToHttp: () => ({
      getRequest: () => ({ raw: {}, routeOptions: { url: '/interaction/:id/login' } }),
      getResponse: () => reply,
    }),
  } as unknown as ArgumentsHost;
  const filter = new HtmlErrorFilter();
  (filter as unknown as { logger: { error: () => void } }).logger = { error: () => undefined };
  filter.catch(exception, host);
  return sent;
}

describe('HtmlErrorFilter', () => {
  it('[ROB-2] a database out of reach is a 503 page asking to try again, not a 500', () => {
    const outage = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const page = answered(outage);
    expect(page.status).toBe(503);
    expect(page.body).toContain('try again');
    expect(page.body).not.toContain('ECONNREFUSED');
  });

  it('anything else unexpected stays a 500 page that reveals nothing', () => {
    const page = answered(new TypeError('secret detail'));
    expect(page.status).toBe(500);
    expect(page.body).not.toContain('secret detail');
  });
});
