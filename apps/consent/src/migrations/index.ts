// Migrations of the "consent" schema, oldest first. Applied at start-up in the embedded runtime and
// by `node dist/apps/consent/src/main.js migrate` (the migration Job) in distributed mode.
import { demoCoreBankMigrations } from '@grantline/core-bank';
import type { MigrationList } from '@grantline/platform';
import { CreateConsentTables1763900000100 } from './create-consent-tables.migration';

// The demo core bank's tables are idempotent and in their own schema (core_bank).
export const consentMigrations: MigrationList = [...demoCoreBankMigrations, CreateConsentTables1763900000100];
