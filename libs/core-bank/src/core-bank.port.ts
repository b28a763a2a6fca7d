// The bank's core banking system as Grantline sees it: the PSU's accounts, balances and
// transactions, and payment execution. A bank plugs its own adapter in behind this port; the demo
// implementation (Postgres tables seeded by the embedded runtime) stands in for development.

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

/** The port. G6 (consent service) completes it: balances, transactions, funds, payment execution. */
export interface CoreBank {
  /** The PSU's accounts, for the consent page's account picker and the account APIs. */
  accountsOf(psuId: string): Promise<readonly BankAccount[]>;
}

/** The Nest injection token under which an app provides its CoreBank adapter. */
export const CORE_BANK = Symbol('CoreBank');
