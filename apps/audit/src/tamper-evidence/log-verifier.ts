// Recomputes the whole log and reports the first divergence (AUD-1): a record whose content no
// longer matches its leaf hash (edited), a missing position (deleted), two records claiming one
// position (inserted), a broken chain link (reordered, swapped), indexed columns that disagree
// with the record, or a signed checkpoint whose root the records no longer produce. After a
// retention run it starts at the horizon: the chain hash and Merkle subtrees kept for the dropped
// records; checkpoints after it still sign roots over the whole log, dropped records included.
import { chainHash, entryColumns, entryLeafHash, type MaskedEvent } from '../log/audit-entry';
import { frontierAt, readRetentionHorizon } from '../retention/retention-horizon';
import type { Queryable } from './audit-tree-store';
import { type SignedCheckpoint, type TrustedCheckpointKeys, verifyCheckpoint } from './checkpoint';

export interface Divergence {
  position: number;
  reason: string;
}

export interface VerificationReport {
  ok: boolean;
  records: number;
  checkpointsVerified: number;
  /** Records dropped by retention before the kept log begins (0 without retention). */
  retentionHorizon: number;
  firstDivergence?: Divergence;
}

interface RecordRow {
  seq: string;
  ingested_at: Date;
  event_id: string;
  event_type: string;
  occurred_at: Date;
  client_id: string | null;
  grant_id: string | null;
  consent_ids: string[];
  subject_pseudonym: string | null;
  record: MaskedEvent;
  leaf_hash: Buffer;
  chain_hash: Buffer;
}

const WINDOW = 2000;

export async function verifyLog(
  db: Queryable,
  checkpoints: readonly SignedCheckpoint[],
  publicKeys: TrustedCheckpointKeys,
  onProgress?: (records: number) => void,
): Promise<VerificationReport> {
  const bySize = new Map<number, SignedCheckpoint>();
  for (const checkpoint of checkpoints) {
    try {
      await verifyCheckpoint(checkpoint, publicKeys);
    } catch {
      return reporter(0)(0, 0, {
        position: checkpoint.treeSize,
        reason: `checkpoint ${checkpoint.treeSize} has an invalid signature`,
      });
    }
    bySize.set(checkpoint.treeSize, checkpoint);
  }
  const [{ max }] = (await db.query('SELECT coalesce(max(seq), 0) AS max FROM audit_records')) as Array<{
    max: string;
  }>;
  const horizon = await readRetentionHorizon(db);
  const last = Math.max(Number(max), horizon.treeSize);
  const report = reporter(horizon.treeSize);
  const [early] = (await db.query('SELECT seq FROM audit_records WHERE seq <= $1 ORDER BY seq LIMIT 1', [
    horizon.treeSize,
  ])) as Array<{ seq: string }>;
  if (early) {
    return report(horizon.treeSize, 0, {
      position: Number(early.seq),
      reason: `a record claims position ${early.seq}, before the retention horizon (${horizon.treeSize})`,
    });
  }
  const frontier = frontierAt(horizon);
  let chain: Buffer = horizon.chainHash;
  let expected = horizon.treeSize + 1;
  let verified = 0;
  for (let from = horizon.treeSize; from < last; from += WINDOW) {
    const rows = (await db.query(
      'SELECT * FROM audit_records WHERE seq > $1 AND seq <= $2 ORDER BY seq, event_id',
      [from, from + WINDOW],
    )) as RecordRow[];
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq < expected)
        return report(expected - 1, verified, { position: seq, reason: `two records claim position ${seq}` });
      if (seq > expected)
        return report(expected - 1, verified, {
          position: expected,
          reason: `the record at position ${expected} is missing`,
        });
      const problem = checkRecord(row, seq, chain);
      if (problem) return report(expected - 1, verified, { position: seq, reason: problem });
      chain = row.chain_hash;
      frontier.append(row.leaf_hash);
      const checkpoint = bySize.get(seq);
      if (checkpoint) {
        if (
          frontier.root().toString('base64url') !== checkpoint.rootHash ||
          chain.toString('base64url') !== checkpoint.chainHash
        ) {
          return report(seq, verified, {
            position: seq,
            reason: `the records no longer produce signed checkpoint ${seq}'s root: a record at or before position ${seq} was rewritten`,
          });
        }
        verified++;
      }
      expected++;
    }
    onProgress?.(expected - 1);
  }
  const newest = checkpoints.reduce((size, checkpoint) => Math.max(size, checkpoint.treeSize), 0);
  if (newest > last) {
    return report(last, verified, {
      position: last + 1,
      reason: `checkpoint ${newest} covers records that are gone after position ${last}`,
    });
  }
  return report(last, verified);
}

function checkRecord(row: RecordRow, seq: number, previousChain: Buffer): string | undefined {
  const leaf = entryLeafHash({ seq, ingestedAt: row.ingested_at.toISOString(), event: row.record });
  if (!leaf.equals(row.leaf_hash))
    return `the record at position ${seq} was altered (its content does not match its leaf hash)`;
  if (!chainHash(previousChain, leaf).equals(row.chain_hash))
    return `the chain breaks at position ${seq} (records reordered, replaced or rewritten)`;
  const columns = entryColumns(row.record);
  const matches =
    columns.eventId === row.event_id &&
    columns.eventType === row.event_type &&
    Date.parse(columns.occurredAt) === row.occurred_at.getTime() &&
    columns.clientId === row.client_id &&
    columns.grantId === row.grant_id &&
    columns.subjectPseudonym === row.subject_pseudonym &&
    [...row.consent_ids].sort().join('\n') === columns.consentIds.join('\n');
  return matches ? undefined : `the indexed columns at position ${seq} disagree with the record`;
}

function reporter(retentionHorizon: number) {
  return (
    records: number,
    checkpointsVerified: number,
    firstDivergence?: Divergence,
  ): VerificationReport => ({
    ok: !firstDivergence,
    records,
    checkpointsVerified,
    retentionHorizon,
    ...(firstDivergence ? { firstDivergence } : {}),
  });
}
