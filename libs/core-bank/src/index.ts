// The core banking port shared by the services that talk to the bank's systems, and its demo adapter.
export { CORE_BANK, type BankAccount, type CoreBank } from './core-bank.port';
export { DEMO_CUSTOMERS, type DemoCustomer } from './demo/demo-customers';
