// The record column holds the masked event as json, the exact text the appender hashed into the
// record's leaf, instead of jsonb. Nothing queries inside records (the indexed columns serve every
// lookup), and jsonb's binary form cost PostgreSQL a parse of every record inside the chain lock:
// about a tenth of the lock's time per run, which bounds ingest (G8). A verifier now also reads
// back the very bytes that were hashed. Compliance SQL may still use ->, ->> and #>> on json, or
// cast to jsonb for containment.
//
// Upgrading rewrites every partition under an exclusive lock (ingest waits meanwhile): on a large
// log, run the migration Job in a maintenance window.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditRecordAsJson1765000000000 implements MigrationInterface {
  name = 'AuditRecordAsJson1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE audit_records ALTER COLUMN record TYPE json USING record::json');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE audit_records ALTER COLUMN record TYPE jsonb USING record::jsonb');
  }
}
