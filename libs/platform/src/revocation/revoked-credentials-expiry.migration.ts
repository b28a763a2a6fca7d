// A revoked access token's row may go once the token has expired: its `exp` refuses it anyway.
// TokenRevoked carries the expiry; rows from before this column, grants and consents keep NULL and
// stay (they are few, one per revocation, and a revoked grant or consent is never valid again).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddRevokedCredentialExpiry1763900000901 implements MigrationInterface {
  name = 'AddRevokedCredentialExpiry1763900000901';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE revoked_credentials ADD COLUMN IF NOT EXISTS expires_at timestamptz');
    await runner.query(
      `CREATE INDEX IF NOT EXISTS revoked_credentials_expiry ON revoked_credentials (expires_at)
        WHERE expires_at IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX IF EXISTS revoked_credentials_expiry');
    await runner.query('ALTER TABLE revoked_credentials DROP COLUMN IF EXISTS expires_at');
  }
}
