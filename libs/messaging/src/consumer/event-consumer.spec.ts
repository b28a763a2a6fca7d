// The consumer runtime's bookkeeping over a run of messages, with an in-memory ledger: which events
// take effect, and what the metrics observer is told about each.
import { grantlineCatalogue } from '@grantline/contracts';
import { InProcessTransport } from '../in-process/in-process-transport';
import type { TransportMessage } from '../transport/event-transport';
import { EventConsumer, type EffectLedger } from './event-consumer';

class MemoryLedger implements EffectLedger<string[]> {
  readonly processed = new Set<string>();
  readonly effects: string[] = [];

  async applyOnce(_consumer: string, eventId: string, effect: (transaction: string[]) => Promise<void>) {
    if (this.processed.has(eventId)) return false;
    const transaction: string[] = [];
    await effect(transaction);
    this.processed.add(eventId);
    this.effects.push(...transaction);
    return true;
  }

  async applyBatchOnce(
    _consumer: string,
    eventIds: readonly string[],
    effect: (transaction: string[], fresh: ReadonlySet<string>) => Promise<void>,
  ) {
    const fresh = new Set(eventIds.filter((id) => !this.processed.has(id)));
    const transaction: string[] = [];
    await effect(transaction, fresh);
    for (const id of fresh) this.processed.add(id);
    this.effects.push(...transaction);
    return fresh.size;
  }

  async isReachable() {
    return true;
  }
}

function grantRevoked(id = globalThis.crypto.randomUUID()): TransportMessage {
  const grantId = `grant-${id.slice(0, 8)}`;
  const envelope = {
    id,
    type: 'GrantRevoked',
    schemaVersion: 1,
    streamId: grantId,
    streamPosition: 1,
    occurredAt: new Date().toISOString(),
    correlationId: 'corr',
    causationId: null,
    actor: { kind: 'psu', id: 'psu-1' },
    data: { grantId, clientId: 'tpp-1', revokedBy: 'psu', reason: 'PSU revoked it' },
  };
  return {
    topic: 'grantline.grant.v1',
    key: grantId,
    value: JSON.stringify(envelope),
    headers: {},
  };
}

describe('event consumer runs', () => {
  it('applies each fresh event once in a run and counts redeliveries as duplicates, not as applied', async () => {
    const ledger = new MemoryLedger();
    const counted: string[] = [];
    const consumer = new EventConsumer<string[]>({
      name: 'token',
      transport: new InProcessTransport(),
      catalogue: grantlineCatalogue,
      ledger,
      handlers: new Map([['GrantRevoked', async (event, transaction) => void transaction.push(event.id)]]),
      observer: {
        applied: (type) => counted.push(`applied ${type}`),
        duplicate: (type) => counted.push(`duplicate ${type}`),
      },
    });
    const earlier = grantRevoked();
    await consumer.deliver(earlier);
    const fresh = grantRevoked();
    await consumer.deliverBatch([earlier, fresh, fresh]);
    expect(ledger.effects).toEqual([JSON.parse(earlier.value).id, JSON.parse(fresh.value).id]);
    expect(counted).toEqual([
      'applied GrantRevoked',
      'duplicate GrantRevoked',
      'duplicate GrantRevoked',
      'applied GrantRevoked',
    ]);
  });
});
