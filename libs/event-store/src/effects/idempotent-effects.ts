// Consumers are idempotent: the processed_events row and the effect commit in one transaction,
// so a redelivered event (at-least-once transports, a relay's duplicates) takes effect once.
import type { DataSource, EntityManager } from 'typeorm';

export class IdempotentEffects {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `effect` unless `consumer` already processed `eventId`; true when it ran. */
  async applyOnce(
    consumer: string,
    eventId: string,
    effect: (transaction: EntityManager) => Promise<void>,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (transaction) => {
      const recorded: unknown[] = await transaction.query(
        `INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING 1`,
        [consumer, eventId],
      );
      if (recorded.length === 0) return false;
      await effect(transaction);
      return true;
    });
  }

  /**
   * Records a batch of event ids in one transaction and runs `effect` with the ids not processed
   * before; everything commits together or nothing does.
   */
  async applyBatchOnce(
    consumer: string,
    eventIds: readonly string[],
    effect: (transaction: EntityManager, fresh: ReadonlySet<string>) => Promise<void>,
  ): Promise<number> {
    return this.dataSource.transaction(async (transaction) => {
      const recorded: Array<{ event_id: string }> = await transaction.query(
        `INSERT INTO processed_events (consumer, event_id)
         SELECT $1, id FROM unnest($2::uuid[]) AS id
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [consumer, eventIds],
      );
      const fresh = new Set(recorded.map((row) => row.event_id));
      if (fresh.size > 0) await effect(transaction, fresh);
      return fresh.size;
    });
  }

  /** Whether the database answers: a failure while it does not is an outage, not a poison message. */
  async isReachable(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
