// Every event of every context reaches the audit log: one handler for all types, in runs, in the
// consumer runtime's transaction, so each event is stored exactly once (idempotent on its id).
import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@grantline/contracts';
import { EVERY_EVENT_RUN, type EventRunContext } from '@grantline/messaging';
import { AuditAppender } from '../log/audit-appender';

@Controller()
export class AuditIngestController {
  constructor(@Inject(AuditAppender) private readonly appender: AuditAppender) {}

  @EventPattern(EVERY_EVENT_RUN)
  async onEvents(
    @Payload() events: EventEnvelope[],
    @Ctx() context: EventRunContext<EntityManager>,
  ): Promise<void> {
    await this.appender.append(events, context.transaction);
  }
}
