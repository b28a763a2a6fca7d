// The demo adapter of the CoreBank port on the core_bank schema. Table names are schema-qualified,
// so it works on any service's connection whatever its search_path.
import type { DataSource } from 'typeorm';
import { BurstBatcher, PreparedStatement } from '@grantline/event-store';
import type {
  AccountBalance,
  BankAccount,
  BankTransaction,
  CoreBank,
  PaymentExecution,
  PaymentInstruction,
  TransactionWindow,
} from '../core-bank.port';
import { assertAmount, formatAmount } from './amounts';
import { executeDemoPayment, paymentRecord } from './demo-payments';

interface AccountRow {
  account_id: string;
  psu_id: string;
  currency: string;
  nickname: string;
  account_type: BankAccount['accountType'];
  account_sub_type: BankAccount['accountSubType'];
  scheme_name: string;
  identification: string;
  holder_name: string;
}

interface TransactionRow {
  transaction_id: string;
  account_id: string;
  amount: string;
  currency: string;
  credit_debit: BankTransaction['creditDebitIndicator'];
  booked_at: Date;
  information: string;
}

const ACCOUNT_COLUMNS = `account_id, psu_id, currency, nickname, account_type, account_sub_type,
  scheme_name, identification, holder_name`;

function toAccount(row: AccountRow): BankAccount {
  return {
    accountId: row.account_id,
    psuId: row.psu_id,
    currency: row.currency,
    nickname: row.nickname,
    accountType: row.account_type,
    accountSubType: row.account_sub_type,
    schemeName: row.scheme_name,
    identification: row.identification,
    holderName: row.holder_name,
  };
}

// Asked on every account API request: prepared once per connection.
const ACCOUNTS_OF = new PreparedStatement<AccountRow>(
  'core_bank_accounts_of',
  `SELECT ${ACCOUNT_COLUMNS} FROM core_bank.accounts WHERE psu_id = $1 ORDER BY account_id`,
);
const ACCOUNT = new PreparedStatement<AccountRow>(
  'core_bank_account',
  `SELECT ${ACCOUNT_COLUMNS} FROM core_bank.accounts WHERE account_id = $1`,
);
interface BalanceRow {
  account_id: string;
  balance: string;
  currency: string;
  now: Date;
}
const BALANCES = new PreparedStatement<BalanceRow>(
  'core_bank_balances',
  `SELECT account_id, balance::text AS balance, currency, now() AS now
     FROM core_bank.accounts WHERE account_id = ANY($1::text[])`,
);

export class DemoCoreBank implements CoreBank {
  /**
   * Balances are what TPPs poll: the reads of a burst go in one statement (BurstBatcher). Each is
   * still read after it was asked, so it includes every payment before it.
   */
  private readonly balanceReads = new BurstBatcher<string, null, BalanceRow>(async (batch) => {
    const rows = await BALANCES.rows(this.dataSource, [batch.map(([accountId]) => accountId)]);
    return new Map(rows.map((row) => [row.account_id, row]));
  });

  constructor(private readonly dataSource: DataSource) {}

  async accountsOf(psuId: string): Promise<readonly BankAccount[]> {
    const rows = await ACCOUNTS_OF.rows(this.dataSource, [psuId]);
    return rows.map(toAccount);
  }

  async account(accountId: string): Promise<BankAccount | undefined> {
    const rows = await ACCOUNT.rows(this.dataSource, [accountId]);
    return rows[0] && toAccount(rows[0]);
  }

  async balancesOf(accountId: string): Promise<readonly AccountBalance[]> {
    const { answer: row } = await this.balanceReads.submit(accountId, null);
    if (!row) return [];
    // Payments settle immediately in the demo bank, so available and booked are the same figure.
    const balance = (type: AccountBalance['type']): AccountBalance => ({
      accountId,
      type,
      amount: formatAmount(row.balance),
      currency: row.currency,
      creditDebitIndicator: row.balance.startsWith('-') ? 'Debit' : 'Credit',
      dateTime: new Date(row.now).toISOString(),
    });
    return [balance('InterimAvailable'), balance('InterimBooked')];
  }

  async transactionsOf(
    accountId: string,
    window: TransactionWindow = {},
  ): Promise<readonly BankTransaction[]> {
    const rows: TransactionRow[] = await this.dataSource.query(
      `SELECT transaction_id, account_id, amount::text AS amount, currency, credit_debit, booked_at, information
         FROM core_bank.transactions
        WHERE account_id = $1
          AND ($2::timestamptz IS NULL OR booked_at >= $2)
          AND ($3::timestamptz IS NULL OR booked_at <= $3)
        ORDER BY booked_at DESC, transaction_id DESC`,
      [accountId, window.from?.toISOString() ?? null, window.to?.toISOString() ?? null],
    );
    return rows.map((row) => ({
      transactionId: row.transaction_id,
      accountId: row.account_id,
      amount: formatAmount(row.amount),
      currency: row.currency,
      creditDebitIndicator: row.credit_debit,
      status: 'Booked',
      bookingDateTime: new Date(row.booked_at).toISOString(),
      valueDateTime: new Date(row.booked_at).toISOString(),
      transactionInformation: row.information,
    }));
  }

  async fundsAvailable(accountId: string, amount: string, currency: string): Promise<boolean> {
    assertAmount(amount);
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM core_bank.accounts WHERE account_id = $1 AND currency = $2 AND balance >= $3::numeric`,
      [accountId, currency, amount],
    );
    return rows.length > 0;
  }

  executePayment(instruction: PaymentInstruction): Promise<PaymentExecution> {
    assertAmount(instruction.amount);
    return executeDemoPayment(this.dataSource, instruction);
  }

  paymentStatus(paymentId: string): Promise<PaymentExecution | undefined> {
    return paymentRecord(this.dataSource.manager, paymentId);
  }
}
