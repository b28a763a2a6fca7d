// Read models in the service's own schema, kept by projections over the global read. Each batch
// and the projection's checkpoint commit together, so a projection applies every event once.
import type { DataSource, EntityManager } from 'typeorm';
import { GLOBAL_START, type EventStore, type GlobalCheckpoint, type StoredEvent } from '../store/event-store';

export interface Projection {
  name: string;
  /** Event types the projection reads; others advance the checkpoint untouched. */
  handles: readonly string[];
  apply(transaction: EntityManager, event: StoredEvent): Promise<void>;
}

export class Projector {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
    private readonly projection: Projection,
    private readonly batchSize = 500,
  ) {}

  /** Applies everything visible now; returns how many events it read. */
  async catchUp(): Promise<number> {
    this.running ??= this.drain().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Polls every `intervalMs` until `stop()`. */
  start(intervalMs = 250): void {
    const tick = () => {
      this.timer = setTimeout(() => {
        this.catchUp()
          .catch(() => undefined)
          .finally(() => this.timer && tick());
      }, intervalMs);
    };
    tick();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const read = await this.dataSource.transaction(async (transaction) => {
        const checkpoint = await this.checkpoint(transaction);
        const events = await this.store.readAll(checkpoint, this.batchSize, { transaction });
        for (const event of events) {
          if (this.projection.handles.includes(event.type)) await this.projection.apply(transaction, event);
        }
        const last = events[events.length - 1];
        if (last) await this.saveCheckpoint(transaction, last);
        return events.length;
      });
      total += read;
      if (read < this.batchSize) return total;
    }
  }

  private async checkpoint(transaction: EntityManager): Promise<GlobalCheckpoint> {
    // Two replicas may run the same projection: one applies a batch while the other waits.
    await transaction.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `projection:${this.projection.name}`,
    ]);
    const rows: Array<{ transaction_id: string; global_position: string }> = await transaction.query(
      'SELECT transaction_id::text, global_position FROM projection_checkpoints WHERE projection = $1',
      [this.projection.name],
    );
    const [row] = rows;
    return row
      ? { transactionId: row.transaction_id, globalPosition: Number(row.global_position) }
      : GLOBAL_START;
  }

  private async saveCheckpoint(transaction: EntityManager, last: StoredEvent): Promise<void> {
    await transaction.query(
      `INSERT INTO projection_checkpoints (projection, transaction_id, global_position)
       VALUES ($1, $2::xid8, $3)
       ON CONFLICT (projection) DO UPDATE
         SET transaction_id = EXCLUDED.transaction_id, global_position = EXCLUDED.global_position,
             updated_at = now()`,
      [this.projection.name, last.transactionId, last.globalPosition],
    );
  }
}
