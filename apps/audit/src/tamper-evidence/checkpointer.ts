// Issues a signed checkpoint whenever the log grew (every AUDIT_CHECKPOINT_INTERVAL_MS, and on
// demand before an export), one replica at a time. Tiles are sealed first, so proofs stay cheap.
import type { DataSource, EntityManager } from 'typeorm';
import type { JwkSet, PublicJwk } from '@grantline/crypto';
import { AuditTreeStore } from './audit-tree-store';
import { signCheckpoint, type SignedCheckpoint } from './checkpoint';
import type { CheckpointKeys } from './checkpoint-keys';

interface CheckpointRow {
  tree_size: string;
  root_hash: Buffer;
  chain_hash: Buffer;
  issued_at: Date;
  signed: string;
}

function fromRow(row: CheckpointRow): SignedCheckpoint {
  return {
    log: 'grantline-audit',
    treeSize: Number(row.tree_size),
    rootHash: row.root_hash.toString('base64url'),
    chainHash: row.chain_hash.toString('base64url'),
    issuedAt: row.issued_at.toISOString(),
    signature: row.signed,
  };
}

export class Checkpointer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: CheckpointKeys,
  ) {}

  /** The key signing checkpoints now. */
  get publicKey(): PublicJwk {
    return this.keys.current;
  }

  /** Every key this log's checkpoints may be signed with (after rotations). */
  get publicKeys(): JwkSet {
    return this.keys.all;
  }

  async latest(db: DataSource | EntityManager = this.dataSource): Promise<SignedCheckpoint | undefined> {
    const [row] = (await db.query(
      'SELECT * FROM audit_checkpoints ORDER BY tree_size DESC LIMIT 1',
    )) as CheckpointRow[];
    return row && fromRow(row);
  }

  /** Newest first. */
  async list(limit: number, belowSize?: number): Promise<SignedCheckpoint[]> {
    const rows = (await this.dataSource.query(
      'SELECT * FROM audit_checkpoints WHERE tree_size < $1 ORDER BY tree_size DESC LIMIT $2',
      [belowSize ?? Number.MAX_SAFE_INTEGER, limit],
    )) as CheckpointRow[];
    return rows.map(fromRow);
  }

  async all(): Promise<SignedCheckpoint[]> {
    const rows = (await this.dataSource.query(
      'SELECT * FROM audit_checkpoints ORDER BY tree_size',
    )) as CheckpointRow[];
    return rows.map(fromRow);
  }

  async atSize(size: number): Promise<SignedCheckpoint | undefined> {
    const [row] = (await this.dataSource.query('SELECT * FROM audit_checkpoints WHERE tree_size = $1', [
      size,
    ])) as CheckpointRow[];
    return row && fromRow(row);
  }

  /** A checkpoint over every record committed so far; the latest one when nothing is new. */
  async issue(): Promise<SignedCheckpoint | undefined> {
    return this.dataSource.transaction(async (transaction) => {
      await transaction.query("SELECT pg_advisory_xact_lock(hashtext('grantline-audit-checkpoint'))");
      const [head] = (await transaction.query(
        'SELECT seq, chain_hash FROM audit_records ORDER BY seq DESC LIMIT 1',
      )) as Array<{ seq: string; chain_hash: Buffer }>;
      if (!head) return this.latest(transaction);
      const treeSize = Number(head.seq);
      const latest = await this.latest(transaction);
      if (latest && latest.treeSize >= treeSize) return latest;
      const tree = new AuditTreeStore(transaction);
      await tree.sealTiles(treeSize);
      const root = await tree.subtreeHashes()(0, treeSize);
      const checkpoint = await signCheckpoint(this.keys.signer(), {
        log: 'grantline-audit',
        treeSize,
        rootHash: root.toString('base64url'),
        chainHash: head.chain_hash.toString('base64url'),
        issuedAt: new Date().toISOString(),
      });
      await transaction.query(
        'INSERT INTO audit_checkpoints (tree_size, root_hash, chain_hash, issued_at, signed) VALUES ($1, $2, $3, $4, $5)',
        [treeSize, root, head.chain_hash, checkpoint.issuedAt, checkpoint.signature],
      );
      return checkpoint;
    });
  }
}
