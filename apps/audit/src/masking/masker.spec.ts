import type { EventEnvelope } from '@grantline/contracts';
import { MacKey } from '@grantline/crypto';
import { Masker } from './masker';

/** Every object's keys, in the order JSON.stringify would write them, depth first. */
function keyOrders(value: unknown, into: string[][] = []): string[][] {
  if (Array.isArray(value)) for (const element of value) keyOrders(element, into);
  else if (typeof value === 'object' && value !== null) {
    into.push(Object.keys(value));
    for (const member of Object.values(value)) keyOrders(member, into);
  }
  return into;
}

describe('the masker', () => {
  const masker = new Masker(new MacKey(Buffer.alloc(32, 7)));

  it('[AUD-2] builds every masked object with its keys in sorted order, whatever order the event had', () => {
    const event = {
      type: 'AuthorizationApproved',
      id: '0b9f3c1e-5d2a-4c8e-9f1a-2b3c4d5e6f70',
      data: {
        subject: 'psu-1',
        clientId: 'tpp-1',
        unknownField: { z: 1, a: [{ y: 2, b: 3 }] },
        authorizationDetails: [{ type: 'payment_initiation', consentId: 'pdc-1', creditorName: 'Ann' }],
      },
      actor: { kind: 'psu', id: 'psu-1' },
      streamPosition: 1,
      streamId: 'auth-1',
      schemaVersion: 1,
      occurredAt: '2026-12-07T06:00:00.000Z',
      correlationId: 'corr-1',
      causationId: null,
    } as unknown as EventEnvelope;
    const orders = keyOrders(masker.maskEvent(event));
    expect(orders.length).toBeGreaterThan(4);
    for (const keys of orders) expect(keys).toEqual([...keys].sort());
  });
});
