// The demo core bank's tables, in their own schema (core_bank), as a bank's system would be apart
// from Grantline's services. Idempotent, so every service that reads the demo bank (consent,
// authorize's account picker) may list it among its migrations.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDemoCoreBank1763900000000 implements MigrationInterface {
  name = 'CreateDemoCoreBank1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    // Two services migrating at once must not race on CREATE ... IF NOT EXISTS.
    await runner.query(`SELECT pg_advisory_xact_lock(hashtext('grantline-migrate:core_bank'))`);
    await runner.query('CREATE SCHEMA IF NOT EXISTS core_bank');
    await runner.query(`
      CREATE TABLE IF NOT EXISTS core_bank.accounts (
        account_id        text          PRIMARY KEY,
        psu_id            text          NOT NULL,
        currency          char(3)       NOT NULL,
        nickname          text          NOT NULL,
        account_type      text          NOT NULL CHECK (account_type IN ('Personal', 'Business')),
        account_sub_type  text          NOT NULL CHECK (account_sub_type IN ('CurrentAccount', 'Savings')),
        scheme_name       text          NOT NULL,
        identification    text          NOT NULL,
        holder_name       text          NOT NULL,
        balance           numeric(20,5) NOT NULL,
        UNIQUE (scheme_name, identification)
      )`);
    await runner.query('CREATE INDEX IF NOT EXISTS accounts_by_psu ON core_bank.accounts (psu_id)');
    await runner.query(`
      CREATE TABLE IF NOT EXISTS core_bank.transactions (
        transaction_id    text          PRIMARY KEY,
        account_id        text          NOT NULL REFERENCES core_bank.accounts (account_id),
        amount            numeric(20,5) NOT NULL CHECK (amount > 0),
        currency          char(3)       NOT NULL,
        credit_debit      text          NOT NULL CHECK (credit_debit IN ('Credit', 'Debit')),
        booked_at         timestamptz   NOT NULL,
        information       text          NOT NULL
      )`);
    await runner.query(
      'CREATE INDEX IF NOT EXISTS transactions_by_account ON core_bank.transactions (account_id, booked_at DESC)',
    );
    await runner.query(`
      CREATE TABLE IF NOT EXISTS core_bank.payments (
        payment_id        text          PRIMARY KEY,
        debtor_account_id text          NOT NULL,
        amount            numeric(20,5) NOT NULL CHECK (amount > 0),
        currency          char(3)       NOT NULL,
        creditor_scheme   text          NOT NULL,
        creditor_id       text          NOT NULL,
        creditor_name     text          NOT NULL,
        reference         text,
        status            text          NOT NULL CHECK (status IN ('ACSC', 'RJCT')),
        rejection         text,
        executed_at       timestamptz   NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP SCHEMA IF EXISTS core_bank CASCADE');
  }
}

/** For a service's migration list. */
export const demoCoreBankMigrations = [CreateDemoCoreBank1763900000000];
