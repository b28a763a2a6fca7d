// Migrations of the "authorize" schema, oldest first. Applied at start-up in the embedded runtime and
// by `node dist/apps/authorize/src/main.js migrate` (the migration Job) in distributed mode.
import type { MigrationList } from '@grantline/platform';
import { AuthorizeTables1763900000000 } from './1763900000000-authorize-tables';
import { GrantOverview1764000000000 } from './1764000000000-grant-overview';

export const authorizeMigrations: MigrationList = [AuthorizeTables1763900000000, GrantOverview1764000000000];
