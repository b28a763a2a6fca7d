// The consent service's own tables beside its event store: the OB documents TPPs sent (the
// events carry only what others decide on), idempotency keys (CON-4), the expiry index the
// time-based sweep reads, and the revocation denylist the resource guard asks (DESIGN.md).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateConsentTables1763900000100 implements MigrationInterface {
  name = 'CreateConsentTables1763900000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE consent_documents (
        consent_id    text        PRIMARY KEY,
        client_id     text        NOT NULL,
        kind          text        NOT NULL,
        document      jsonb       NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE payment_documents (
        payment_id    text        PRIMARY KEY,
        consent_id    text        NOT NULL,
        client_id     text        NOT NULL,
        document      jsonb       NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE idempotency_keys (
        client_id     text        NOT NULL,
        endpoint      text        NOT NULL,
        key           text        NOT NULL,
        request_hash  text        NOT NULL,
        resource_id   text        NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (client_id, endpoint, key)
      )`);
    await runner.query(`
      CREATE TABLE consent_expiries (
        consent_id    text        PRIMARY KEY,
        expires_at    timestamptz NOT NULL
      )`);
    await runner.query('CREATE INDEX consent_expiries_due ON consent_expiries (expires_at)');
    await runner.query(`
      CREATE TABLE revoked_credentials (
        kind          text        NOT NULL CHECK (kind IN ('token', 'grant', 'consent')),
        id            text        NOT NULL,
        revoked_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'DROP TABLE revoked_credentials, consent_expiries, idempotency_keys, payment_documents, consent_documents',
    );
  }
}
