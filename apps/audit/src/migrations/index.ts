// Migrations of the "audit" schema, oldest first. Applied at start-up in the embedded runtime and
// by `node dist/apps/audit/src/main.js migrate` (the migration Job) in distributed mode.
import type { MigrationList } from '@grantline/platform';
import { CreateAuditLog1763900000000 } from './1763900000000-create-audit-log';
import { AuditRetentionHorizon1764000000000 } from './1764000000000-audit-retention-horizon';
import { AuditRecordAsJson1765000000000 } from './1765000000000-audit-record-as-json';

export const auditMigrations: MigrationList = [
  CreateAuditLog1763900000000,
  AuditRetentionHorizon1764000000000,
  AuditRecordAsJson1765000000000,
];
