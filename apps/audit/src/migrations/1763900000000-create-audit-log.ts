// The append-only audit log (AUD-1). Runs as the schema's owner (the migration Job, or the
// embedded runtime); the service itself connects as AUDIT_WRITER_ROLE, which may read and append
// but never update, delete or truncate the log. A trigger refuses UPDATE and DELETE even to the
// owner, so only a superuser who disables triggers can change a row, and `verify` then finds it.
// Records are partitioned by month of ingestion so retention drops whole partitions.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export const AUDIT_WRITER_ROLE = 'grantline_audit_writer';

const LOG_TABLES = ['audit_records', 'audit_checkpoints', 'audit_tiles'];

function schemaOf(runner: QueryRunner): string {
  return (runner.connection.options as { schema?: string }).schema ?? 'audit';
}

export class CreateAuditLog1763900000000 implements MigrationInterface {
  name = 'CreateAuditLog1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    const schema = schemaOf(runner);
    await runner.query(`
      CREATE TABLE audit_records (
        seq bigint NOT NULL,
        ingested_at timestamptz NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        client_id text,
        grant_id text,
        consent_ids text[] NOT NULL DEFAULT '{}',
        subject_pseudonym text,
        record jsonb NOT NULL,
        leaf_hash bytea NOT NULL,
        chain_hash bytea NOT NULL,
        PRIMARY KEY (seq, ingested_at)
      ) PARTITION BY RANGE (ingested_at)`);
    await runner.query('CREATE INDEX audit_records_by_client ON audit_records (client_id, occurred_at, seq)');
    await runner.query('CREATE INDEX audit_records_by_grant ON audit_records (grant_id, seq)');
    await runner.query('CREATE INDEX audit_records_by_subject ON audit_records (subject_pseudonym, seq)');
    await runner.query('CREATE INDEX audit_records_by_type ON audit_records (event_type, occurred_at, seq)');
    await runner.query('CREATE INDEX audit_records_by_time ON audit_records (occurred_at, seq)');
    await runner.query('CREATE INDEX audit_records_by_consent ON audit_records USING gin (consent_ids)');
    await runner.query(`
      CREATE TABLE audit_checkpoints (
        tree_size bigint PRIMARY KEY,
        root_hash bytea NOT NULL,
        chain_hash bytea NOT NULL,
        issued_at timestamptz NOT NULL,
        signed text NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE audit_tiles (
        level smallint NOT NULL,
        index bigint NOT NULL,
        hash bytea NOT NULL,
        PRIMARY KEY (level, index)
      )`);
    await runner.query(`
      CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of LOG_TABLES) {
      await runner.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`);
      await runner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`);
    }
    // The writer role cannot create partitions; this owner-run function creates a month's on demand.
    await runner.query(`
      CREATE FUNCTION ensure_audit_partition(at timestamptz) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = "${schema}" AS $$
      DECLARE
        month_start date := date_trunc('month', at AT TIME ZONE 'UTC')::date;
        partition text := 'audit_records_' || to_char(month_start, 'YYYY_MM');
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('grantline-audit-partition:' || partition));
        IF to_regclass(quote_ident(partition)) IS NULL THEN
          EXECUTE format(
            'CREATE TABLE %I PARTITION OF audit_records FOR VALUES FROM (%L) TO (%L)',
            partition,
            (month_start::timestamp AT TIME ZONE 'UTC'),
            ((month_start + interval '1 month')::timestamp AT TIME ZONE 'UTC'));
        END IF;
      END $$`);
    await runner.query('REVOKE ALL ON FUNCTION ensure_audit_partition(timestamptz) FROM PUBLIC');
    await runner.query(`
      DO $$ BEGIN
        CREATE ROLE ${AUDIT_WRITER_ROLE} NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    // The login role must be able to act as the writer (a superuser always can).
    await runner.query(`
      DO $$ BEGIN
        EXECUTE format('GRANT ${AUDIT_WRITER_ROLE} TO %I', current_user);
      EXCEPTION WHEN OTHERS THEN NULL;
      END $$`);
    await runner.query(`GRANT USAGE ON SCHEMA "${schema}" TO ${AUDIT_WRITER_ROLE}`);
    await runner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "${schema}" TO ${AUDIT_WRITER_ROLE}`,
    );
    await runner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "${schema}" TO ${AUDIT_WRITER_ROLE}`);
    await runner.query(
      `REVOKE UPDATE, DELETE, TRUNCATE ON ${LOG_TABLES.join(', ')} FROM ${AUDIT_WRITER_ROLE}`,
    );
    await runner.query(
      `GRANT EXECUTE ON FUNCTION ensure_audit_partition(timestamptz) TO ${AUDIT_WRITER_ROLE}`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA "${schemaOf(runner)}" FROM ${AUDIT_WRITER_ROLE}`);
    await runner.query('DROP TABLE audit_tiles, audit_checkpoints, audit_records');
    await runner.query('DROP FUNCTION ensure_audit_partition(timestamptz)');
    await runner.query('DROP FUNCTION audit_log_is_append_only()');
  }
}
