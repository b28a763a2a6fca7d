// Migrations of the "consent" schema, oldest first. Applied at start-up in the embedded runtime and
// by `node dist/apps/consent/src/main.js migrate` (the migration Job) in distributed mode.
import { demoCoreBankMigrations } from '@grantline/core-bank';
import { resourceServerMigrations, type MigrationList } from '@grantline/platform';
import { CreateConsentTables1763900000100 } from './create-consent-tables.migration';
import { CreatePaymentHandOvers1763900000950 } from './create-payment-hand-overs.migration';

// The demo core bank's tables are idempotent and in their own schema (core_bank).
// revoked_credentials: created by CreateConsentTables before the shared denylist existed; the shared
// migration is idempotent and keeps the consent schema listed like every other resource server.
export const consentMigrations: MigrationList = [
  ...demoCoreBankMigrations,
  CreateConsentTables1763900000100,
  ...resourceServerMigrations,
  CreatePaymentHandOvers1763900000950,
];
