// The event store's statements. Appending is one statement: check the expected version, insert
// the events, insert their outbox rows (with the envelope the transports carry) and notify the
// relay, so it is atomic even without an explicit transaction and costs one round trip.
import { OUTBOX_LANES } from '../schema/create-event-store.migration';

// $1 stream id, $2 expected version (-1: any), $3 types, $4 schema versions, $5 data (json text),
// $6 metadata (json), $7 topics.
export const APPEND_PARAMETER_COUNT = 7;

/** The append's one row: the stream's version before it, and what it appended (none on a conflict). */
export interface AppendRow {
  current_version: number;
  appended: Array<{ eventId: string; streamPosition: number; globalPosition: number | string }>;
}
export const APPEND_SQL = `
WITH current_version AS (
  SELECT coalesce(max(stream_position), 0) AS version FROM events WHERE stream_id = $1
), guarded AS (
  SELECT version FROM current_version WHERE $2::int < 0 OR version = $2::int
), incoming AS MATERIALIZED (
  SELECT t.n::int AS n, t.type, t.schema_version, t.data::jsonb AS data, t.topic,
         gen_random_uuid() AS event_id
  FROM unnest($3::text[], $4::int[], $5::text[], $7::text[]) WITH ORDINALITY AS t(type, schema_version, data, topic, n)
), inserted AS (
  INSERT INTO events (stream_id, stream_position, event_id, type, schema_version, data, metadata)
  SELECT $1, guarded.version + incoming.n, incoming.event_id, incoming.type, incoming.schema_version,
         incoming.data, $6::jsonb
  FROM guarded CROSS JOIN incoming
  ORDER BY incoming.n
  RETURNING stream_position, global_position, event_id, type, schema_version, data, recorded_at
), outboxed AS (
  INSERT INTO outbox (lane, event_id, stream_id, topic, envelope)
  SELECT mod(abs(hashtext($1)::bigint), ${OUTBOX_LANES}), i.event_id, $1, incoming.topic,
         jsonb_build_object(
           'id', i.event_id,
           'type', i.type,
           'schemaVersion', i.schema_version,
           'streamId', $1::text,
           'streamPosition', i.stream_position,
           'occurredAt', to_char(i.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'correlationId', $6::jsonb -> 'correlationId',
           'causationId', $6::jsonb -> 'causationId',
           'actor', $6::jsonb -> 'actor',
           'data', i.data)
  FROM inserted i JOIN incoming ON incoming.event_id = i.event_id
  ORDER BY i.stream_position
  RETURNING id
), notified AS (
  SELECT pg_notify('grantline_outbox_' || current_schema(), '') FROM (SELECT 1 FROM outboxed LIMIT 1) AS any_row
)
SELECT (SELECT version FROM current_version) AS current_version,
       coalesce((SELECT json_agg(json_build_object(
                   'eventId', event_id, 'streamPosition', stream_position, 'globalPosition', global_position)
                 ORDER BY stream_position) FROM inserted), '[]'::json) AS appended,
       (SELECT count(*) FROM notified) AS notified`;

const EVENT_COLUMNS = `event_id, type, schema_version, stream_id, stream_position, global_position,
  transaction_id::text AS transaction_id, data, metadata, recorded_at`;

export const READ_STREAM_SQL = `
SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 ORDER BY stream_position`;

export const READ_ALL_SQL = `
SELECT ${EVENT_COLUMNS} FROM events
WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
  AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
ORDER BY transaction_id, global_position
LIMIT $3`;
