// The bank's core banking system as Grantline sees it: the PSU's accounts, balances and
// transactions, funds checks and payment execution. A bank plugs its own adapter in behind this
// port; the demo implementation (Postgres tables in schema core_bank) stands in for development.

/** One of a PSU's payment accounts, as the consent page and the account APIs show it. */
export interface BankAccount {
  accountId: string;
  /** The PSU who holds the account (the bank's own customer id, never shown to TPPs raw). */
  psuId: string;
  currency: string;
  nickname: string;
  accountType: 'Personal' | 'Business';
  accountSubType: 'CurrentAccount' | 'Savings';
  /** OB scheme, e.g. UK.OBIE.SortCodeAccountNumber. */
  schemeName: string;
  /** Sort code and account number; shown to PSUs masked to the last 4 characters. */
  identification: string;
  /** The account holder's name. */
  holderName: string;
}

export type CreditDebit = 'Credit' | 'Debit';

/** An OB amount: up to 13 integer digits and 5 decimals, never signed. */
export const AMOUNT = /^\d{1,13}(\.\d{1,5})?$/;

export interface AccountBalance {
  accountId: string;
  /** ISO 20022 balance types as OB v4 names them: available and booked, intraday. */
  type: 'InterimAvailable' | 'InterimBooked';
  amount: string;
  currency: string;
  creditDebitIndicator: CreditDebit;
  dateTime: string;
}

export interface BankTransaction {
  transactionId: string;
  accountId: string;
  amount: string;
  currency: string;
  creditDebitIndicator: CreditDebit;
  status: 'Booked';
  bookingDateTime: string;
  valueDateTime: string;
  transactionInformation: string;
}

/** Inclusive bounds on booking time; either may be absent. */
export interface TransactionWindow {
  from?: Date;
  to?: Date;
}

export interface PaymentCreditor {
  schemeName: string;
  identification: string;
  name: string;
}

export interface PaymentInstruction {
  /** The payment's identity at the bank: executing the same id again returns the first outcome. */
  paymentId: string;
  debtorAccountId: string;
  amount: string;
  currency: string;
  creditor: PaymentCreditor;
  reference?: string;
}

/** ISO 20022 payment status codes as OB v4 reports them. */
export type PaymentStatusCode = 'ACSC' | 'RJCT';

export type PaymentRejection = 'InsufficientFunds' | 'UnknownDebtorAccount' | 'CurrencyMismatch';

export interface PaymentExecution {
  paymentId: string;
  debtorAccountId: string;
  amount: string;
  currency: string;
  status: PaymentStatusCode;
  /** Why the bank rejected the payment (only when RJCT). */
  rejection?: PaymentRejection;
  executedAt: string;
}

export interface CoreBank {
  /** The PSU's accounts, for the consent page's account picker and the account APIs. */
  accountsOf(psuId: string): Promise<readonly BankAccount[]>;
  /** One account by id, whoever holds it. */
  account(accountId: string): Promise<BankAccount | undefined>;
  balancesOf(accountId: string): Promise<readonly AccountBalance[]>;
  /** Booked transactions within the window, newest first. */
  transactionsOf(accountId: string, window?: TransactionWindow): Promise<readonly BankTransaction[]>;
  /** Whether the account could pay `amount` now (same currency, enough available balance). */
  fundsAvailable(accountId: string, amount: string, currency: string): Promise<boolean>;
  /**
   * Debits the debtor and credits the creditor atomically, exactly once per paymentId: a repeat
   * (also a concurrent one) returns the first execution and moves no money.
   */
  executePayment(instruction: PaymentInstruction): Promise<PaymentExecution>;
  /** The bank's current record of a payment, if it has one. */
  paymentStatus(paymentId: string): Promise<PaymentExecution | undefined>;
}

/** The Nest injection token under which an app provides its CoreBank adapter. */
export const CORE_BANK = Symbol('CoreBank');
