// Verifies an NDJSON export with nothing but the export and a trusted audit public key (AUD-3):
// the checkpoint's signature, every record's leaf hash recomputed from its content, its
// inclusion proof against the checkpoint's root, and the closing count (a truncated file fails).
import type { MaskedEvent } from '../log/audit-entry';
import { entryLeafHash } from '../log/audit-entry';
import {
  type SignedCheckpoint,
  type TrustedCheckpointKeys,
  verifyCheckpoint,
} from '../tamper-evidence/checkpoint';
import { verifyInclusion } from '../tamper-evidence/merkle-tree';

export interface ExportVerification {
  ok: boolean;
  records: number;
  treeSize?: number;
  /** The first problem: line number (1-based) and why. */
  firstDivergence?: { line: number; seq?: number; reason: string };
}

interface RecordLine {
  kind: 'record';
  seq: number;
  ingestedAt: string;
  event: MaskedEvent;
  inclusionProof: string[];
}

export async function verifyExport(
  lines: AsyncIterable<string> | Iterable<string>,
  trustedKey?: TrustedCheckpointKeys,
  expectedCheckpoint?: SignedCheckpoint,
): Promise<ExportVerification> {
  let checkpoint: SignedCheckpoint | undefined;
  let root: Buffer | undefined;
  let records = 0;
  let lineNumber = 0;
  let ended = false;
  const fail = (reason: string, seq?: number): ExportVerification => ({
    ok: false,
    records,
    treeSize: checkpoint?.treeSize,
    firstDivergence: { line: lineNumber, ...(seq !== undefined ? { seq } : {}), reason },
  });
  for await (const text of lines) {
    lineNumber++;
    if (text.trim() === '') continue;
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return fail('not JSON');
    }
    if (ended) return fail('content after the end line');
    if (!checkpoint) {
      if (line['kind'] !== 'checkpoint') return fail('the export does not start with its checkpoint');
      checkpoint = line['checkpoint'] as SignedCheckpoint;
      // Exports before key rotation carried one publicKey; later ones carry every key as publicKeys.
      const key = trustedKey ?? ((line['publicKeys'] ?? line['publicKey']) as TrustedCheckpointKeys);
      try {
        await verifyCheckpoint(checkpoint, key);
      } catch (error) {
        return fail((error as Error).message);
      }
      if (expectedCheckpoint && !sameTree(expectedCheckpoint, checkpoint)) {
        return fail(
          `the export's checkpoint (${checkpoint.treeSize}) is not the trusted checkpoint (${expectedCheckpoint.treeSize})`,
        );
      }
      root = Buffer.from(checkpoint.rootHash, 'base64url');
      continue;
    }
    if (line['kind'] === 'end') {
      if (line['records'] !== records)
        return fail(`the end line counts ${String(line['records'])} records, the file holds ${records}`);
      ended = true;
      continue;
    }
    if (line['kind'] !== 'record') return fail('unknown line');
    const record = line as unknown as RecordLine;
    const leaf = entryLeafHash({ seq: record.seq, ingestedAt: record.ingestedAt, event: record.event });
    const proof = (record.inclusionProof ?? []).map((hash) => Buffer.from(hash, 'base64url'));
    if (
      !Number.isSafeInteger(record.seq) ||
      !verifyInclusion(record.seq - 1, checkpoint.treeSize, leaf, proof, root as Buffer)
    ) {
      return fail(
        `record ${record.seq} is not in the signed tree (altered, or its proof is wrong)`,
        record.seq,
      );
    }
    records++;
  }
  if (!checkpoint) return fail('the export is empty');
  if (!ended) return fail('the export is truncated (no end line)');
  return { ok: true, records, treeSize: checkpoint.treeSize };
}

function sameTree(a: SignedCheckpoint, b: SignedCheckpoint): boolean {
  return a.treeSize === b.treeSize && a.rootHash === b.rootHash;
}
