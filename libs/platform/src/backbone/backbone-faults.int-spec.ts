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

/** Appends one event to every stream per round until stopped; retries a round the database refused. */
function keepAppending(store: EventStore) {
  let running = true;
  let rounds = 0;
  const done = (async () => {
    while (running) {
      try {
        await Promise.all(
          STREAMS.map((streamId) =>
            store.append(
              streamId,
              rounds === 0 ? 'no-stream' : rounds,
              [{ type: 'ProbeRecorded', data: { seq: rounds + 1 } }],
              meta,
            ),
          ),
        );
        rounds++;
      } catch {
        // A round that failed part-way: the streams that got it move on, so realign by re-reading.
        const versions = await Promise.all(
          STREAMS.map((s) => store.readStream(s).then((r) => r.version)),
        ).catch(() => []);
        if (versions.length === STREAMS.length) {
          const behind = Math.min(...versions);
          await Promise.all(
            STREAMS.map((streamId, i) =>
              versions[i] === behind
                ? store.append(
                    streamId,
                    behind === 0 ? 'no-stream' : behind,
                    [{ type: 'ProbeRecorded', data: { seq: behind + 1 } }],
                    meta,
                  )
                : undefined,
            ),
          ).catch(() => undefined);
        }
        await sleep(100);
        continue;
      }
      await sleep(40);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
    },
    rounds: () => rounds,
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
    } finally {
      await relay.stop();
      await consumer.stop();
      await transport.stop();
      await dataSource.destroy();
      await database.drop();
      await broker.destroy();
    }
  }, 180_000);

  it('PostgreSQL restarted under a running relay and consumer: they recover with no manual action', async () => {
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
