// The demo core bank on a real PostgreSQL: seeding, reads, funds checks, and payments that move
// money atomically and exactly once per payment id.
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@grantline/testing';
import type { PaymentInstruction } from '../core-bank.port';
import { demoCoreBankMigrations } from './create-demo-core-bank.migration';
import { CLEARING_ACCOUNT_ID } from './demo-accounts';
import { DemoCoreBank } from './demo-core-bank';
import { seedDemoCoreBank } from './seed-demo-core-bank';

const SEEDED_AT = new Date('2026-11-20T12:00:00.000Z');

describe('the demo core bank', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let bank: DemoCoreBank;
  let paymentNumber = 0;

  const balanceOf = async (accountId: string) =>
    (await bank.balancesOf(accountId)).find((balance) => balance.type === 'InterimAvailable')?.amount;

  const payment = (overrides: Partial<PaymentInstruction> = {}): PaymentInstruction => ({
    paymentId: `pay-${++paymentNumber}`,
    debtorAccountId: 'acc-alice-current',
    amount: '10.00',
    currency: 'GBP',
    creditor: { schemeName: 'UK.OBIE.SortCodeAccountNumber', identification: '20000011112222', name: 'Acme' },
    reference: 'Invoice 7',
    ...overrides,
  });

  beforeAll(async () => {
    database = await createTestDatabase('core_bank');
    dataSource = new DataSource({
      type: 'postgres',
      url: database.url,
      migrations: demoCoreBankMigrations,
      migrationsTableName: 'core_bank_migrations',
      extra: { max: 25 },
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
    await seedDemoCoreBank(dataSource, SEEDED_AT);
    bank = new DemoCoreBank(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('lists a demo customer’s accounts, and none of the bank’s own', async () => {
    const accounts = await bank.accountsOf('psu-alice');
    expect(accounts.map((account) => account.accountId)).toEqual(['acc-alice-current', 'acc-alice-savings']);
    expect(accounts[0]).toMatchObject({
      psuId: 'psu-alice',
      currency: 'GBP',
      schemeName: 'UK.OBIE.SortCodeAccountNumber',
      identification: '04000412345678',
      holderName: 'Alice Example',
    });
    expect(await bank.accountsOf('psu-bob')).toHaveLength(1);
    expect(await bank.accountsOf('psu-nobody')).toEqual([]);
    expect(await bank.account('acc-bob-current')).toMatchObject({ psuId: 'psu-bob' });
    expect(await bank.account('acc-missing')).toBeUndefined();
  });

  it('seeds once: a second seed (another service, a restart) inserts nothing and keeps moved balances', async () => {
    await bank.executePayment(payment({ debtorAccountId: 'acc-alice-savings', amount: '1.00' }));
    const before = await balanceOf('acc-alice-savings');
    expect(await seedDemoCoreBank(dataSource)).toEqual({ accountsInserted: 0, transactionsInserted: 0 });
    expect(await balanceOf('acc-alice-savings')).toBe(before);
    // The migration is idempotent too, so several services may list it.
    const second = new DataSource({
      type: 'postgres',
      url: database.url,
      migrations: demoCoreBankMigrations,
      migrationsTableName: 'another_service_migrations',
    });
    await second.initialize();
    await expect(second.runMigrations()).resolves.toHaveLength(1);
    await second.destroy();
  });

  it('reports balances as OB amounts with a credit/debit indicator', async () => {
    const balances = await bank.balancesOf('acc-bob-current');
    expect(balances.map((balance) => balance.type)).toEqual(['InterimAvailable', 'InterimBooked']);
    expect(balances[0]).toMatchObject({ amount: '150.00', currency: 'GBP', creditDebitIndicator: 'Credit' });
    expect(await bank.balancesOf('acc-missing')).toEqual([]);
  });

  it('returns booked transactions within the window, newest first', async () => {
    const all = await bank.transactionsOf('acc-alice-current');
    expect(all.length).toBeGreaterThanOrEqual(7);
    const window = {
      from: new Date(SEEDED_AT.getTime() - 30 * 86_400_000),
      to: new Date(SEEDED_AT.getTime() - 3 * 86_400_000),
    };
    const within = await bank.transactionsOf('acc-alice-current', window);
    expect(within.map((entry) => entry.transactionInformation)).toEqual([
      'Grocer & Sons',
      'Salary ACME Ltd',
      'Rent November',
    ]);
    expect(within[0]).toMatchObject({ amount: '62.15', creditDebitIndicator: 'Debit', status: 'Booked' });
    expect(within.every((entry) => new Date(entry.bookingDateTime) >= window.from)).toBe(true);
  });

  it('checks funds in the account’s currency', async () => {
    expect(await bank.fundsAvailable('acc-bob-current', '150.00', 'GBP')).toBe(true);
    expect(await bank.fundsAvailable('acc-bob-current', '150.01', 'GBP')).toBe(false);
    expect(await bank.fundsAvailable('acc-bob-current', '1.00', 'EUR')).toBe(false);
    expect(await bank.fundsAvailable('acc-missing', '1.00', 'GBP')).toBe(false);
    await expect(bank.fundsAvailable('acc-bob-current', '-1', 'GBP')).rejects.toThrow(RangeError);
  });

  it('debits the debtor and credits a creditor at this bank in one step', async () => {
    const alice = await balanceOf('acc-alice-current');
    const bob = await balanceOf('acc-bob-current');
    const execution = await bank.executePayment(
      payment({
        amount: '25.50',
        creditor: {
          schemeName: 'UK.OBIE.SortCodeAccountNumber',
          identification: '04000487654321',
          name: 'Bob',
        },
      }),
    );
    expect(execution).toMatchObject({
      status: 'ACSC',
      amount: '25.50',
      debtorAccountId: 'acc-alice-current',
    });
    expect(execution.rejection).toBeUndefined();
    expect(Number(await balanceOf('acc-alice-current'))).toBeCloseTo(Number(alice) - 25.5, 5);
    expect(Number(await balanceOf('acc-bob-current'))).toBeCloseTo(Number(bob) + 25.5, 5);
    const [latest] = await bank.transactionsOf('acc-bob-current');
    expect(latest).toMatchObject({
      transactionId: `${execution.paymentId}:credit`,
      creditDebitIndicator: 'Credit',
    });
    expect(await bank.paymentStatus(execution.paymentId)).toEqual(execution);
    expect(await bank.paymentStatus('pay-unknown')).toBeUndefined();
  });

  it('credits the clearing account for a creditor at another bank', async () => {
    const clearing = Number(await balanceOf(CLEARING_ACCOUNT_ID));
    await bank.executePayment(payment({ amount: '3.00' }));
    expect(Number(await balanceOf(CLEARING_ACCOUNT_ID))).toBeCloseTo(clearing + 3, 5);
  });

  it('executes a payment id once: a repeat returns the first outcome and moves no money', async () => {
    const instruction = payment({ amount: '7.00' });
    const before = Number(await balanceOf('acc-alice-current'));
    const first = await bank.executePayment(instruction);
    const again = await bank.executePayment({ ...instruction, amount: '9.00' });
    expect(again).toEqual(first);
    expect(Number(await balanceOf('acc-alice-current'))).toBeCloseTo(before - 7, 5);
  });

  it('executes a payment id once under 20 concurrent submissions: one debit', async () => {
    const instruction = payment({ amount: '1.25' });
    const before = Number(await balanceOf('acc-alice-current'));
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => bank.executePayment(instruction)));
    expect(new Set(outcomes.map((outcome) => JSON.stringify(outcome))).size).toBe(1);
    expect(Number(await balanceOf('acc-alice-current'))).toBeCloseTo(before - 1.25, 5);
    const debits = (await bank.transactionsOf('acc-alice-current')).filter((entry) =>
      entry.transactionId.startsWith(`${instruction.paymentId}:`),
    );
    expect(debits).toHaveLength(1);
  });

  it('rejects a payment without enough funds with a clear status, moving nothing', async () => {
    const before = await balanceOf('acc-bob-current');
    const execution = await bank.executePayment(
      payment({ debtorAccountId: 'acc-bob-current', amount: '100000.00' }),
    );
    expect(execution).toMatchObject({ status: 'RJCT', rejection: 'InsufficientFunds' });
    expect(await balanceOf('acc-bob-current')).toBe(before);
    expect(await bank.paymentStatus(execution.paymentId)).toMatchObject({ status: 'RJCT' });
  });

  it('rejects a payment from an unknown account or in another currency', async () => {
    expect(await bank.executePayment(payment({ debtorAccountId: 'acc-missing' }))).toMatchObject({
      status: 'RJCT',
      rejection: 'UnknownDebtorAccount',
    });
    expect(await bank.executePayment(payment({ currency: 'EUR' }))).toMatchObject({
      status: 'RJCT',
      rejection: 'CurrencyMismatch',
    });
  });

  it('pays in both directions at once without deadlocking', async () => {
    const toBob = {
      schemeName: 'UK.OBIE.SortCodeAccountNumber',
      identification: '04000487654321',
      name: 'Bob',
    };
    const toAlice = {
      schemeName: 'UK.OBIE.SortCodeAccountNumber',
      identification: '04000412345678',
      name: 'Alice',
    };
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        index % 2 === 0
          ? bank.executePayment(payment({ amount: '0.10', creditor: toBob }))
          : bank.executePayment(
              payment({ debtorAccountId: 'acc-bob-current', amount: '0.10', creditor: toAlice }),
            ),
      ),
    );
    expect(outcomes.every((outcome) => outcome.status === 'ACSC')).toBe(true);
  });
});
