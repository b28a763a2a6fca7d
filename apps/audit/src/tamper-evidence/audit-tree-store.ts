// The Merkle tree over the log's leaf hashes, read from PostgreSQL. Perfect subtrees of 2^8 and
// 2^16 leaves are sealed into `audit_tiles` as checkpoints pass them, so any subtree hash needs at
// most a few hundred rows: proofs on a log of millions answer in milliseconds. Before the
// retention horizon, where records were dropped, subtrees come from the horizon's stored ones.
import type { ProtocolProblem } from '@grantline/platform';
import { readRetentionHorizon, type RetentionHorizon } from '../retention/retention-horizon';
import { nodeHash, splitPoint, type SubtreeHashes } from './merkle-tree';

/** A connection or a transaction: anything that runs SQL. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

const TILE_LEVELS = [8, 16, 24];
const SEAL_CHUNK_TILES = 64;

/** A proof needs a record the log does not hold: not written yet, or dropped by retention. */
export class TreeIncomplete extends Error {
  constructor(readonly leafIndex: number) {
    super(`the log has no record at position ${leafIndex + 1}`);
  }

  toProtocolProblem(): ProtocolProblem {
    const description = `${this.message} (not written yet, or before the retention horizon)`;
    return { status: 404, body: { error: 'not_found', error_description: description } };
  }
}

export class AuditTreeStore {
  constructor(private readonly db: Queryable) {}

  /** MTH(D[start:end]) with a per-call memo, for one proof or one root. */
  subtreeHashes(): SubtreeHashes {
    const perfect = this.perfectHashes();
    const subtree: SubtreeHashes = async (start, end) => {
      const size = end - start;
      if ((size & (size - 1)) === 0 && start % size === 0) return perfect(Math.log2(size), start / size);
      const k = splitPoint(size);
      return nodeHash(await subtree(start, start + k), await subtree(start + k, end));
    };
    return subtree;
  }

  /** MTH of perfect subtrees with a per-call memo; reads the retention horizon once, when needed. */
  private perfectHashes(): (level: number, index: number) => Promise<Buffer> {
    const memo = new Map<string, Promise<Buffer>>();
    let horizon: Promise<RetentionHorizon> | undefined;
    const perfect = (level: number, index: number): Promise<Buffer> => {
      const key = `${level}:${index}`;
      let hash = memo.get(key);
      if (!hash) {
        horizon ??= readRetentionHorizon(this.db);
        memo.set(key, (hash = horizon.then((kept) => this.perfect(level, index, perfect, kept))));
      }
      return hash;
    };
    return perfect;
  }

  /** Seals every complete tile up to `treeSize` leaves. */
  async sealTiles(treeSize: number): Promise<void> {
    let horizon: Promise<RetentionHorizon> | undefined;
    for (const level of TILE_LEVELS) {
      const complete = Math.floor(treeSize / 2 ** level);
      const [{ next }] = (await this.db.query(
        'SELECT coalesce(max(index) + 1, 0) AS next FROM audit_tiles WHERE level = $1',
        [level],
      )) as Array<{ next: string }>;
      for (let from = Number(next); from < complete; from += SEAL_CHUNK_TILES) {
        const count = Math.min(SEAL_CHUNK_TILES, complete - from);
        const below = level - 8;
        const width = 256;
        const hashes: Buffer[] = [];
        // Read once, and only when a tile is due: checkpoints with nothing to seal skip it.
        horizon ??= readRetentionHorizon(this.db);
        if (below === 0 && from * width < (await horizon).treeSize) {
          // Tiles reaching back before the retention horizon: their dropped leaves are gone.
          const perfect = this.perfectHashes();
          for (let t = 0; t < count; t++) hashes.push(await perfect(level, from + t));
        } else {
          const nodes =
            below === 0
              ? await this.leaves(from * width, count * width)
              : await this.tiles(below, from * width, count * width);
          for (let t = 0; t < count; t++) hashes.push(fold(nodes.slice(t * width, (t + 1) * width)));
        }
        await this.db.query(
          `INSERT INTO audit_tiles (level, index, hash)
           SELECT $1, $2::bigint + i - 1, decode(h, 'hex') FROM unnest($3::text[]) WITH ORDINALITY AS t(h, i)
           ON CONFLICT DO NOTHING`,
          [level, from, hashes.map((hash) => hash.toString('hex'))],
        );
      }
    }
  }

  private async perfect(
    level: number,
    index: number,
    perfect: (l: number, i: number) => Promise<Buffer>,
    horizon: RetentionHorizon,
  ): Promise<Buffer> {
    if (level === 0 && index >= horizon.treeSize) return (await this.leaves(index, 1))[0];
    if (TILE_LEVELS.includes(level)) {
      const [stored] = (await this.db.query('SELECT hash FROM audit_tiles WHERE level = $1 AND index = $2', [
        level,
        index,
      ])) as Array<{ hash: Buffer }>;
      if (stored) return stored.hash;
    }
    if (index * 2 ** level < horizon.treeSize) {
      // Starts before the horizon: one of its stored subtrees, or a node above them.
      const kept = horizon.subtrees.find((subtree) => subtree.level === level && subtree.index === index);
      if (kept) return kept.hash;
      if (level === 0) throw new TreeIncomplete(index);
      return nodeHash(await perfect(level - 1, 2 * index), await perfect(level - 1, 2 * index + 1));
    }
    const base = TILE_LEVELS.filter((tile) => tile < level).pop() ?? 0;
    const width = 2 ** (level - base);
    if (base === 0) return fold(await this.leaves(index * width, width));
    const stored = await this.tilesOrNone(base, index * width, width);
    const nodes = await Promise.all(stored.map((hash, i) => hash ?? perfect(base, index * width + i)));
    return fold(nodes);
  }

  /** Leaf hashes of leaves [from, from + count): positions from + 1 onwards. */
  private async leaves(from: number, count: number): Promise<Buffer[]> {
    const rows = (await this.db.query(
      'SELECT seq, leaf_hash FROM audit_records WHERE seq > $1 AND seq <= $2 ORDER BY seq',
      [from, from + count],
    )) as Array<{ seq: string; leaf_hash: Buffer }>;
    if (rows.length !== count) {
      const missing = rows.findIndex((row, i) => Number(row.seq) !== from + i + 1);
      throw new TreeIncomplete(missing === -1 ? from + rows.length : from + missing);
    }
    return rows.map((row) => row.leaf_hash);
  }

  private async tiles(level: number, from: number, count: number): Promise<Buffer[]> {
    const stored = await this.tilesOrNone(level, from, count);
    const missing = stored.findIndex((hash) => !hash);
    if (missing !== -1) throw new TreeIncomplete((from + missing) * 2 ** level);
    return stored as Buffer[];
  }

  private async tilesOrNone(level: number, from: number, count: number): Promise<Array<Buffer | undefined>> {
    const rows = (await this.db.query(
      'SELECT index, hash FROM audit_tiles WHERE level = $1 AND index >= $2 AND index < $3',
      [level, from, from + count],
    )) as Array<{ index: string; hash: Buffer }>;
    const byIndex = new Map(rows.map((row) => [Number(row.index), row.hash]));
    return Array.from({ length: count }, (_, i) => byIndex.get(from + i));
  }
}

/** The root of a perfect subtree from its 2^k nodes one level down… or k levels down. */
function fold(nodes: Buffer[]): Buffer {
  let level = nodes;
  while (level.length > 1) {
    const up: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) up.push(nodeHash(level[i], level[i + 1]));
    level = up;
  }
  return level[0];
}
