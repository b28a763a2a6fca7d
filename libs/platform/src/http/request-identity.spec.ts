import type { IncomingMessage } from 'node:http';
import { assignRequestIdentity, requestIdentity } from './request-identity';

const request = (headers: Record<string, string | string[]>) => ({ headers }) as unknown as IncomingMessage;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request identity', () => {
  it('[CON-5] echoes a well-formed x-fapi-interaction-id', () => {
    const incoming = request({ 'x-fapi-interaction-id': '93bac548-d2de-4546-b106-880a5018460d' });
    assignRequestIdentity(incoming);
    expect(requestIdentity(incoming)?.interactionId).toBe('93bac548-d2de-4546-b106-880a5018460d');
  });

  it('[CON-5] generates one when absent', () => {
    const incoming = request({});
    const id = assignRequestIdentity(incoming);
    expect(id).toMatch(UUID);
    expect(requestIdentity(incoming)?.interactionId).toMatch(UUID);
  });

  it('never reflects a malformed or repeated header value (header injection)', () => {
    const injected = request({
      'x-fapi-interaction-id': 'x\r\nSet-Cookie: a=b',
      'x-request-id': ['aaaaaaaa', 'bbbbbbbb'],
    });
    const id = assignRequestIdentity(injected);
    expect(id).toMatch(UUID);
    expect(requestIdentity(injected)?.interactionId).toMatch(UUID);
  });

  it('keeps a caller request id that is safe to log and echo', () => {
    const incoming = request({ 'x-request-id': 'req-2026.11.23_0001' });
    expect(assignRequestIdentity(incoming)).toBe('req-2026.11.23_0001');
  });
});
