// The audit service: the append-only, masked, tamper-evident audit log; internal only.
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore } from '@grantline/event-store';
import { SERVICE_CONFIG } from '@grantline/platform';
import { AuditEventsController } from './api/audit-events.controller';
import { AuditExportController } from './api/audit-export.controller';
import { AuditLogReader } from './api/audit-log-reader';
import { AuditReadRecorder } from './api/audit-read-recorder';
import { AuditVerifyController } from './api/audit-verify.controller';
import { CheckpointsController } from './api/checkpoints.controller';
import { ComplianceAuthGuard } from './api/compliance-auth.guard';
import { ComplianceCertificates } from './api/compliance-certificates';
import type { AuditConfig } from './audit.config';
import { AUDIT_KEYS } from './audit.tokens';
import { loadAuditKeys, type AuditKeys } from './audit-keys';
import { AuditIngestController } from './ingest/audit-ingest.controller';
import { AuditAppender } from './log/audit-appender';
import { Masker } from './masking/masker';
import { CheckpointSchedule } from './tamper-evidence/checkpoint-schedule';
import { Checkpointer } from './tamper-evidence/checkpointer';

@Module({
  controllers: [
    AuditIngestController,
    AuditEventsController,
    AuditExportController,
    AuditVerifyController,
    CheckpointsController,
  ],
  providers: [
    {
      provide: AUDIT_KEYS,
      useFactory: (config: AuditConfig) => loadAuditKeys(config),
      inject: [SERVICE_CONFIG],
    },
    { provide: Masker, useFactory: (keys: AuditKeys) => new Masker(keys.masking), inject: [AUDIT_KEYS] },
    { provide: AuditAppender, useFactory: (masker: Masker) => new AuditAppender(masker), inject: [Masker] },
    {
      provide: Checkpointer,
      useFactory: (dataSource: DataSource, keys: AuditKeys) =>
        new Checkpointer(dataSource, keys.checkpointKeys),
      inject: [DataSource, AUDIT_KEYS],
    },
    {
      provide: AuditLogReader,
      useFactory: (dataSource: DataSource, masker: Masker) => new AuditLogReader(dataSource, masker),
      inject: [DataSource, Masker],
    },
    {
      provide: AuditReadRecorder,
      useFactory: (store: EventStore) => new AuditReadRecorder(store),
      inject: [EventStore],
    },
    {
      provide: ComplianceCertificates,
      useFactory: (config: AuditConfig) => ComplianceCertificates.fromConfig(config),
      inject: [SERVICE_CONFIG],
    },
    ComplianceAuthGuard,
    CheckpointSchedule,
  ],
})
export class AuditModule {}
