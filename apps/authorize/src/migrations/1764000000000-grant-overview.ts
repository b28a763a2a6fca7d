// The PSU self-service page (UX-1 "how to revoke later") lists a PSU's grants across TPPs. The
// subject differs per client, so each grant also keeps a keyed link to the PSU (psu_link, never the
// PSU id itself), plus what the grant holds and when it changed.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class GrantOverview1764000000000 implements MigrationInterface {
  name = 'GrantOverview1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE grants
        ADD COLUMN psu_link text,
        ADD COLUMN scopes jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN authorization_details jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN consent_ids jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN account_ids jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN granted_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN revocation_requested_at timestamptz,
        ADD COLUMN revoked_at timestamptz`);
    await runner.query('CREATE INDEX grants_psu_link ON grants (psu_link)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX grants_psu_link');
    await runner.query(`
      ALTER TABLE grants
        DROP COLUMN psu_link, DROP COLUMN scopes, DROP COLUMN authorization_details,
        DROP COLUMN consent_ids, DROP COLUMN account_ids, DROP COLUMN granted_at,
        DROP COLUMN updated_at, DROP COLUMN revocation_requested_at, DROP COLUMN revoked_at`);
  }
}
