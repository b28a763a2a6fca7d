// Every revocation written to the denylist is announced on the schema's channel, so each replica's
// RevocationMirror learns of it as the writing transaction commits. An id too long for a
// notification's payload (8000 bytes) is announced as a reload instead, never refused: the insert
// runs in an event consumer's transaction, which must not fail on what an event carried.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NotifyRevokedCredentials1763900000902 implements MigrationInterface {
  name = 'NotifyRevokedCredentials1763900000902';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE OR REPLACE FUNCTION notify_revoked_credential() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        payload text := json_build_object('kind', NEW.kind, 'id', NEW.id, 'expiresAt', NEW.expires_at)::text;
      BEGIN
        IF octet_length(payload) > 7000 THEN
          payload := '{"reload":true}';
        END IF;
        PERFORM pg_notify(left('grantline_revoked_' || TG_TABLE_SCHEMA, 63), payload);
        RETURN NULL;
      END
      $$`);
    await runner.query('DROP TRIGGER IF EXISTS revoked_credential_notify ON revoked_credentials');
    await runner.query(`
      CREATE TRIGGER revoked_credential_notify AFTER INSERT ON revoked_credentials
        FOR EACH ROW EXECUTE FUNCTION notify_revoked_credential()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TRIGGER IF EXISTS revoked_credential_notify ON revoked_credentials');
    await runner.query('DROP FUNCTION IF EXISTS notify_revoked_credential()');
  }
}

/** The channel the trigger above announces on, for a schema (PostgreSQL cuts names at 63 bytes). */
export const revocationChannel = (schema: string): string => `grantline_revoked_${schema}`.slice(0, 63);
