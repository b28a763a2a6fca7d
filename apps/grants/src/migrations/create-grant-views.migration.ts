// The grants read model the Grant Management API answers from (GET /grants/{id}): one row per
// grant, written in the same transaction as the grant's events, and the lookup from a consent to
// the grants that hold it (consent revocation).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateGrantViews1763900000400 implements MigrationInterface {
  name = 'CreateGrantViews1763900000400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE grant_views (
        grant_id              text        PRIMARY KEY,
        client_id             text        NOT NULL,
        subject               text        NOT NULL,
        status                text        NOT NULL CHECK (status IN ('active', 'revoked')),
        scopes                jsonb       NOT NULL,
        claims                jsonb       NOT NULL,
        authorization_details jsonb       NOT NULL,
        consent_ids           text[]      NOT NULL,
        revoked_by            text,
        created_at            timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX grant_views_consents ON grant_views USING gin (consent_ids)');
    await runner.query('CREATE INDEX grant_views_holder ON grant_views (client_id, subject)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE grant_views');
  }
}
