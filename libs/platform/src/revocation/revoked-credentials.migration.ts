// The denylist's table, in the schema of the resource server that runs this migration. Idempotent,
// because the consent service created the same table in its first migration, before the denylist
// moved here; listing this migration after that one changes nothing there.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRevokedCredentials1763900000900 implements MigrationInterface {
  name = 'CreateRevokedCredentials1763900000900';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE IF NOT EXISTS revoked_credentials (
        kind          text        NOT NULL CHECK (kind IN ('token', 'grant', 'consent')),
        id            text        NOT NULL,
        revoked_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, id)
      )`);
  }

  async down(): Promise<void> {
    // Left in place: in the consent schema the table belongs to that service's first migration.
  }
}
