// The audit log's Merkle tree in the style of RFC 9162 §2.1 (Certificate Transparency v2): leaf
// hashes SHA-256(0x00 || entry), interior nodes SHA-256(0x01 || left || right), the tree over n
// leaves split at the largest power of two below n. Proof generation asks a `SubtreeHashes`
// source for MTH(D[start:end]); verification is pure and needs only the proof and the root.
import { sha256 } from '@grantline/crypto';

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

export function leafHash(entry: Uint8Array | string): Buffer {
  // 0x00 is also the UTF-8 of U+0000, so a text entry is hashed in one shot.
  return typeof entry === 'string' ? sha256(`\u0000${entry}`) : sha256(Buffer.concat([LEAF_PREFIX, entry]));
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return sha256(Buffer.concat([NODE_PREFIX, left, right]));
}

export const EMPTY_ROOT = sha256();

/** The largest power of two strictly below n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[start:end]) for any range the RFC's recursion visits. */
export type SubtreeHashes = (start: number, end: number) => Promise<Buffer>;

/** PATH(m, D[start:end]) of RFC 9162 §2.1.3.1: the audit path of leaf m, leaf's sibling first. */
export async function inclusionPath(m: number, size: number, hashes: SubtreeHashes): Promise<Buffer[]> {
  if (m < 0 || m >= size) throw new RangeError(`leaf ${m} is outside a tree of ${size}`);
  const path: Buffer[] = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (m - start < k) {
      path.unshift(await hashes(start + k, end));
      end = start + k;
    } else {
      path.unshift(await hashes(start, start + k));
      start += k;
    }
  }
  return path;
}

/** PROOF(m, D[n]) of RFC 9162 §2.1.4.1: that the first m leaves of the tree of n are unchanged. */
export async function consistencyProof(m: number, n: number, hashes: SubtreeHashes): Promise<Buffer[]> {
  if (m < 0 || m > n) throw new RangeError(`no consistency proof from ${m} to ${n}`);
  if (m === 0 || m === n) return [];
  const proof: Buffer[] = [];
  let start = 0;
  let end = n;
  let complete = true;
  let first = m;
  for (;;) {
    if (first === end - start) {
      if (!complete) proof.unshift(await hashes(start, end));
      return proof;
    }
    const k = splitPoint(end - start);
    if (first <= k) {
      proof.unshift(await hashes(start + k, end));
      end = start + k;
    } else {
      proof.unshift(await hashes(start, start + k));
      start += k;
      first -= k;
      complete = false;
    }
  }
}

/** RFC 9162 §2.1.3.2: recomputes the root from a leaf hash and its path. */
export function rootFromInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  path: readonly Uint8Array[],
): Buffer | undefined {
  if (index < 0 || index >= size) return undefined;
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of path) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : undefined;
}

export function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  path: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  const computed = rootFromInclusion(index, size, leaf, path);
  return computed !== undefined && computed.equals(root);
}

/** RFC 9162 §2.1.4.2: the tree of `second` leaves extends the tree of `first` leaves. */
export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (first < 0 || first > second) return false;
  if (first === second) return proof.length === 0 && Buffer.from(firstRoot).equals(secondRoot);
  if (first === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr: Buffer = Buffer.from(path[0]);
  let sr: Buffer = Buffer.from(path[0]);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return fr.equals(firstRoot) && sr.equals(secondRoot) && sn === 0;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/**
 * The roots of the perfect subtrees covering the leaves so far (a compact range): appending is
 * O(log n) and the root of every prefix falls out, so a verifier streams millions of leaves.
 */
/** A perfect subtree of the tree: MTH(D[index * 2^level : (index + 1) * 2^level]). */
export interface PerfectSubtree {
  level: number;
  index: number;
  hash: Buffer;
}

export class MerkleFrontier {
  private readonly stack: Array<{ size: number; hash: Buffer }> = [];
  private count = 0;

  /**
   * The frontier of a tree from its perfect subtrees, largest first (what `subtrees()` gave): how
   * the verifier resumes at the retention horizon without the records before it.
   */
  static restore(subtrees: readonly PerfectSubtree[]): MerkleFrontier {
    const frontier = new MerkleFrontier();
    for (const subtree of subtrees) {
      const size = 2 ** subtree.level;
      const last = frontier.stack[frontier.stack.length - 1];
      if (
        frontier.count % size !== 0 ||
        subtree.index * size !== frontier.count ||
        (last && last.size <= size)
      ) {
        throw new RangeError('not the perfect subtrees of a tree, largest first');
      }
      frontier.stack.push({ size, hash: subtree.hash });
      frontier.count += size;
    }
    return frontier;
  }

  /** The perfect subtrees whose concatenation is the tree so far, largest (leftmost) first. */
  subtrees(): PerfectSubtree[] {
    let offset = 0;
    return this.stack.map(({ size, hash }) => {
      const subtree = { level: Math.log2(size), index: offset / size, hash };
      offset += size;
      return subtree;
    });
  }

  get size(): number {
    return this.count;
  }

  append(leaf: Buffer): void {
    let node: { size: number; hash: Buffer } = { size: 1, hash: leaf };
    while (this.stack.length > 0 && this.stack[this.stack.length - 1].size === node.size) {
      const left = this.stack.pop() as { size: number; hash: Buffer };
      node = { size: left.size * 2, hash: nodeHash(left.hash, node.hash) };
    }
    this.stack.push(node);
    this.count++;
  }

  root(): Buffer {
    if (this.stack.length === 0) return EMPTY_ROOT;
    let root = this.stack[this.stack.length - 1].hash;
    for (let i = this.stack.length - 2; i >= 0; i--) root = nodeHash(this.stack[i].hash, root);
    return root;
  }
}
