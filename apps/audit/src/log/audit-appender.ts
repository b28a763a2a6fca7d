// Appends masked events to the log inside the consumer's transaction (with their processed-event
// records): positions and chain hashes are assigned under one lock, so the chain follows commit
// order and has no gaps. A run of events is one COPY. The lock bounds ingest (G8), so only what
// needs the position happens while it is held.
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@grantline/contracts';
import { copyField, copyInto, copyText, queryInOneTrip } from '@grantline/event-store';
import type { Masker } from '../masking/masker';
import { readRetentionHorizon } from '../retention/retention-horizon';
import { chainHash, entryColumns, entryLeafHash, type MaskedEvent } from './audit-entry';
import { canonicalJson } from './canonical-json';

const CHAIN_LOCK = "hashtext('grantline-audit-chain')";

/** Events prepared between two turns of the event loop. */
const PREPARE_SLICE = 25;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

interface PreparedRow {
  masked: MaskedEvent;
  json: string;
  /** The row's fields after seq and ingested_at, up to the record, encoded for COPY. */
  middle: string;
  record: string;
}

const RECORD_COLUMNS = [
  'seq',
  'ingested_at',
  'event_id',
  'event_type',
  'occurred_at',
  'client_id',
  'grant_id',
  'consent_ids',
  'subject_pseudonym',
  'record',
  'leaf_hash',
  'chain_hash',
];

export class AuditAppender {
  private readonly months = new Set<string>();

  constructor(
    private readonly masker: Masker,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async append(events: readonly EventEnvelope[], transaction: EntityManager): Promise<void> {
    if (events.length === 0) return;
    // Everything that does not depend on the position is done before the lock, so the next run
    // can prepare while this one holds it: each event masked and serialised once (its canonical
    // JSON is hashed into the leaf and written as the record, which keeps that very text), and
    // the indexed columns encoded for COPY.
    const prepared: PreparedRow[] = [];
    for (const event of events) {
      // Runs from other partitions hold the chain lock meanwhile: give their continuations the
      // event loop every so often, so the lock is not held longer while this run prepares.
      if (prepared.length > 0 && prepared.length % PREPARE_SLICE === 0) await yieldToEventLoop();
      prepared.push(this.prepare(event));
    }
    // The lock, then the head as it stands once the lock is held (its own snapshot), in one round
    // trip: the time between them is time the lock is held.
    const [, [head]] = (await queryInOneTrip(transaction, [
      `SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`,
      'SELECT seq, chain_hash FROM audit_records ORDER BY seq DESC LIMIT 1',
    ])) as [unknown[], Array<{ seq: string; chain_hash: Buffer } | undefined>];
    const ingestedAt = this.now();
    const ingestedAtText = ingestedAt.toISOString();
    await this.ensurePartition(ingestedAt, transaction);
    // An empty table is a new log, or one whose every record retention dropped: go on from there.
    const start = head
      ? { treeSize: Number(head.seq), chainHash: head.chain_hash }
      : await readRetentionHorizon(transaction);
    let seq = start.treeSize;
    let chain: Buffer = start.chainHash;
    const lines = prepared.map(({ masked, json, middle, record }) => {
      seq++;
      const leaf = entryLeafHash({ seq, ingestedAt: ingestedAtText, event: masked }, json);
      chain = chainHash(chain, leaf);
      return `${seq}\t${ingestedAtText}\t${middle}\t${record}\t${copyField(leaf)}\t${copyField(chain)}\n`;
    });
    await copyInto(transaction, 'audit_records', RECORD_COLUMNS, lines);
  }

  /** Everything of a row that does not depend on its position. */
  private prepare(event: EventEnvelope): PreparedRow {
    const masked = this.masker.maskEvent(event);
    const json = canonicalJson(masked);
    const columns = entryColumns(masked);
    return {
      masked,
      json,
      middle: [
        columns.eventId,
        columns.eventType,
        columns.occurredAt,
        columns.clientId,
        columns.grantId,
        columns.consentIds,
        columns.subjectPseudonym,
      ]
        .map(copyField)
        .join('\t'),
      record: copyText(json),
    };
  }

  /** Partitions are created by an owner-run function; each month is asked for once per process. */
  private async ensurePartition(at: Date, transaction: EntityManager): Promise<void> {
    const month = at.toISOString().slice(0, 7);
    if (this.months.has(month)) return;
    await transaction.query('SELECT ensure_audit_partition($1)', [at.toISOString()]);
    this.months.add(month);
  }
}
