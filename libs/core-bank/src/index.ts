// The core banking port shared by the services that talk to the bank's systems, and its demo adapter.
export {
  AMOUNT,
  CORE_BANK,
  type AccountBalance,
  type BankAccount,
  type BankTransaction,
  type CoreBank,
  type CreditDebit,
  type PaymentCreditor,
  type PaymentExecution,
  type PaymentInstruction,
  type PaymentRejection,
  type PaymentStatusCode,
  type TransactionWindow,
} from './core-bank.port';
export { type NamedAccount, isNamedAccount } from './named-account';
export { DEMO_CUSTOMERS, type DemoCustomer } from './demo/demo-customers';
export { demoCoreBankMigrations } from './demo/create-demo-core-bank.migration';
export { prepareDemoCoreBank, type SeedOutcome } from './demo/seed-demo-core-bank';
export { DemoCoreBank } from './demo/demo-core-bank';
