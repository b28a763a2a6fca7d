// The audit service: the append-only, masked, tamper-evident audit log; internal only.
import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@grantline/platform';
import type { AuditConfig } from './audit.config';
import { AUDIT_KEYS } from './audit.tokens';
import { loadAuditKeys, type AuditKeys } from './audit-keys';
import { AuditIngestController } from './ingest/audit-ingest.controller';
import { AuditAppender } from './log/audit-appender';
import { Masker } from './masking/masker';

@Module({
  controllers: [AuditIngestController],
  providers: [
    {
      provide: AUDIT_KEYS,
      useFactory: (config: AuditConfig) => loadAuditKeys(config),
      inject: [SERVICE_CONFIG],
    },
    { provide: Masker, useFactory: (keys: AuditKeys) => new Masker(keys.masking), inject: [AUDIT_KEYS] },
    { provide: AuditAppender, useFactory: (masker: Masker) => new AuditAppender(masker), inject: [Masker] },
  ],
})
export class AuditModule {}
