// Seeds the demo core bank. Idempotent: accounts and transactions have fixed ids and are inserted
// only when absent, so a restart keeps the balances payments have moved.
import { DataSource } from 'typeorm';
import { demoCoreBankMigrations } from './create-demo-core-bank.migration';
import { DEMO_ACCOUNTS, DEMO_TRANSACTIONS } from './demo-accounts';

export interface SeedOutcome {
  accountsInserted: number;
  transactionsInserted: number;
}

export async function seedDemoCoreBank(dataSource: DataSource, now = new Date()): Promise<SeedOutcome> {
  return dataSource.transaction(async (transaction) => {
    const accounts: unknown[] = await transaction.query(
      `INSERT INTO core_bank.accounts (account_id, psu_id, currency, nickname, account_type,
         account_sub_type, scheme_name, identification, holder_name, balance)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS seed(account_id text, psu_id text, currency text,
         nickname text, account_type text, account_sub_type text, scheme_name text,
         identification text, holder_name text, balance numeric)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [
        JSON.stringify(
          DEMO_ACCOUNTS.map((account) => ({
            account_id: account.accountId,
            psu_id: account.psuId,
            currency: account.currency,
            nickname: account.nickname,
            account_type: account.accountType,
            account_sub_type: account.accountSubType,
            scheme_name: account.schemeName,
            identification: account.identification,
            holder_name: account.holderName,
            balance: account.openingBalance,
          })),
        ),
      ],
    );
    const transactions: unknown[] = await transaction.query(
      `INSERT INTO core_bank.transactions (transaction_id, account_id, amount, currency, credit_debit,
         booked_at, information)
       SELECT seed.transaction_id, seed.account_id, seed.amount, account.currency, seed.credit_debit,
              $2::timestamptz - make_interval(days => seed.days_ago), seed.information
         FROM jsonb_to_recordset($1::jsonb) AS seed(transaction_id text, account_id text,
                amount numeric, credit_debit text, days_ago int, information text)
         JOIN core_bank.accounts account USING (account_id)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [
        JSON.stringify(
          DEMO_TRANSACTIONS.map((entry) => ({
            transaction_id: entry.transactionId,
            account_id: entry.accountId,
            amount: entry.amount,
            credit_debit: entry.creditDebit,
            days_ago: entry.daysAgo,
            information: entry.information,
          })),
        ),
        now.toISOString(),
      ],
    );
    return { accountsInserted: accounts.length, transactionsInserted: transactions.length };
  });
}

/** Creates (if needed) and seeds the demo core bank in the database at `url`: the embedded runtime's step. */
export async function prepareDemoCoreBank(url: string): Promise<SeedOutcome> {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    migrations: demoCoreBankMigrations,
    migrationsTableName: 'core_bank_migrations',
    extra: { max: 1 },
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    return await seedDemoCoreBank(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
