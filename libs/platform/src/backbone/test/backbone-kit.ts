// Shared by the backbone's integration tests: a probe event type on test-only topics, a probe
// schema with an `applied` table the consumer's effect writes to, and the delivery checks.
import 'reflect-metadata';
import { IsInt, IsOptional, IsString, Min } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { DEAD_LETTER_TOPIC, defineEvent, EventCatalogue, type EventEnvelope } from '@grantline/contracts';
import {
  EventStore,
  eventStoreMigrations,
  IdempotentEffects,
  type OutboxPublisher,
} from '@grantline/event-store';
import type { EventHandler, TransportMessage } from '@grantline/messaging';

export class ProbeRecordedV1 {
  @IsInt() @Min(1) seq!: number;
  @IsOptional() @IsString() blob?: string;
}

export const ProbeRecorded = defineEvent({
  type: 'ProbeRecorded',
  schemaVersion: 1,
  context: 'grant',
  schema: ProbeRecordedV1,
  description: 'A backbone test event',
});

export function probeCatalogue(prefix: string): EventCatalogue {
  return new EventCatalogue([ProbeRecorded], { topicFor: (context) => `${prefix}.${context}.v1` });
}

export function probeTopics(catalogue: EventCatalogue): string[] {
  return [...catalogue.topics, DEAD_LETTER_TOPIC];
}

export const PROBE_SCHEMA = 'probe';

export async function openProbeDatabase(url: string, poolSize = 10): Promise<DataSource> {
  const admin = new DataSource({ type: 'postgres', url });
  await admin.initialize();
  await admin.query(`CREATE SCHEMA IF NOT EXISTS ${PROBE_SCHEMA}`);
  await admin.destroy();
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    schema: PROBE_SCHEMA,
    migrations: [...eventStoreMigrations],
    migrationsTableName: 'migrations',
    extra: { max: poolSize, options: `-c search_path=${PROBE_SCHEMA}` },
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.query(`
    CREATE TABLE IF NOT EXISTS applied (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      consumer text NOT NULL,
      stream_id text NOT NULL,
      stream_position integer NOT NULL,
      event_id uuid NOT NULL
    )`);
  return dataSource;
}

/** The consumer's effect: one row per application, in the order applied. */
export const recordApplied =
  (consumer: string): EventHandler<EntityManager> =>
  async (event: EventEnvelope, transaction: EntityManager) => {
    await transaction.query(
      'INSERT INTO applied (consumer, stream_id, stream_position, event_id) VALUES ($1, $2, $3, $4)',
      [consumer, event.streamId, event.streamPosition, event.id],
    );
  };

export function probeLedger(dataSource: DataSource): IdempotentEffects {
  return new IdempotentEffects(dataSource);
}

/** Appends `perStream` events to each stream, `chunk` per append, streams concurrently. */
export async function appendProbes(
  store: EventStore,
  streams: readonly string[],
  perStream: number,
  chunk = 10,
  afterChunk: () => Promise<void> = async () => undefined,
): Promise<void> {
  await Promise.all(
    streams.map(async (streamId) => {
      for (let from = 1; from <= perStream; from += chunk) {
        const events = [];
        for (let seq = from; seq < from + chunk && seq <= perStream; seq++) {
          events.push({ type: 'ProbeRecorded', data: { seq } });
        }
        await store.append(streamId, from - 1 === 0 ? 'no-stream' : from - 1, events, {
          correlationId: `test-${streamId}`,
          actor: { kind: 'system', id: 'backbone-test' },
        });
        await afterChunk();
      }
    }),
  );
}

export async function appliedCount(dataSource: DataSource, consumer: string): Promise<number> {
  const [{ count }] = await dataSource.query(
    'SELECT count(*)::int AS count FROM applied WHERE consumer = $1',
    [consumer],
  );
  return count;
}

/**
 * Every stream's events applied exactly once and in stream order. Returns a description of the
 * first violation, or undefined.
 */
export async function deliveryViolation(
  dataSource: DataSource,
  consumer: string,
  streams: readonly string[],
  perStream: number,
): Promise<string | undefined> {
  const rows: Array<{ stream_id: string; positions: number[] }> = await dataSource.query(
    `SELECT stream_id, array_agg(stream_position ORDER BY seq) AS positions
     FROM applied WHERE consumer = $1 GROUP BY stream_id`,
    [consumer],
  );
  const byStream = new Map(rows.map((row) => [row.stream_id, row.positions]));
  for (const streamId of streams) {
    const positions = byStream.get(streamId) ?? [];
    const expected = Array.from({ length: perStream }, (_, i) => i + 1);
    if (positions.length !== perStream || positions.some((position, i) => position !== expected[i])) {
      const firstBad = positions.findIndex((position, i) => position !== expected[i]);
      return `${streamId}: ${positions.length} applied, first out of order at index ${firstBad} (${positions
        .slice(Math.max(0, firstBad - 2), firstBad + 3)
        .join(',')})`;
    }
  }
  if (byStream.size !== streams.length)
    return `effects for ${byStream.size} streams, expected ${streams.length}`;
  return undefined;
}

/**
 * A crash between publishing and committing, on a real transport: every `every`-th publish call
 * delivers its messages and then fails, so the relay publishes them again.
 */
export class LostAcknowledgements implements OutboxPublisher {
  private calls = 0;
  duplicatedMessages = 0;

  constructor(
    private readonly transport: OutboxPublisher,
    private readonly every: number,
  ) {}

  async publish(messages: readonly TransportMessage[]): Promise<void> {
    await this.transport.publish(messages);
    if (++this.calls % this.every === 0) {
      this.duplicatedMessages += messages.length;
      throw new Error('acknowledgement lost (injected)');
    }
  }

  isReady(): Promise<boolean> {
    return this.transport.isReady();
  }
}
