// Retention: drops whole monthly partitions of the log older than the retention period, run by the
// schema owner (`node dist/apps/audit/src/main.js retain`, e.g. a monthly Kubernetes CronJob); the
// service's writer role can never drop anything. It refuses rather than destroy evidence: the log
// must verify first, and every record it drops must be covered by a signed checkpoint. What the log
// keeps of the dropped records is the retention horizon (retention-horizon.ts).
import type { DataSource, EntityManager } from 'typeorm';
import type { Checkpointer } from '../tamper-evidence/checkpointer';
import { verifyLog } from '../tamper-evidence/log-verifier';
import { frontierAt, readRetentionHorizon, subtreesJson } from './retention-horizon';

export class RetentionRefused extends Error {}

export interface RetentionOutcome {
  /** Records before this instant (by ingestion month) were due to go. */
  cutoff: string;
  droppedPartitions: string[];
  /** Position of the last dropped record: where the kept log now begins. */
  horizon: number;
}

const PARTITION = /^audit_records_(\d{4})_(\d{2})$/;
const LEAF_WINDOW = 10_000;

/** The first instant of the month `months` before the current UTC month. */
export function retentionCutoff(now: Date, months: number): Date {
  if (!Number.isInteger(months) || months < 1)
    throw new RetentionRefused('the retention period is at least one month');
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
}

export class AuditRetention {
  constructor(
    private readonly dataSource: DataSource,
    private readonly checkpointer: Checkpointer,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async run(months: number): Promise<RetentionOutcome> {
    const cutoff = retentionCutoff(this.now(), months);
    const due = (await this.partitions()).filter((partition) => partition.end <= cutoff.getTime());
    const previous = await readRetentionHorizon(this.dataSource);
    const outcome = {
      cutoff: cutoff.toISOString(),
      droppedPartitions: due.map((p) => p.name),
      horizon: previous.treeSize,
    };
    if (due.length === 0) return outcome;

    const report = await verifyLog(
      this.dataSource,
      await this.checkpointer.all(),
      this.checkpointer.publicKeys,
    );
    if (!report.ok) {
      throw new RetentionRefused(
        `the log does not verify (${report.firstDivergence?.reason ?? 'unknown'}); nothing was dropped`,
      );
    }
    const names = due.map((partition) => partition.name);
    const [{ last, kept }] = (await this.dataSource.query(
      `SELECT (SELECT max(seq) FROM audit_records WHERE tableoid::regclass::text = ANY($1)) AS last,
              (SELECT min(seq) FROM audit_records WHERE NOT tableoid::regclass::text = ANY($1)) AS kept`,
      [names],
    )) as Array<{ last: string | null; kept: string | null }>;
    const horizon = last === null ? previous.treeSize : Number(last);
    if (kept !== null && Number(kept) <= horizon) {
      throw new RetentionRefused(
        `records after position ${kept} sit in partitions due to go: ingestion clocks went backwards; nothing was dropped`,
      );
    }
    const covering = await this.checkpointer.latest();
    if (horizon > previous.treeSize && (!covering || covering.treeSize < horizon)) {
      throw new RetentionRefused(
        `no signed checkpoint covers position ${horizon} yet; issue one (the service does every AUDIT_CHECKPOINT_INTERVAL_MS) and run again`,
      );
    }
    await this.dataSource.transaction(async (transaction) => {
      if (horizon > previous.treeSize)
        await this.recordHorizon(transaction, previous.treeSize, horizon, names, months);
      for (const name of names) {
        await transaction.query(`ALTER TABLE audit_records DETACH PARTITION "${name}"`);
        await transaction.query(`DROP TABLE "${name}"`);
      }
    });
    return { ...outcome, horizon };
  }

  /** The chain hash and Merkle subtrees of everything up to `horizon`, from the previous horizon on. */
  private async recordHorizon(
    transaction: EntityManager,
    from: number,
    horizon: number,
    partitions: string[],
    months: number,
  ): Promise<void> {
    const frontier = frontierAt(await readRetentionHorizon(transaction));
    let chain: Buffer | undefined;
    for (let after = from; after < horizon; after += LEAF_WINDOW) {
      const rows = (await transaction.query(
        'SELECT leaf_hash, chain_hash FROM audit_records WHERE seq > $1 AND seq <= $2 ORDER BY seq',
        [after, Math.min(after + LEAF_WINDOW, horizon)],
      )) as Array<{ leaf_hash: Buffer; chain_hash: Buffer }>;
      for (const row of rows) {
        frontier.append(row.leaf_hash);
        chain = row.chain_hash;
      }
    }
    if (frontier.size !== horizon || !chain)
      throw new RetentionRefused('records went missing while retention ran');
    await transaction.query(
      `INSERT INTO audit_retention_horizon (tree_size, chain_hash, subtrees, dropped_partitions, retention_months)
       VALUES ($1, $2, $3, $4, $5)`,
      [horizon, chain, subtreesJson(frontier.subtrees()), partitions, months],
    );
  }

  /** The log's monthly partitions with the instant each one ends, oldest first. */
  private async partitions(): Promise<Array<{ name: string; end: number }>> {
    const rows = (await this.dataSource.query(
      `SELECT child.relname AS name FROM pg_inherits
         JOIN pg_class child ON child.oid = pg_inherits.inhrelid
         JOIN pg_class parent ON parent.oid = pg_inherits.inhparent
        WHERE parent.relname = 'audit_records' AND parent.relnamespace = current_schema()::regnamespace
        ORDER BY child.relname`,
    )) as Array<{ name: string }>;
    return rows.flatMap(({ name }) => {
      const month = PARTITION.exec(name);
      return month ? [{ name, end: Date.UTC(Number(month[1]), Number(month[2]), 1) }] : [];
    });
  }
}
