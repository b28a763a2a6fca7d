// The consumer runtime's bookkeeping with an in-memory ledger and transport (pure logic): which
// events take effect in which transaction, what is dead-lettered, what the metrics observer hears.
import 'reflect-metadata';
import { IsString } from 'class-validator';
import { defineEvent, EventCatalogue, type EventEnvelope } from '@grantline/contracts';
import type { EventTransport, TransportMessage } from '../transport/event-transport';
import { EventConsumer, type EffectLedger } from './event-consumer';

class NotedV1 {
  @IsString() note!: string;
}
const catalogue = new EventCatalogue([
  defineEvent({ type: 'Noted', schemaVersion: 1, context: 'grant', schema: NotedV1, description: 'test' }),
]);

const message = (id: number, note: unknown = `n${id}`): TransportMessage => ({
  topic: 'grantline.grant.v1',
  key: 'stream',
  headers: {},
  value: JSON.stringify({
    id: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
    type: 'Noted',
    schemaVersion: 1,
    streamId: 'stream',
    streamPosition: id,
    occurredAt: '2026-11-23T09:00:00.000Z',
    correlationId: 'c',
    causationId: null,
    actor: { kind: 'system', id: 'test' },
    data: { note },
  }),
});

function harness(mode: 'run handler' | 'type handler' = 'run handler') {
  const processed = new Set<string>();
  const observed: string[] = [];
  const transactions: string[][] = [];
  const deadLetters: TransportMessage[] = [];
  const ledger: EffectLedger<string[]> = {
    async applyOnce(_consumer, eventId, effect) {
      if (processed.has(eventId)) return false;
      const tx: string[] = [];
      await effect(tx);
      processed.add(eventId);
      transactions.push(tx);
      return true;
    },
    async applyBatchOnce(_consumer, eventIds, effect) {
      const fresh = new Set(eventIds.filter((id) => !processed.has(id)));
      const tx: string[] = [];
      await effect(tx, fresh);
      fresh.forEach((id) => processed.add(id));
      transactions.push(tx);
      return fresh.size;
    },
    isReachable: async () => true,
  };
  const transport = {
    publish: async (messages: TransportMessage[]) => void deadLetters.push(...messages),
  } as unknown as EventTransport;
  const consumer = new EventConsumer<string[]>({
    name: 'audit',
    transport,
    catalogue,
    ledger,
    ...(mode === 'run handler'
      ? {
          handlers: new Map(),
          runHandler: async (events: readonly EventEnvelope[], tx: string[]) =>
            void tx.push(...events.map((event) => (event.data as NotedV1).note)),
        }
      : {
          handlers: new Map([
            [
              'Noted',
              async (event: EventEnvelope, tx: string[]) => void tx.push((event.data as NotedV1).note),
            ],
          ]),
        }),
    observer: {
      applied: (type) => observed.push(`applied ${type}`),
      duplicate: (type) => observed.push(`duplicate ${type}`),
    },
  });
  return { consumer, transactions, deadLetters, observed };
}

describe('the consumer runtime', () => {
  it('applies a run of every event type in one transaction, each event once', async () => {
    const { consumer, transactions } = harness();
    await consumer.deliverBatch([message(1), message(2), message(3)]);
    await consumer.deliverBatch([message(2), message(3), message(4)]);
    expect(transactions).toEqual([['n1', 'n2', 'n3'], ['n4']]);
  });

  it('dead-letters a malformed message alone and still applies the rest of its run at once', async () => {
    const { consumer, transactions, deadLetters } = harness();
    await consumer.deliverBatch([message(1), message(2, 42), message(3)]);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0].headers['dead-letter-reason']).toBe('invalid-payload');
    expect(transactions).toEqual([['n1', 'n3']]);
  });

  it('counts a redelivery within a run as a duplicate only, never also as applied', async () => {
    const { consumer, transactions, observed } = harness('type handler');
    await consumer.deliver(message(1));
    await consumer.deliverBatch([message(1), message(2), message(2)]);
    expect(transactions).toEqual([['n1'], ['n2']]);
    expect(observed).toEqual(['applied Noted', 'duplicate Noted', 'duplicate Noted', 'applied Noted']);
  });
});
