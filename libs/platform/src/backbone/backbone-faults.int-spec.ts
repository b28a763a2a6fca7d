// The backbone under infrastructure faults: Kafka stopped for 10 s while events keep being
// appended (ROB-2), and PostgreSQL restarted under a running relay and consumer. Nobody steps in:
// the relay, the listener and the consumer recover on their own.
import { createTestDatabase, eventually, KafkaBroker, startTestPostgres } from '@grantline/testing';
import { EventStore, OutboxRelay } from '@grantline/event-store';
import { EventConsumer, InProcessTransport, KafkaTransport, type EventTransport } from '@grantline/messaging';
import {
  appliedCount,
  deliveryViolation,
  openProbeDatabase,
  probeCatalogue,
  probeLedger,
  probeTopics,
  recordApplied,
} from './test/backbone-kit';

const STREAMS = Array.from({ length: 20 }, (_, i) => `fault-${i}`);
const meta = { correlationId: 'fault-test', actor: { kind: 'system' as const, id: 'fault-test' } };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Appends one event to every stream per round until stopped. An append the database refused, or
 * whose reply was lost, is settled by re-reading the stream's version, so every stream knows
 * exactly what it holds; stop() tops the streams up to the same length.
 */
function keepAppending(store: EventStore) {
  let running = true;
  const versions = new Map<string, number>(STREAMS.map((streamId) => [streamId, 0]));
  const appendNext = async (streamId: string) => {
    const version = versions.get(streamId) ?? 0;
    try {
      await store.append(
        streamId,
        version === 0 ? 'no-stream' : version,
        [{ type: 'ProbeRecorded', data: { seq: version + 1 } }],
        meta,
      );
      versions.set(streamId, version + 1);
    } catch {
      const actual = await store.readStream(streamId).then(
        (stream) => stream.version,
        () => version,
      );
      versions.set(streamId, actual);
    }
  };
  const rounds = () => Math.min(...versions.values());
  const done = (async () => {
    while (running) {
      await Promise.all(STREAMS.map(appendNext));
      await sleep(40);
    }
  })();
  return {
    rounds,
    stop: async () => {
      running = false;
      await done;
      for (let guard = 0; guard < 100 && new Set(versions.values()).size > 1; guard++) {
        const target = Math.max(...versions.values());
        await Promise.all(STREAMS.filter((s) => (versions.get(s) ?? 0) < target).map(appendNext));
      }
    },
  };
}

async function settledRounds(store: EventStore): Promise<number> {
  const versions = await Promise.all(STREAMS.map((s) => store.readStream(s).then((r) => r.version)));
  expect(new Set(versions).size).toBe(1);
  return versions[0];
}

describe('event backbone under faults', () => {
  it('[ROB-2] Kafka stopped for 10 s while events keep being appended: every event arrives, none takes effect twice', async () => {
    const broker = await KafkaBroker.start();
    const database = await createTestDatabase('backbone_kafka_fault');
    const dataSource = await openProbeDatabase(database.url, 20);
    const catalogue = probeCatalogue(`fault-${process.pid}-${Date.now().toString(36)}`);
    const transport = new KafkaTransport({
      brokers: [broker.brokers],
      clientId: 'fault',
      topics: probeTopics(catalogue),
    });
    await transport.start();
    const store = new EventStore(dataSource, catalogue);
    const consumer = new EventConsumer({
      name: 'fault-consumer',
      transport,
      catalogue,
      ledger: probeLedger(dataSource),
      handlers: new Map([['ProbeRecorded', recordApplied('fault-consumer')]]),
    });
    const relay = new OutboxRelay(dataSource, transport, { pollIntervalMs: 200, retryMaxMs: 2000 });
    try {
      await consumer.start();
      await relay.start();
      const appender = keepAppending(store);
      await eventually(
        async () => expect(await appliedCount(dataSource, 'fault-consumer')).toBeGreaterThan(100),
        {
          timeoutMs: 30_000,
        },
      );
      await broker.stop();
      const roundsAtStop = appender.rounds();
      await sleep(10_000); // the outage itself, not a wait for an effect
      expect(appender.rounds()).toBeGreaterThan(roundsAtStop); // appends went on while Kafka was down
      await broker.restart();
      await sleep(1000);
      await appender.stop();
      const rounds = await settledRounds(store);
      await eventually(
        async () => expect(await appliedCount(dataSource, 'fault-consumer')).toBe(rounds * STREAMS.length),
        {
          timeoutMs: 90_000,
          intervalMs: 250,
        },
      );
      expect(await deliveryViolation(dataSource, 'fault-consumer', STREAMS, rounds)).toBeUndefined();
      const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM outbox_dead_letters');
      expect(count).toBe(0);
    } catch (error) {
      // Where delivery stopped: still in the outbox (relay side) or published but not applied.
      const [state] = await dataSource.query(
        `SELECT (SELECT count(*) FROM outbox)::int AS outbox, (SELECT count(*) FROM applied)::int AS applied,
                (SELECT count(*) FROM events)::int AS events`,
      );
      throw new Error(`${(error as Error).message}\nbackbone state: ${JSON.stringify(state)}`);
    } finally {
      await relay.stop();
      await consumer.stop();
      await transport.stop();
      await dataSource.destroy();
      await database.drop();
      await broker.destroy();
    }
  }, 180_000);

  it('[ROB-2] PostgreSQL restarted under a running relay and consumer: they recover with no manual action', async () => {
    const postgres = await startTestPostgres();
    await postgres.ensureDatabase('restart_probe');
    const dataSource = await openProbeDatabase(postgres.url('restart_probe'), 10);
    const catalogue = probeCatalogue('pg-restart');
    const transport: EventTransport = new InProcessTransport();
    const store = new EventStore(dataSource, catalogue);
    const consumer = new EventConsumer({
      name: 'restart-consumer',
      transport,
      catalogue,
      ledger: probeLedger(dataSource),
      handlers: new Map([['ProbeRecorded', recordApplied('restart-consumer')]]),
      retryBaseMs: 50,
    });
    const relay = new OutboxRelay(dataSource, transport, { pollIntervalMs: 200, retryMaxMs: 1000 });
    try {
      await consumer.start();
      await relay.start();
      const appender = keepAppending(store);
      await eventually(
        async () => expect(await appliedCount(dataSource, 'restart-consumer')).toBeGreaterThan(100),
        {
          timeoutMs: 30_000,
        },
      );
      await postgres.stop();
      await sleep(2000);
      await postgres.start();
      const roundsAfterRestart = appender.rounds();
      await eventually(() => expect(appender.rounds()).toBeGreaterThan(roundsAfterRestart + 5), {
        timeoutMs: 30_000,
      });
      await appender.stop();
      const rounds = await settledRounds(store);
      await eventually(
        async () => expect(await appliedCount(dataSource, 'restart-consumer')).toBe(rounds * STREAMS.length),
        {
          timeoutMs: 60_000,
          intervalMs: 250,
        },
      );
      expect(await deliveryViolation(dataSource, 'restart-consumer', STREAMS, rounds)).toBeUndefined();
    } finally {
      await relay.stop();
      await consumer.stop();
      await transport.stop();
      await dataSource.destroy();
      await postgres.stop();
    }
  }, 120_000);
});
