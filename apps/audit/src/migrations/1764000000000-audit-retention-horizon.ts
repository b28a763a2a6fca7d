// The retention horizon: what the log keeps of the records that retention dropped (whole monthly
// partitions, run by the schema owner). One row per run, append-only like the log itself: the
// position and chain hash of the last dropped record and the perfect Merkle subtrees covering
// every dropped record, so the verifier, proofs and checkpoints go on from there (AUD-1).
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AUDIT_WRITER_ROLE } from './1763900000000-create-audit-log';

export class AuditRetentionHorizon1764000000000 implements MigrationInterface {
  name = 'AuditRetentionHorizon1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE audit_retention_horizon (
        tree_size bigint PRIMARY KEY,
        chain_hash bytea NOT NULL,
        subtrees jsonb NOT NULL,
        dropped_partitions text[] NOT NULL,
        retention_months integer NOT NULL,
        dropped_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE TRIGGER audit_retention_horizon_append_only
      BEFORE UPDATE OR DELETE ON audit_retention_horizon
      FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`);
    await runner.query(`CREATE TRIGGER audit_retention_horizon_no_truncate
      BEFORE TRUNCATE ON audit_retention_horizon
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`);
    // The service only reads it: retention runs as the owner (`main.js retain`), never as the writer.
    await runner.query(`GRANT SELECT ON audit_retention_horizon TO ${AUDIT_WRITER_ROLE}`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE audit_retention_horizon');
  }
}
