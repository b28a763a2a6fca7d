// What the demo bank holds for its customers (DEMO_CUSTOMERS): accounts with opening balances and a
// few months of booked transactions, plus the bank's own clearing account for outbound payments.
import type { BankAccount, CreditDebit } from '../core-bank.port';

export interface DemoAccount extends BankAccount {
  openingBalance: string;
}

export interface DemoTransaction {
  transactionId: string;
  accountId: string;
  amount: string;
  creditDebit: CreditDebit;
  /** Booked this many days before the bank was seeded. */
  daysAgo: number;
  information: string;
}

const SORT_CODE_ACCOUNT = 'UK.OBIE.SortCodeAccountNumber';

function personal(
  account: Pick<DemoAccount, 'accountId' | 'psuId' | 'nickname' | 'identification' | 'holderName'> &
    Partial<DemoAccount>,
): DemoAccount {
  return {
    currency: 'GBP',
    accountType: 'Personal',
    accountSubType: 'CurrentAccount',
    schemeName: SORT_CODE_ACCOUNT,
    openingBalance: '0.00',
    ...account,
  };
}

/** Outbound payments to other banks are credited here, so every payment is double-entry. */
export const CLEARING_ACCOUNT_ID = 'bank-clearing-gbp';

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  personal({
    accountId: 'acc-alice-current',
    psuId: 'psu-alice',
    nickname: 'Everyday',
    identification: '04000412345678',
    holderName: 'Alice Example',
    openingBalance: '2500.00',
  }),
  personal({
    accountId: 'acc-alice-savings',
    psuId: 'psu-alice',
    nickname: 'Rainy day',
    accountSubType: 'Savings',
    identification: '04000412349999',
    holderName: 'Alice Example',
    openingBalance: '8000.00',
  }),
  personal({
    accountId: 'acc-bob-current',
    psuId: 'psu-bob',
    nickname: 'Main',
    identification: '04000487654321',
    holderName: 'Bob Example',
    openingBalance: '150.00',
  }),
  {
    accountId: CLEARING_ACCOUNT_ID,
    psuId: 'bank:clearing',
    currency: 'GBP',
    nickname: 'Faster Payments clearing',
    accountType: 'Business',
    accountSubType: 'CurrentAccount',
    schemeName: SORT_CODE_ACCOUNT,
    identification: '04000400000001',
    holderName: 'Grantline Demo Bank',
    openingBalance: '0.00',
  },
];

const history = (
  accountId: string,
  entries: Array<[daysAgo: number, creditDebit: CreditDebit, amount: string, information: string]>,
): DemoTransaction[] =>
  entries.map(([daysAgo, creditDebit, amount, information], index) => ({
    transactionId: `tx-${accountId}-${index + 1}`,
    accountId,
    amount,
    creditDebit,
    daysAgo,
    information,
  }));

export const DEMO_TRANSACTIONS: readonly DemoTransaction[] = [
  ...history('acc-alice-current', [
    [2, 'Debit', '4.20', 'Coffee Corner'],
    [5, 'Debit', '62.15', 'Grocer & Sons'],
    [14, 'Credit', '2100.00', 'Salary ACME Ltd'],
    [20, 'Debit', '950.00', 'Rent November'],
    [45, 'Credit', '2100.00', 'Salary ACME Ltd'],
    [50, 'Debit', '950.00', 'Rent October'],
    [120, 'Debit', '35.00', 'Mobile phone'],
  ]),
  ...history('acc-alice-savings', [
    [30, 'Credit', '200.00', 'Monthly saving'],
    [60, 'Credit', '200.00', 'Monthly saving'],
  ]),
  ...history('acc-bob-current', [
    [1, 'Debit', '12.00', 'Cinema'],
    [10, 'Credit', '400.00', 'Freelance invoice 42'],
    [33, 'Debit', '250.00', 'Car insurance'],
  ]),
];
