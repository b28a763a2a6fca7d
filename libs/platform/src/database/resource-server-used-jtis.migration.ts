// The DPoP proof jtis a resource server has accepted (DPOP-1: not replayed), shared by its replicas
// through PostgresJtiReplayStore, so a proof replayed at another replica is refused too. The same
// table the authorization services keep for client assertions and proofs at their endpoints.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateResourceServerUsedJtis1763900000903 implements MigrationInterface {
  name = 'CreateResourceServerUsedJtis1763900000903';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE IF NOT EXISTS used_jtis (
        jti         text        PRIMARY KEY,
        expires_at  timestamptz NOT NULL
      )`);
    await runner.query('CREATE INDEX IF NOT EXISTS used_jtis_expiry ON used_jtis (expires_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS used_jtis');
  }
}
