// Migrations of the "token" schema, oldest first. Applied at start-up in the embedded runtime and
// by `node dist/apps/token/src/main.js migrate` (the migration Job) in distributed mode.
import type { MigrationList } from '@grantline/platform';
import { CreateTokenRecords1763900000200 } from './create-token-records.migration';
import { CreateUsedJtis1763900000300 } from './create-used-jtis.migration';

export const tokenMigrations: MigrationList = [CreateTokenRecords1763900000200, CreateUsedJtis1763900000300];
