// The audit service: the append-only, masked, tamper-evident audit log; internal only.
import { Module } from '@nestjs/common';

@Module({})
export class AuditModule {}
