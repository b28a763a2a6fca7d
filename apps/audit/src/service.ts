import { oauthErrorFormat, type ServiceDefinition } from '@grantline/platform';
import { AuditConfig } from './audit.config';
import { AuditModule } from './audit.module';
import { auditMigrations } from './migrations';

export const auditService: ServiceDefinition<AuditConfig> = {
  name: 'audit',
  schema: 'audit',
  configClass: AuditConfig,
  module: AuditModule,
  migrations: auditMigrations,
  errorFormat: oauthErrorFormat,
};
