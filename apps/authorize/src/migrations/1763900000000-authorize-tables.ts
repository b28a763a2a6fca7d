// The authorize schema: pushed requests (PAR-3/4), single-use jtis (CLI-2, DPoP), PSU browser sessions
// and interactions, failed-login counters, and the consent and grant read models (CON-6, GM-1).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuthorizeTables1763900000000 implements MigrationInterface {
  name = 'AuthorizeTables1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE pushed_requests (
        request_uri_fingerprint text PRIMARY KEY,
        authorization_id text NOT NULL UNIQUE,
        client_id text NOT NULL,
        request jsonb NOT NULL,
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX pushed_requests_expiry ON pushed_requests (expires_at)');
    await runner.query(`
      CREATE TABLE used_jtis (
        jti text PRIMARY KEY,
        expires_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE psu_sessions (
        session_fingerprint text PRIMARY KEY,
        psu_id text,
        auth_time timestamptz,
        acr text,
        amr jsonb,
        expires_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE interactions (
        interaction_id text PRIMARY KEY,
        authorization_id text NOT NULL UNIQUE,
        session_fingerprint text NOT NULL,
        csrf_token text NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE login_failures (
        username_fingerprint text PRIMARY KEY,
        failures integer NOT NULL,
        locked_until timestamptz,
        last_failure_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE consent_intents (
        consent_id text PRIMARY KEY,
        client_id text NOT NULL,
        consent_type text NOT NULL,
        status text NOT NULL,
        details jsonb NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE grants (
        grant_id text PRIMARY KEY,
        client_id text NOT NULL,
        subject text NOT NULL,
        status text NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'grants',
      'consent_intents',
      'login_failures',
      'interactions',
      'psu_sessions',
      'used_jtis',
      'pushed_requests',
    ]) {
      await runner.query(`DROP TABLE ${table}`);
    }
  }
}
