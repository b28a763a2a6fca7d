import { oauthErrorFormat, type ServiceDefinition } from '@grantline/platform';
import { AuditConfig } from './audit.config';
import { auditDevSettings } from './audit-dev-keys';
import { AuditModule } from './audit.module';
import { auditMigrations } from './migrations';
import { publishOpenApi } from './openapi';
import { retainCommand } from './retention/retain-command';
import { AUDIT_WRITER_ROLE } from './migrations/1763900000000-create-audit-log';

export const auditService: ServiceDefinition<AuditConfig> = {
  name: 'audit',
  schema: 'audit',
  configClass: AuditConfig,
  module: AuditModule,
  migrations: auditMigrations,
  // Reads and appends; never updates or deletes the log (AUD-1).
  databaseRole: AUDIT_WRITER_ROLE,
  errorFormat: oauthErrorFormat,
  embeddedSettings: auditDevSettings,
  configureApp: publishOpenApi,
  commands: { retain: retainCommand },
};
