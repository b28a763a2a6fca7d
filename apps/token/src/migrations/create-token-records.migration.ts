// The token service's records beside its event store: redeemed code ids (CODE-2: the unique insert
// that makes a code single use), refresh tokens (only their SHA-256 hash, never the token: TOK-3)
// and access-token records by jti, so introspection (TOK-5) and revocation (TOK-6, GM-2, CODE-2)
// can find every token a code, grant or consent produced.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTokenRecords1763900000200 implements MigrationInterface {
  name = 'CreateTokenRecords1763900000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE redeemed_codes (
        code_id       text        PRIMARY KEY,
        client_id     text        NOT NULL,
        redeemed_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX redeemed_codes_age ON redeemed_codes (redeemed_at)');
    await runner.query(`
      CREATE TABLE refresh_tokens (
        token_id              text        PRIMARY KEY,
        token_hash            bytea       NOT NULL UNIQUE,
        client_id             text        NOT NULL,
        subject               text,
        grant_id              text,
        code_id               text,
        consent_ids           text[]      NOT NULL DEFAULT '{}',
        account_ids           text[]      NOT NULL DEFAULT '{}',
        scopes                text[]      NOT NULL DEFAULT '{}',
        authorization_details jsonb,
        cnf                   jsonb,
        issued_at             timestamptz NOT NULL,
        expires_at            timestamptz,
        revoked_at            timestamptz,
        revoked_reason        text
      )`);
    await runner.query('CREATE INDEX refresh_tokens_grant ON refresh_tokens (grant_id)');
    await runner.query('CREATE INDEX refresh_tokens_code ON refresh_tokens (code_id)');
    await runner.query('CREATE INDEX refresh_tokens_consents ON refresh_tokens USING gin (consent_ids)');
    await runner.query(`
      CREATE TABLE access_tokens (
        jti               text        PRIMARY KEY,
        client_id         text        NOT NULL,
        subject           text,
        grant_id          text,
        code_id           text,
        refresh_token_id  text,
        consent_ids       text[]      NOT NULL DEFAULT '{}',
        scopes            text[]      NOT NULL DEFAULT '{}',
        cnf               jsonb,
        issued_at         timestamptz NOT NULL,
        expires_at        timestamptz NOT NULL,
        revoked_at        timestamptz,
        revoked_reason    text
      )`);
    await runner.query('CREATE INDEX access_tokens_grant ON access_tokens (grant_id)');
    await runner.query('CREATE INDEX access_tokens_code ON access_tokens (code_id)');
    await runner.query('CREATE INDEX access_tokens_refresh ON access_tokens (refresh_token_id)');
    await runner.query('CREATE INDEX access_tokens_consents ON access_tokens USING gin (consent_ids)');
    await runner.query('CREATE INDEX access_tokens_expiry ON access_tokens (expires_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE access_tokens, refresh_tokens, redeemed_codes');
  }
}
