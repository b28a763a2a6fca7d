// The event backbone's tables, created inside the owning service's schema (every service's
// migration list starts with this). Unqualified names resolve through the connection's
// search_path, which is the service schema.
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Streams hash onto this many outbox lanes; a lane is published by one relay at a time, in order. */
export const OUTBOX_LANES = 32;

export class CreateEventStore1763856000000 implements MigrationInterface {
  name = 'CreateEventStore1763856000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE events (
        stream_id        text        NOT NULL,
        stream_position  integer     NOT NULL CHECK (stream_position > 0),
        global_position  bigint      GENERATED ALWAYS AS IDENTITY,
        transaction_id   xid8        NOT NULL DEFAULT pg_current_xact_id(),
        event_id         uuid        NOT NULL UNIQUE,
        type             text        NOT NULL,
        schema_version   integer     NOT NULL,
        data             jsonb       NOT NULL,
        metadata         jsonb       NOT NULL,
        recorded_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (stream_id, stream_position)
      )`);
    await runner.query('CREATE INDEX events_commit_order ON events (transaction_id, global_position)');
    await runner.query(`
      CREATE TABLE outbox (
        id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        lane             smallint    NOT NULL,
        event_id         uuid        NOT NULL,
        stream_id        text        NOT NULL,
        topic            text        NOT NULL,
        envelope         jsonb       NOT NULL,
        attempts         integer     NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz NOT NULL DEFAULT now(),
        last_error       text,
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX outbox_lane_order ON outbox (lane, id)');
    // Rows waiting for a retry block their lane; this keeps finding them cheap under a backlog.
    await runner.query('CREATE INDEX outbox_retrying ON outbox (lane, id) WHERE attempts > 0');
    await runner.query(`
      CREATE TABLE outbox_lanes (
        lane       smallint    PRIMARY KEY,
        claimed_at timestamptz NOT NULL DEFAULT '-infinity'
      )`);
    await runner.query(`INSERT INTO outbox_lanes (lane) SELECT generate_series(0, ${OUTBOX_LANES - 1})`);
    await runner.query(`
      CREATE TABLE outbox_dead_letters (
        id               bigint      PRIMARY KEY,
        event_id         uuid        NOT NULL,
        stream_id        text        NOT NULL,
        topic            text        NOT NULL,
        envelope         jsonb       NOT NULL,
        attempts         integer     NOT NULL,
        last_error       text,
        created_at       timestamptz NOT NULL,
        dead_lettered_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE processed_events (
        consumer     text        NOT NULL,
        event_id     uuid        NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
    await runner.query(`
      CREATE TABLE projection_checkpoints (
        projection      text        PRIMARY KEY,
        transaction_id  xid8        NOT NULL,
        global_position bigint      NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'projection_checkpoints',
      'processed_events',
      'outbox_dead_letters',
      'outbox_lanes',
      'outbox',
      'events',
    ]) {
      await runner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}

/** Prepend to a service's migration list. */
export const eventStoreMigrations = [CreateEventStore1763856000000];
