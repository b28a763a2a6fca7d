// Publishes the outbox to the event transport (DESIGN.md "The event backbone").
//  - Streams hash onto lanes; a relay claims lanes with FOR UPDATE SKIP LOCKED and publishes each
//    lane's rows in outbox order, so several relays (replicas) share the work and per-stream order
//    holds. A row waiting for a retry blocks the rows behind it in its lane.
//  - Woken by LISTEN/NOTIFY from the append statement; polls as a fallback. A cycle that took
//    everything publishable is not followed by another until a NOTIFY or the poll says there is
//    more, and cycles start at most every `minCycleIntervalMs`: under load the appends of a few
//    milliseconds go out in one cycle (four statements: begin, claim, delete, commit) instead of
//    one cycle each.
//  - A transport outage retries the whole batch with backoff and never counts against a row; a
//    row the transport refuses while healthy is retried with exponential backoff and moved to
//    outbox_dead_letters after `maxAttempts`.
//  - stop() drains what can be published before it returns.
import type { DataSource, QueryRunner } from 'typeorm';
import { ChannelListener } from '../notifications/channel-listener';
import { CLAIM_SQL, DEAD_LETTER_SQL, DELETE_PUBLISHED_SQL, RETRY_LATER_SQL } from './outbox.sql';
import { PreparedStatement } from '../sql/prepared-statement';

