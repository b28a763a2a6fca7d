// Append-only event streams in the service's schema, with the outbox rows written by the same
// statement (so in the same transaction), and a global read in commit order.
import type { DataSource, EntityManager } from 'typeorm';
import { grantlineCatalogue, STREAM_ID, type EventCatalogue, type EventMetadata } from '@grantline/contracts';
import { ConcurrencyError, uniqueViolation, type ExpectedVersion } from './errors';
import { PreparedStatement } from '../sql/prepared-statement';
import type { AlongsideRow } from './alongside-insert';
import { APPEND_SQL, READ_ALL_SQL, READ_STREAM_SQL, type AppendRow } from './event-store.sql';

/** An event a decider produced, not yet stored. */
export interface NewEvent<T extends object = object> {
  type: string;
  data: T;
  /** Defaults to the catalogue's newest version of the type. */
  schemaVersion?: number;
}

export interface StoredEvent<T extends object = object> {
  eventId: string;
  type: string;
  schemaVersion: number;
  streamId: string;
  streamPosition: number;
  globalPosition: number;
  transactionId: string;
  data: T;
  metadata: EventMetadata;
  recordedAt: Date;
}

export interface AppendResult {
  /** The stream's version after the append. */
  nextExpectedVersion: number;
  events: Array<{ eventId: string; streamPosition: number; globalPosition: number }>;
}

/** Where a global reader has got to: the last (transaction, position) it has seen. */
export interface GlobalCheckpoint {
  transactionId: string;
  globalPosition: number;
}

export const GLOBAL_START: GlobalCheckpoint = { transactionId: '0', globalPosition: 0 };

export interface AppendOptions {
  /** Append inside the caller's transaction (e.g. with an inline projection). */
  transaction?: EntityManager;
  /** A row written by the same statement, only if the events are appended (AlongsideInsert). */
  alongside?: AlongsideRow;
}

const APPEND = new PreparedStatement<AppendRow>('event_store_append', APPEND_SQL);
const READ_STREAM = new PreparedStatement<EventRow>('event_store_read_stream', READ_STREAM_SQL);
const READ_ALL = new PreparedStatement<EventRow>('event_store_read_all', READ_ALL_SQL);
const ANY_VERSION = -1;

export class EventStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalogue: EventCatalogue = grantlineCatalogue,
  ) {}

  async append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
    metadata: EventMetadata,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const expected =
      expectedVersion === 'any' ? ANY_VERSION : expectedVersion === 'no-stream' ? 0 : expectedVersion;
    if (!Number.isInteger(expected) || expected < ANY_VERSION) {
      throw new RangeError(`invalid expected version ${String(expectedVersion)}`);
    }
    // Every consumer refuses an envelope whose stream id is malformed; refuse to write one.
    if (!STREAM_ID.test(streamId)) throw new RangeError(`invalid stream id ${JSON.stringify(streamId)}`);
    if (events.length === 0) return { nextExpectedVersion: Math.max(expected, 0), events: [] };
    const versions = events.map((event) => {
      const schemaVersion = event.schemaVersion ?? this.catalogue.latest(event.type)?.schemaVersion ?? 0;
      this.catalogue.checkPayload(event.type, schemaVersion, event.data);
      return schemaVersion;
    });
    const parameters = [
      streamId,
      expected,
      events.map((event) => event.type),
      versions,
      events.map((event) => JSON.stringify(event.data)),
      JSON.stringify({ ...metadata, causationId: metadata.causationId ?? null }),
      events.map((event) => this.catalogue.topicOf(event.type)),
    ];
    const { alongside } = options;
    const statement = alongside?.insert.statement ?? APPEND;
    let rows: AppendRow[];
    try {
      rows = await statement.rows(
        options.transaction ?? this.dataSource,
        alongside ? [...parameters, ...alongside.values] : parameters,
      );
    } catch (error) {
      // A second writer appended at the same position; a conflict on an alongside row is not that.
      const violation = uniqueViolation(error);
      if (violation && (violation.table ?? 'events') === 'events') {
        throw new ConcurrencyError(streamId, expectedVersion, undefined);
      }
      throw error;
    }
    const [{ current_version: currentVersion, appended }] = rows;
    if (appended.length === 0) throw new ConcurrencyError(streamId, expectedVersion, currentVersion);
    return {
      nextExpectedVersion: appended[appended.length - 1].streamPosition,
      events: appended.map((row) => ({ ...row, globalPosition: Number(row.globalPosition) })),
    };
  }

  /** The whole stream, oldest first, and its version (0 when it does not exist). */
  async readStream(
    streamId: string,
    options: { transaction?: EntityManager } = {},
  ): Promise<{ version: number; events: StoredEvent[] }> {
    const events = (await READ_STREAM.rows(options.transaction ?? this.dataSource, [streamId])).map(
      toStoredEvent,
    );
    return { version: events.length > 0 ? events[events.length - 1].streamPosition : 0, events };
  }

  /**
   * Events after `checkpoint` in commit order. Only transactions older than every transaction
   * still in flight are visible (xid8 snapshot rule), so an event committed later with a lower
   * position is never skipped: the reader waits for it instead.
   */
  async readAll(
    checkpoint: GlobalCheckpoint = GLOBAL_START,
    limit = 500,
    options: { transaction?: EntityManager } = {},
  ): Promise<StoredEvent[]> {
    const rows = await READ_ALL.rows(options.transaction ?? this.dataSource, [
      checkpoint.transactionId,
      checkpoint.globalPosition,
      limit,
    ]);
    return rows.map(toStoredEvent);
  }
}

interface EventRow {
  event_id: string;
  type: string;
  schema_version: number;
  stream_id: string;
  stream_position: number;
  global_position: string;
  transaction_id: string;
  data: object;
  metadata: EventMetadata;
  recorded_at: Date;
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    streamId: row.stream_id,
    streamPosition: row.stream_position,
    globalPosition: Number(row.global_position),
    transactionId: row.transaction_id,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}
