// npm run bench -- backbone
// End-to-end event throughput and latency: append (one statement with the outbox row) → relay →
// transport → consumer effect committed with its processed-event record. Real PostgreSQL 17 and a
// real Kafka 3.9.1 broker, started here (or KAFKA_BROKERS); the in-process transport in the same run.
//  - throughput: append a backlog as fast as writers can, until every effect has committed;
//  - latency: append at a steady rate below capacity; latency is effect commit − event recorded,
//    both read from PostgreSQL's clock.
import 'reflect-metadata';
import { IsInt, Min } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { DEAD_LETTER_TOPIC, defineEvent, EventCatalogue, type EventEnvelope } from '@grantline/contracts';
import { EventStore, eventStoreMigrations, IdempotentEffects, OutboxRelay } from '@grantline/event-store';
import { EventConsumer, InProcessTransport, KafkaTransport, type EventTransport } from '@grantline/messaging';
import { startTestPostgres } from '@grantline/testing';
import { benchKafka, type BenchKafka } from './bench-kafka';
import { BenchReport, percentile } from './report';

class BenchEventV1 {
  @IsInt() @Min(1) seq!: number;
}
const BenchEvent = defineEvent({
  type: 'BenchRecorded',
  schemaVersion: 1,
  context: 'grant',
  schema: BenchEventV1,
  description: 'A backbone benchmark event',
});

const STREAMS = 200;
const PER_APPEND = 10;
const BACKLOG = Number(process.env['BENCH_BACKBONE_EVENTS'] ?? 30_000);
const LATENCY_SECONDS = 10;
const meta = { correlationId: 'bench', actor: { kind: 'system' as const, id: 'bench' } };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function openSchema(url: string, schema: string): Promise<DataSource> {
  const admin = new DataSource({ type: 'postgres', url });
  await admin.initialize();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.destroy();
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    schema,
    migrations: [...eventStoreMigrations],
    extra: { max: 30, options: `-c search_path=${schema}` },
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.query(
    'CREATE TABLE effects (event_id uuid PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT clock_timestamp())',
  );
  return dataSource;
}

interface Run {
  store: EventStore;
  dataSource: DataSource;
  versions: number[];
  stop(): Promise<void>;
}

async function startRun(
  url: string,
  transport: EventTransport,
  name: string,
  catalogue: EventCatalogue,
): Promise<Run> {
  const dataSource = await openSchema(url, name);
  const store = new EventStore(dataSource, catalogue);
  const consumer = new EventConsumer({
    name,
    transport,
    catalogue,
    ledger: new IdempotentEffects(dataSource),
    handlers: new Map([
      [
        'BenchRecorded',
        async (event: EventEnvelope, transaction: EntityManager) => {
          await transaction.query('INSERT INTO effects (event_id) VALUES ($1)', [event.id]);
        },
      ],
    ]),
  });
  await consumer.start();
  const relay = new OutboxRelay(dataSource, transport, { pollIntervalMs: 100 });
  await relay.start();
  return {
    store,
    dataSource,
    versions: new Array<number>(STREAMS).fill(0),
    stop: async () => {
      await relay.stop();
      await consumer.stop();
      await dataSource.destroy();
    },
  };
}

async function appendChunk(run: Run, stream: number): Promise<void> {
  const from = run.versions[stream];
  const events = Array.from({ length: PER_APPEND }, (_, i) => ({
    type: 'BenchRecorded',
    data: { seq: from + i + 1 },
  }));
  await run.store.append(`bench-${stream}`, from === 0 ? 'no-stream' : from, events, meta);
  run.versions[stream] = from + PER_APPEND;
}

async function effectCount(run: Run): Promise<number> {
  const [{ count }] = await run.dataSource.query('SELECT count(*)::int AS count FROM effects');
  return count;
}

async function waitForEffects(run: Run, expected: number, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await effectCount(run)) < expected) {
    if (Date.now() > deadline)
      throw new Error(`only ${await effectCount(run)} of ${expected} effects committed`);
    await sleep(20);
  }
}

