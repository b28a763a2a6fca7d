// Migrations of the "grants" schema, oldest first. Applied at start-up in the embedded runtime and
// by `node dist/apps/grants/src/main.js migrate` (the migration Job) in distributed mode.
import { resourceServerMigrations, type MigrationList } from '@grantline/platform';
import { CreateGrantViews1763900000400 } from './create-grant-views.migration';

export const grantsMigrations: MigrationList = [CreateGrantViews1763900000400, ...resourceServerMigrations];
