// Single-use jtis of client assertions (CLI-2) and DPoP proofs (DPOP-1) at /token, /introspect and
// /revoke, shared by every replica (libs/platform PostgresJtiReplayStore writes it).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsedJtis1763900000300 implements MigrationInterface {
  name = 'CreateUsedJtis1763900000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE used_jtis (
        jti         text        PRIMARY KEY,
        expires_at  timestamptz NOT NULL
      )`);
    await runner.query('CREATE INDEX used_jtis_expiry ON used_jtis (expires_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE used_jtis');
  }
}
