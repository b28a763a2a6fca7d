import { oauthErrorFormat, type ServiceDefinition } from '@grantline/platform';
import { AuditConfig } from './audit.config';
import { auditDevSettings } from './audit-dev-keys';
import { AuditModule } from './audit.module';
import { auditMigrations } from './migrations';
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
  commands: { retain: retainCommand },
  apiReference: {
    title: 'Grantline audit API',
    description:
      'The masked, tamper-evident audit log for compliance teams (AUD-1..3), on the internal origin only. Authenticate with a compliance officer token (JWT, aud "grantline-audit") or a compliance officer client certificate.',
    securitySchemes: {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'A compliance officer token (JWT, aud "grantline-audit"), verified with AUDIT_COMPLIANCE_JWKS',
      },
    },
  },
};
