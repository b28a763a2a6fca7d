// The event backbone end to end on real PostgreSQL and the real Kafka broker, and the same suite
// on the in-process transport: append → outbox → relay → transport → consumer effect, with
// per-stream order and effects applied once while things fail (DESIGN.md "The event backbone").
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '@grantline/contracts';
import { createTestDatabase, eventually, type TestDatabase } from '@grantline/testing';
import { EventStore, OutboxRelay } from '@grantline/event-store';
import { EventConsumer, InProcessTransport, KafkaTransport, type EventTransport } from '@grantline/messaging';
import {
  appendProbes,
  appliedCount,
  deliveryViolation,
  LostAcknowledgements,
  openProbeDatabase,
  probeCatalogue,
  probeLedger,
  probeTopics,
  recordApplied,
} from './test/backbone-kit';

const ROOT = join(__dirname, '..', '..', '..', '..');
const STREAMS = Array.from({ length: 100 }, (_, i) => `probe-${String(i).padStart(3, '0')}`);
const PER_STREAM = 100;

let runId = 0;
const unique = (what: string) => `${what}-${process.pid}-${Date.now().toString(36)}-${runId++}`;

function startConsumerProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['-r', join(ROOT, 'scripts/ts-register.cjs'), join(__dirname, 'test/consumer-process.ts')],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('consuming')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`consumer process exited (${code}): ${errors}`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe.each(['kafka', 'in-process'] as const)('event backbone on the %s transport', (transportName) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let store: EventStore;
  let catalogue: ReturnType<typeof probeCatalogue>;
  let transport: EventTransport;
  const brokers = () => (process.env['KAFKA_BROKERS'] ?? '').split(',');

  const newTransport = (): EventTransport =>
    transportName === 'kafka'
      ? new KafkaTransport({ brokers: brokers(), clientId: unique('relay'), topics: probeTopics(catalogue) })
      : new InProcessTransport();

  beforeEach(async () => {
    database = await createTestDatabase('backbone');
    dataSource = await openProbeDatabase(database.url, 20);
    catalogue = probeCatalogue(unique('probe'));
    store = new EventStore(dataSource, catalogue);
    transport = newTransport();
    await transport.start();
  });

  afterEach(async () => {
    await transport?.stop();
    await dataSource?.destroy();
    await database?.drop();
  });

  const consumerFor = (name: string, on: EventTransport = transport) =>
    new EventConsumer({
      name,
      transport: on,
      catalogue,
      ledger: probeLedger(dataSource),
      handlers: new Map([['ProbeRecorded', recordApplied(name)]]),
      retryBaseMs: 50,
    });

  it('[ROB-2] delivers 10,000 events over 100 streams in stream order, each effect once, while the consumer is killed and restarted and the relay publishes duplicates', async () => {
    const consumer = unique('consumer');
    const publisher = new LostAcknowledgements(transport, 7);
    const relay = new OutboxRelay(dataSource, publisher, { pollIntervalMs: 100, retryBaseMs: 20 });

    // The consumer dies abruptly mid-stream: on Kafka a SIGKILLed process (offsets of unfinished
    // work not committed), in-process a consumer torn down while the relay keeps publishing.
    let restart: () => Promise<void>;
    let finish: () => Promise<void>;
    if (transportName === 'kafka') {
      const env = {
        PROBE_DATABASE_URL: database.url,
        PROBE_TOPIC_PREFIX: catalogue.topics[0].replace(/\.grant\.v1$/, ''),
        PROBE_CONSUMER: consumer,
        KAFKA_BROKERS: brokers().join(','),
      };
      let child = await startConsumerProcess(env);
      restart = async () => {
        await killed(child);
        child = await startConsumerProcess(env);
      };
      finish = () => killed(child);
    } else {
      let running = consumerFor(consumer);
      await running.start();
      restart = async () => {
        await relay.stop();
        await running.stop();
        running = consumerFor(consumer);
        await running.start();
        await relay.start();
      };
      finish = () => running.stop();
    }

    let appliedAtRestart = 0;
    await relay.start();
    try {
      // Kill the consumer once a quarter of the effects are in, whether appends are still running or not.
      const restarted = eventually(
        async () => expect(await appliedCount(dataSource, consumer)).toBeGreaterThan(2500),
        {
          timeoutMs: 120_000,
          intervalMs: 50,
        },
      ).then(async () => {
        appliedAtRestart = await appliedCount(dataSource, consumer);
        await restart();
      });
      await appendProbes(store, STREAMS, PER_STREAM, 10);
      await restarted;
      await eventually(async () => expect(await appliedCount(dataSource, consumer)).toBe(10_000), {
        timeoutMs: 120_000,
        intervalMs: 250,
      });
      expect(appliedAtRestart).toBeLessThan(10_000);
      expect(publisher.duplicatedMessages).toBeGreaterThan(0);
      expect(await deliveryViolation(dataSource, consumer, STREAMS, PER_STREAM)).toBeUndefined();
      // Rows whose acknowledgement was lost are published again after their backoff.
      await eventually(async () => {
        const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM outbox');
        expect(count).toBe(0);
      });
      expect(await appliedCount(dataSource, consumer)).toBe(10_000);
    } finally {
      await relay.stop();
      await finish();
    }
  }, 240_000);

  it('publishes the appends of a burst together: one cycle per interval, not one per append', async () => {
    const batches: number[] = [];
    // Only NOTIFY wakes it here (the poll is a minute away); cycles start at most once a second.
    const relay = new OutboxRelay(dataSource, transport, {
      pollIntervalMs: 60_000,
      minCycleIntervalMs: 1000,
      observer: { published: (count) => batches.push(count) },
    });
    await relay.start();
    try {
      await appendProbes(store, ['probe-burst-first'], 1, 1);
      await eventually(() => expect(batches).toEqual([1]), { timeoutMs: 10_000 });
      // Fifty appends one after another, each committed (and notified) on its own.
      for (let i = 0; i < 50; i++) await appendProbes(store, [`probe-burst-${i}`], 1, 1);
      await eventually(() => expect(batches.reduce((sum, count) => sum + count, 0)).toBe(51), {
        timeoutMs: 10_000,
      });
      expect(batches.length).toBeLessThanOrEqual(4);
    } finally {
      await relay.stop();
    }
  }, 30_000);

  it('shares one outbox between two relay instances: per-stream order kept, no double effect', async () => {
    const consumer = unique('consumer');
    const running = consumerFor(consumer);
    await running.start();
    const published = [0, 0];
    const relays = [0, 1].map(
      (i) =>
        new OutboxRelay(dataSource, transport, {
          pollIntervalMs: 50,
          batchSize: 50,
          lanesPerCycle: 8,
          observer: { published: (count) => (published[i] += count) },
        }),
    );
    await Promise.all(relays.map((relay) => relay.start()));
    try {
      const streams = STREAMS.slice(0, 40);
      await appendProbes(store, streams, 50, 5);
      await eventually(async () => expect(await appliedCount(dataSource, consumer)).toBe(2000), {
        timeoutMs: 60_000,
      });
      expect(published[0]).toBeGreaterThan(0);
      expect(published[1]).toBeGreaterThan(0);
      expect(published[0] + published[1]).toBe(2000);
      expect(await deliveryViolation(dataSource, consumer, streams, 50)).toBeUndefined();
    } finally {
      await Promise.all(relays.map((relay) => relay.stop()));
      await running.stop();
    }
  }, 90_000);

  it('dead-letters an event the transport refuses after its last attempt, and the stream carries on', async () => {
    const consumer = unique('consumer');
    const running = consumerFor(consumer);
    await running.start();
    const deadLettered: string[] = [];
    const relay = new OutboxRelay(dataSource, transport, {
      pollIntervalMs: 50,
      maxAttempts: 3,
      retryBaseMs: 10,
      observer: { deadLettered: (eventId) => deadLettered.push(eventId) },
    });
    await relay.start();
    try {
      const meta = { correlationId: 'too-big', actor: { kind: 'system' as const, id: 'test' } };
      await store.append('probe-big', 'no-stream', [{ type: 'ProbeRecorded', data: { seq: 1 } }], meta);
      // Larger than Kafka's message.max.bytes: the broker (or the in-process limit) refuses it.
      const oversized = await store.append(
        'probe-big',
        1,
        [{ type: 'ProbeRecorded', data: { seq: 2, blob: 'x'.repeat(1_200_000) } }],
        meta,
      );
      await store.append('probe-big', 2, [{ type: 'ProbeRecorded', data: { seq: 3 } }], meta);
      await eventually(async () => expect(await appliedCount(dataSource, consumer)).toBe(2), {
        timeoutMs: 30_000,
      });
      expect(deadLettered).toEqual([oversized.events[0].eventId]);
      const rows: Array<{ event_id: string; attempts: number; last_error: string }> = await dataSource.query(
        'SELECT event_id, attempts, last_error FROM outbox_dead_letters',
      );
      expect(rows).toEqual([
        { event_id: oversized.events[0].eventId, attempts: 3, last_error: expect.any(String) },
      ]);
      const applied = await dataSource.query('SELECT stream_position FROM applied ORDER BY seq');
      expect(applied.map((row: { stream_position: number }) => row.stream_position)).toEqual([1, 3]);
    } finally {
      await relay.stop();
      await running.stop();
    }
  }, 60_000);

  it('retries a handler that keeps failing, then dead-letters that event alone: the partition is not blocked', async () => {
    const consumer = unique('consumer');
    const attempts = new Map<number, number>();
    const poisoned = new EventConsumer({
      name: consumer,
      transport,
      catalogue,
      ledger: probeLedger(dataSource),
      retryBaseMs: 5,
      maxAttempts: 3,
      handlers: new Map([
        [
          'ProbeRecorded',
          async (event: EventEnvelope, transaction: EntityManager) => {
            const { seq } = event.data as { seq: number };
            attempts.set(seq, (attempts.get(seq) ?? 0) + 1);
            if (seq === 2) throw new Error('the core bank rejects this one');
            await recordApplied(consumer)(event, transaction);
          },
        ],
      ]),
    });
    await poisoned.start();
    const relay = new OutboxRelay(dataSource, transport, { pollIntervalMs: 50 });
    await relay.start();
    try {
      await appendProbes(store, ['probe-poison-handler'], 4, 4);
      await eventually(async () => expect(await appliedCount(dataSource, consumer)).toBe(3), {
        timeoutMs: 30_000,
      });
      const applied = await dataSource.query(
        'SELECT stream_position FROM applied WHERE consumer = $1 ORDER BY seq',
        [consumer],
      );
      expect(applied.map((row: { stream_position: number }) => row.stream_position)).toEqual([1, 3, 4]);
      expect(attempts.get(2)).toBeGreaterThanOrEqual(3);
      const [{ count }] = await dataSource.query(
        'SELECT count(*)::int AS count FROM processed_events WHERE consumer = $1',
        [consumer],
      );
      expect(count).toBe(3); // the dead-lettered event is not marked processed
    } finally {
      await relay.stop();
      await poisoned.stop();
    }
  }, 60_000);

  it('sends a message it cannot parse or does not know to the dead-letter topic and keeps consuming', async () => {
    const consumer = unique('consumer');
    const running = consumerFor(consumer);
    await running.start();
    const deadLetters: string[] = [];
    const watcher = await transport.subscribe({
      group: unique('dead-letter-watcher'),
      topics: ['grantline.dead-letter.v1'],
      handler: async (message) => {
        if (message.headers['dead-letter-consumer'] === consumer)
          deadLetters.push(message.headers['dead-letter-reason']);
      },
    });
    const topic = catalogue.topics[0];
    const relay = new OutboxRelay(dataSource, transport, { pollIntervalMs: 50 });
    try {
      await transport.publish([
        { topic, key: 'probe-poison', value: '{"not": "an envelope"', headers: {} },
        {
          topic,
          key: 'probe-poison',
          value: JSON.stringify({
            id: '0b5cf7a4-3c1e-4c56-9f3c-7b0f4f4f6a01',
            type: 'ProbeTeleported',
            schemaVersion: 1,
            streamId: 'probe-poison',
            streamPosition: 1,
            occurredAt: '2026-11-23T10:00:00.000Z',
            correlationId: 'c',
            causationId: null,
            actor: { kind: 'system', id: 'x' },
            data: {},
          }),
          headers: {},
        },
      ]);
      await relay.start();
      await appendProbes(store, ['probe-after-poison'], 5, 5);
      await eventually(async () => expect(await appliedCount(dataSource, consumer)).toBe(5), {
        timeoutMs: 30_000,
      });
      await eventually(
        () => expect(deadLetters.sort()).toEqual(['malformed-envelope', 'unknown-event-type']),
        {
          timeoutMs: 30_000,
        },
      );
    } finally {
      await relay.stop();
      await watcher.stop();
      await running.stop();
    }
  }, 60_000);
});
