// Payment execution in the demo bank: the payment row is claimed first (its primary key makes a
// repeat, even a concurrent one, wait and then return the first outcome), then debit and credit
// happen in the same transaction, so money moves once and atomically or not at all.
import type { DataSource, EntityManager } from 'typeorm';
import type { PaymentExecution, PaymentInstruction, PaymentRejection } from '../core-bank.port';
import { formatAmount } from './amounts';
import { CLEARING_ACCOUNT_ID } from './demo-accounts';

interface PaymentRow {
  payment_id: string;
  debtor_account_id: string;
  amount: string;
  currency: string;
  status: PaymentExecution['status'];
  rejection: PaymentRejection | null;
  executed_at: Date;
}

const PAYMENT_COLUMNS = `payment_id, debtor_account_id, amount::text AS amount, currency, status,
  rejection, executed_at`;
const RETURNING = `RETURNING ${PAYMENT_COLUMNS}`;

function paymentExecutionOf(row: PaymentRow): PaymentExecution {
  return {
    paymentId: row.payment_id,
    debtorAccountId: row.debtor_account_id,
    amount: formatAmount(row.amount),
    currency: row.currency,
    status: row.status,
    ...(row.rejection ? { rejection: row.rejection } : {}),
    executedAt: new Date(row.executed_at).toISOString(),
  };
}

export async function executeDemoPayment(
  dataSource: DataSource,
  instruction: PaymentInstruction,
): Promise<PaymentExecution> {
  return dataSource.transaction(async (transaction) => {
    const claimed: PaymentRow[] = await transaction.query(
      `INSERT INTO core_bank.payments (payment_id, debtor_account_id, amount, currency, creditor_scheme,
         creditor_id, creditor_name, reference, status)
       VALUES ($1, $2, $3::numeric, $4, $5, $6, $7, $8, 'ACSC')
       ON CONFLICT (payment_id) DO NOTHING ${RETURNING}`,
      [
        instruction.paymentId,
        instruction.debtorAccountId,
        instruction.amount,
        instruction.currency,
        instruction.creditor.schemeName,
        instruction.creditor.identification,
        instruction.creditor.name,
        instruction.reference ?? null,
      ],
    );
    if (claimed.length === 0) return earlierExecution(transaction, instruction.paymentId);
    const rejection = await moveMoney(transaction, instruction);
    if (!rejection) return paymentExecutionOf(claimed[0]);
    // TypeORM answers an UPDATE with [rows, affected count].
    const [[rejected]]: [PaymentRow[], number] = await transaction.query(
      `UPDATE core_bank.payments SET status = 'RJCT', rejection = $2 WHERE payment_id = $1 ${RETURNING}`,
      [instruction.paymentId, rejection],
    );
    return paymentExecutionOf(rejected);
  });
}

/** The bank's record of a payment, if it has one. */
export async function paymentRecord(
  runner: EntityManager,
  paymentId: string,
): Promise<PaymentExecution | undefined> {
  const rows: PaymentRow[] = await runner.query(
    `SELECT ${PAYMENT_COLUMNS} FROM core_bank.payments WHERE payment_id = $1`,
    [paymentId],
  );
  return rows[0] && paymentExecutionOf(rows[0]);
}

/** A repeat waited on the first execution's row (its primary key), which is committed by now. */
async function earlierExecution(transaction: EntityManager, paymentId: string): Promise<PaymentExecution> {
  const earlier = await paymentRecord(transaction, paymentId);
  if (!earlier) throw new Error(`payment ${paymentId} conflicted but has no record`);
  return earlier;
}

/** Debits the debtor and credits the creditor (an account here, else clearing); or says why not. */
async function moveMoney(
  transaction: EntityManager,
  instruction: PaymentInstruction,
): Promise<PaymentRejection | undefined> {
  const creditors: Array<{ account_id: string }> = await transaction.query(
    `SELECT account_id FROM core_bank.accounts
      WHERE scheme_name = $1 AND identification = $2 AND currency = $3 AND account_id <> $4`,
    [
      instruction.creditor.schemeName,
      instruction.creditor.identification,
      instruction.currency,
      instruction.debtorAccountId,
    ],
  );
  const creditorAccountId = creditors[0]?.account_id ?? CLEARING_ACCOUNT_ID;
  // Lock both accounts in id order, so two payments in opposite directions cannot deadlock.
  const locked: Array<{ account_id: string; currency: string; sufficient: boolean }> =
    await transaction.query(
      `SELECT account_id, currency, balance >= $3::numeric AS sufficient FROM core_bank.accounts
        WHERE account_id IN ($1, $2) ORDER BY account_id FOR UPDATE`,
      [instruction.debtorAccountId, creditorAccountId, instruction.amount],
    );
  const debtor = locked.find((row) => row.account_id === instruction.debtorAccountId);
  if (!debtor) return 'UnknownDebtorAccount';
  if (debtor.currency !== instruction.currency) return 'CurrencyMismatch';
  if (!debtor.sufficient) return 'InsufficientFunds';
  await transaction.query(
    `UPDATE core_bank.accounts
        SET balance = balance + CASE WHEN account_id = $1 THEN -$3::numeric ELSE $3::numeric END
      WHERE account_id IN ($1, $2)`,
    [instruction.debtorAccountId, creditorAccountId, instruction.amount],
  );
  const information = instruction.reference ?? `Payment to ${instruction.creditor.name}`;
  await transaction.query(
    `INSERT INTO core_bank.transactions (transaction_id, account_id, amount, currency, credit_debit,
       booked_at, information)
     VALUES ($1 || ':debit', $2, $4::numeric, $5, 'Debit', now(), $6),
            ($1 || ':credit', $3, $4::numeric, $5, 'Credit', now(), $7)`,
    [
      instruction.paymentId,
      instruction.debtorAccountId,
      creditorAccountId,
      instruction.amount,
      instruction.currency,
      information,
      instruction.reference ?? 'Incoming payment',
    ],
  );
  return undefined;
}