/** One message for the transport: the event envelope as JSON, keyed by stream id. */
export interface OutboxMessage {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** What the relay needs from a transport (libs/messaging's transports implement it). */
export interface OutboxPublisher {
  publish(messages: readonly OutboxMessage[]): Promise<void>;
  isReady(): Promise<boolean>;
}

export interface RelayObserver {
  published?(count: number): void;
  retried?(count: number): void;
  deadLettered?(eventId: string, topic: string, error: string): void;
  failed?(error: unknown): void;
}

export interface OutboxRelayOptions {
  batchSize?: number;
  /** Lanes one relay claims per cycle; below the lane count so replicas share the lanes. */
  lanesPerCycle?: number;
  /** Claim-publish loops this relay runs at once; they take different lanes like replicas do. */
  workers?: number;
  pollIntervalMs?: number;
  /** The shortest time between the starts of two cycles of one worker (default 10 ms). */
  minCycleIntervalMs?: number;
  maxAttempts?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  drainTimeoutMs?: number;
  /** A publish that has not settled by then counts as failed, so a hung connection never holds lanes. */
  publishTimeoutMs?: number;
  observer?: RelayObserver;
}

/** What one cycle did: rows handled, and whether it stopped at a limit with more perhaps waiting. */
interface CycleOutcome {
  handled: number;
  full: boolean;
}

interface OutboxRow {
  id: string;
  lane: number;
  event_id: string;
  stream_id: string;
  topic: string;
  value: string;
  attempts: number;
}

// Each replica's relay runs these on every commit it hears of: prepared once per connection.
const CLAIM = new PreparedStatement<OutboxRow & { lanes_claimed: number }>('outbox_claim', CLAIM_SQL);
const DELETE_PUBLISHED = new PreparedStatement('outbox_delete_published', DELETE_PUBLISHED_SQL);

const DEFAULTS = {
  batchSize: 500,
  lanesPerCycle: 16,
  workers: 1,
  pollIntervalMs: 1000,
  minCycleIntervalMs: 10,
  maxAttempts: 10,
  retryBaseMs: 100,
  retryMaxMs: 30_000,
  drainTimeoutMs: 5000,
  publishTimeoutMs: 30_000,
};

export class OutboxRelay {
  private readonly options: Required<Omit<OutboxRelayOptions, 'observer'>>;
  private readonly observer: RelayObserver;
  private readonly listener: ChannelListener;
  private running = false;
  private loops: Array<Promise<void>> = [];
  private readonly sleepers = new Set<{ wakeable: boolean; finish: () => void }>();
  private woken = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: OutboxPublisher,
    options: OutboxRelayOptions = {},
  ) {
    const { observer, ...rest } = options;
    this.options = {
      ...DEFAULTS,
      ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
    };
    this.observer = observer ?? {};
    // Whatever was appended while the listener was away is picked up by a cycle when it is back.
    this.listener = new ChannelListener(dataSource, {
      channel: (schema) => `grantline_outbox_${schema}`,
      onNotification: () => this.wake(),
      onListening: () => this.wake(),
    });
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.listener.start();
    this.loops = Array.from({ length: this.options.workers }, () => this.run());
  }

  /** Stops claiming new work after draining what is publishable, up to drainTimeoutMs. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    for (const sleeper of this.sleepers) sleeper.finish();
    await Promise.all(this.loops);
    const deadline = Date.now() + this.options.drainTimeoutMs;
    while (Date.now() < deadline) {
      const published = await this.cycle().catch(() => 0);
      if (published === 0) break;
    }
    await this.listener.stop();
  }

  wake(): void {
    this.woken = true;
    for (const sleeper of this.sleepers) if (sleeper.wakeable) sleeper.finish();
  }

  /** One claim-publish-commit round; returns the number of rows it handled. Public for tests. */
  async cycle(): Promise<number> {
    return (await this.runCycle()).handled;
  }

  private async runCycle(): Promise<CycleOutcome> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      try {
        const outcome = await this.publishClaimed(runner);
        await runner.commitTransaction();
        return outcome;
      } catch (error) {
        await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  private async run(): Promise<void> {
    let outageBackoffMs = 0;
    while (this.running) {
      const started = Date.now();
      let outcome: CycleOutcome;
      try {
        this.woken = false;
        outcome = await this.runCycle();
        outageBackoffMs = 0;
      } catch (error) {
        this.observer.failed?.(error);
        outageBackoffMs = Math.min(
          this.options.retryMaxMs,
          Math.max(this.options.retryBaseMs, outageBackoffMs * 2),
        );
        await this.pause(outageBackoffMs, false);
        continue;
      }
      // Everything publishable at the claim was taken: what was appended since has woken us.
      if (!outcome.full && !this.woken) await this.pause(this.options.pollIntervalMs, true);
      const sinceStart = Date.now() - started;
      if (sinceStart < this.options.minCycleIntervalMs) {
        await this.pause(this.options.minCycleIntervalMs - sinceStart, false);
      }
    }
  }

  /** Sleeps; a NOTIFY ends a poll wait early, only stop() ends an outage backoff early. */
  private pause(ms: number, wakeable: boolean): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const sleeper = {
        wakeable,
        finish: () => {
          clearTimeout(timer);
          this.sleepers.delete(sleeper);
          resolve();
        },
      };
      const timer = setTimeout(sleeper.finish, ms);
      this.sleepers.add(sleeper);
    });
  }

  private async publishClaimed(runner: QueryRunner): Promise<CycleOutcome> {
    const rows = await CLAIM.rows(runner.manager, [this.options.lanesPerCycle, this.options.batchSize]);
    if (rows.length === 0) return { handled: 0, full: false };
    // Lanes beyond the claimed ones, or rows beyond the batch, may still hold publishable rows.
    const full = rows[0].lanes_claimed >= this.options.lanesPerCycle || rows.length >= this.options.batchSize;

    let published: OutboxRow[] = rows;
    let failures: Array<{ row: OutboxRow; error: string }> = [];
    try {
      await this.publish(rows.map(toMessage));
    } catch (error) {
      // Whole-batch failure while the transport is down: an outage, retried by the loop's backoff.
      if (!(await this.publisher.isReady().catch(() => false))) throw error;
      ({ published, failures } = await this.publishOneByOne(rows));
    }
    if (published.length > 0) {
      await DELETE_PUBLISHED.rows(runner.manager, [published.map((row) => row.id)]);
      this.observer.published?.(published.length);
    }
    await this.recordFailures(runner, failures);
    return { handled: rows.length, full };
  }

  private async publish(messages: OutboxMessage[]): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`publish did not settle within ${this.options.publishTimeoutMs} ms`)),
        this.options.publishTimeoutMs,
      );
    });
    try {
      await Promise.race([this.publisher.publish(messages), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Finds the rows the transport refuses; a lane stops at its first failure to keep order. */
  private async publishOneByOne(rows: readonly OutboxRow[]) {
    const published: OutboxRow[] = [];
    const failures: Array<{ row: OutboxRow; error: string }> = [];
    const blockedLanes = new Set<number>();
    for (const row of rows) {
      if (blockedLanes.has(row.lane)) continue;
      try {
        await this.publish([toMessage(row)]);
        published.push(row);
      } catch (error) {
        blockedLanes.add(row.lane);
        failures.push({ row, error: describe(error) });
      }
    }
    return { published, failures };
  }

  private async recordFailures(runner: QueryRunner, failures: Array<{ row: OutboxRow; error: string }>) {
    for (const { row, error } of failures) {
      const attempts = row.attempts + 1;
      if (attempts >= this.options.maxAttempts) {
        await runner.query(DEAD_LETTER_SQL, [row.id, error]);
        this.observer.deadLettered?.(row.event_id, row.topic, error);
      } else {
        const delay = Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** (attempts - 1));
        await runner.query(RETRY_LATER_SQL, [row.id, delay, error]);
        this.observer.retried?.(1);
      }
    }
  }
}

function toMessage(row: OutboxRow): OutboxMessage {
  return { topic: row.topic, key: row.stream_id, value: row.value, headers: { 'event-id': row.event_id } };
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 500);
}
