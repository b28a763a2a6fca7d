// Every read of the audit log is itself an event (AUD-3): appended to the audit service's own
// event store, published like any other event, and ingested — masked — into the log.
import { randomId } from '@grantline/crypto';
import type { EventStore } from '@grantline/event-store';
import type { AuditLogQueriedV1 } from '@grantline/contracts';

export class AuditReadRecorder {
  constructor(private readonly store: EventStore) {}

  async record(read: AuditLogQueriedV1, correlationId: string): Promise<void> {
    await this.store.append(
      `audit-read-${randomId(16)}`,
      'no-stream',
      [{ type: 'AuditLogQueried', data: read }],
      { correlationId, actor: { kind: 'bank', id: read.officer } },
    );
  }
}