async function throughput(run: Run, report: BenchReport, events: number): Promise<number> {
  const before = await effectCount(run);
  const started = performance.now();
  const chunks = events / PER_APPEND;
  let next = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < chunks) {
        const chunk = next++;
        await appendChunk(run, chunk % STREAMS);
      }
    }),
  );
  await waitForEffects(run, before + events);
  const seconds = (performance.now() - started) / 1000;
  report.note(`${events} events end to end in ${seconds.toFixed(1)} s`);
  return events / seconds;
}

async function latency(run: Run, ratePerSecond: number): Promise<number[]> {
  const before = await effectCount(run);
  const [{ mark }] = await run.dataSource.query('SELECT clock_timestamp() AS mark');
  const chunksPerSecond = ratePerSecond / PER_APPEND;
  const started = performance.now();
  let sent = 0;
  const inFlight: Array<Promise<void>> = [];
  while (performance.now() - started < LATENCY_SECONDS * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * chunksPerSecond);
    while (sent < due) inFlight.push(appendChunk(run, sent++ % STREAMS));
    await sleep(5);
  }
  await Promise.all(inFlight);
  await waitForEffects(run, before + sent * PER_APPEND);
  const rows: Array<{ ms: number }> = await run.dataSource.query(
    `SELECT extract(epoch FROM (f.applied_at - e.recorded_at)) * 1000 AS ms
     FROM effects f JOIN events e ON e.event_id = f.event_id WHERE e.recorded_at >= $1`,
    [mark],
  );
  return rows.map((row) => Number(row.ms));
}

async function measure(
  report: BenchReport,
  prefix: 'kafka' | 'inprocess',
  url: string,
  transport: EventTransport,
  catalogue: EventCatalogue,
): Promise<void> {
  await transport.start();
  const run = await startRun(url, transport, `bench_${prefix}`, catalogue);
  try {
    await throughput(run, report, 2000); // warm-up: connections, consumer group join, JIT
    const eventsPerSecond = await throughput(run, report, BACKLOG);
    report.record(`${prefix}_events_per_s`, eventsPerSecond, 'events/s');
    const rate = Math.max(100, Math.floor((eventsPerSecond * 0.5) / 100) * 100);
    const latencies = await latency(run, rate);
    report.record(`${prefix}_latency_load_events_per_s`, rate, 'events/s');
    report.record(`${prefix}_p50_ms`, percentile(latencies, 50), 'ms');
    report.record(`${prefix}_p99_ms`, percentile(latencies, 99), 'ms');
  } finally {
    await run.stop();
    await transport.stop();
  }
}

async function main(): Promise<void> {
  const report = new BenchReport('backbone');
  const postgres = await startTestPostgres();
  let kafka: BenchKafka | undefined;
  try {
    await postgres.ensureDatabase('bench');
    const url = postgres.url('bench');
    kafka = await benchKafka();
    const brokers = kafka.brokers;
    const suffix = Date.now().toString(36);
    const kafkaCatalogue = new EventCatalogue([BenchEvent], { topicFor: (c) => `bench-${suffix}.${c}.v1` });
    report.note(`PostgreSQL on ${postgres.port}, Kafka on ${brokers}; ${BACKLOG} events per throughput run`);
    await measure(
      report,
      'kafka',
      url,
      new KafkaTransport({
        brokers: brokers.split(','),
        clientId: 'bench',
        topics: [...kafkaCatalogue.topics, DEAD_LETTER_TOPIC],
        partitions: 6,
        partitionsConsumedConcurrently: 6,
      }),
      kafkaCatalogue,
    );
    const inProcessCatalogue = new EventCatalogue([BenchEvent]);
    await measure(report, 'inprocess', url, new InProcessTransport(), inProcessCatalogue);
  } finally {
    await kafka?.release();
    await postgres.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`backbone bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
