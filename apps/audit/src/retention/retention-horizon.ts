// Where the kept log begins after retention dropped older partitions: the verifier resumes the
// hash chain and the Merkle frontier here, and the tree store answers subtrees before it from the
// stored perfect subtrees instead of the dropped records.
import { GENESIS_CHAIN_HASH } from '../log/audit-entry';
import type { Queryable } from '../tamper-evidence/audit-tree-store';
import { MerkleFrontier, type PerfectSubtree } from '../tamper-evidence/merkle-tree';

export interface RetentionHorizon {
  /** How many records came before the kept log (the position of the last dropped record). */
  treeSize: number;
  /** The chain hash of the last dropped record. */
  chainHash: Buffer;
  /** MTH of the dropped records as perfect subtrees, largest first. */
  subtrees: PerfectSubtree[];
}

export const NO_HORIZON: RetentionHorizon = { treeSize: 0, chainHash: GENESIS_CHAIN_HASH, subtrees: [] };

interface HorizonRow {
  tree_size: string;
  chain_hash: Buffer;
  subtrees: Array<{ level: number; index: number; hash: string }>;
}

export async function readRetentionHorizon(db: Queryable): Promise<RetentionHorizon> {
  const [row] = (await db.query(
    'SELECT tree_size, chain_hash, subtrees FROM audit_retention_horizon ORDER BY tree_size DESC LIMIT 1',
  )) as HorizonRow[];
  if (!row) return NO_HORIZON;
  return {
    treeSize: Number(row.tree_size),
    chainHash: row.chain_hash,
    subtrees: row.subtrees.map(({ level, index, hash }) => ({
      level,
      index,
      hash: Buffer.from(hash, 'base64url'),
    })),
  };
}

export function subtreesJson(subtrees: readonly PerfectSubtree[]): string {
  return JSON.stringify(
    subtrees.map(({ level, index, hash }) => ({ level, index, hash: hash.toString('base64url') })),
  );
}

export function frontierAt(horizon: RetentionHorizon): MerkleFrontier {
  return MerkleFrontier.restore(horizon.subtrees);
}
