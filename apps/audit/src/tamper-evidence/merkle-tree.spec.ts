// RFC 9162 §2.1 tree, proofs and their verification, checked against a direct recursive MTH.
import { sha256 } from '@grantline/crypto';
import {
  consistencyProof,
  EMPTY_ROOT,
  inclusionPath,
  leafHash,
  MerkleFrontier,
  nodeHash,
  splitPoint,
  verifyConsistency,
  verifyInclusion,
} from './merkle-tree';

const leaves = Array.from({ length: 40 }, (_, i) => leafHash(`entry-${i}`));

const memo = new Map<string, Buffer>();
function mth(start: number, end: number): Buffer {
  if (end - start === 1) return leaves[start];
  const key = `${start}:${end}`;
  let hash = memo.get(key);
  if (!hash) {
    const k = splitPoint(end - start);
    memo.set(key, (hash = nodeHash(mth(start, start + k), mth(start + k, end))));
  }
  return hash;
}
const hashes = async (start: number, end: number) => mth(start, end);

describe('the audit Merkle tree (RFC 9162 §2.1)', () => {
  it('[AUD-1] hashes leaves as SHA-256(0x00 || entry) and nodes as SHA-256(0x01 || left || right)', () => {
    // RFC 6962's test tree: the empty tree, the leaf of the empty entry, a node over two leaves.
    expect(EMPTY_ROOT.toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(leafHash('').toString('hex')).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    expect(leafHash(Buffer.alloc(0)).equals(leafHash(''))).toBe(true);
    expect(leafHash(Buffer.from([0x00])).toString('hex')).toBe(
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    );
    // Text is hashed as its UTF-8 bytes.
    expect(leafHash('é{"a":1}').equals(leafHash(Buffer.from('é{"a":1}')))).toBe(true);
    const [left, right] = [leafHash('a'), leafHash('b')];
    // The streaming route (several binary parts) agrees with the one-shot one.
    expect(nodeHash(left, right).equals(sha256(Buffer.from([0x01]), left, right))).toBe(true);
    expect(leafHash('x').equals(sha256(Buffer.from([0x00]), Buffer.from('x')))).toBe(true);
  });

  it('[AUD-1] the frontier computes MTH of every prefix', () => {
    const frontier = new MerkleFrontier();
    expect(frontier.root().equals(EMPTY_ROOT)).toBe(true);
    for (let n = 1; n <= leaves.length; n++) {
      frontier.append(leaves[n - 1]);
      expect(frontier.root().equals(mth(0, n))).toBe(true);
    }
  });

  it('[AUD-1] inclusion proofs verify for every leaf of every size, and fail for another leaf or root', async () => {
    for (let n = 1; n <= 33; n++) {
      for (let m = 0; m < n; m++) {
        const path = await inclusionPath(m, n, hashes);
        expect(verifyInclusion(m, n, leaves[m], path, mth(0, n))).toBe(true);
        expect(verifyInclusion(m, n, leafHash('forged'), path, mth(0, n))).toBe(false);
        if (n > 1) expect(verifyInclusion((m + 1) % n, n, leaves[m], path, mth(0, n))).toBe(false);
      }
    }
  });

  it('[AUD-1] consistency proofs verify between every pair of sizes and fail for a rewritten prefix', async () => {
    for (let n = 1; n <= 33; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = await consistencyProof(m, n, hashes);
        expect(verifyConsistency(m, n, mth(0, m), mth(0, n), proof)).toBe(true);
        if (m < n) expect(verifyConsistency(m, n, leafHash('other'), mth(0, n), proof)).toBe(false);
      }
    }
  });

  it('[AUD-1] a frontier restored from its perfect subtrees goes on as if it had every leaf', () => {
    for (let h = 0; h <= 33; h++) {
      const original = new MerkleFrontier();
      leaves.slice(0, h).forEach((leaf) => original.append(leaf));
      const resumed = MerkleFrontier.restore(original.subtrees());
      for (let n = h + 1; n <= leaves.length; n++) {
        resumed.append(leaves[n - 1]);
        expect(resumed.root().equals(mth(0, n))).toBe(true);
      }
    }
    expect(() =>
      MerkleFrontier.restore([
        { level: 0, index: 0, hash: leaves[0] },
        { level: 1, index: 1, hash: leaves[1] },
      ]),
    ).toThrow(RangeError);
  });

  it('[AUD-1] proofs after a retention horizon need, before it, only the horizon’s perfect subtrees', async () => {
    for (let h = 1; h <= 33; h++) {
      const frontier = new MerkleFrontier();
      leaves.slice(0, h).forEach((leaf) => frontier.append(leaf));
      const kept = new Map(
        frontier.subtrees().map((s) => [`${s.index * 2 ** s.level}:${2 ** s.level}`, s.hash]),
      );
      // What the store can answer once records before h are gone: a horizon subtree, or a range
      // reaching past h, split the RFC's way.
      const afterHorizon = async (start: number, end: number): Promise<Buffer> => {
        if (end <= h) {
          const hash = kept.get(`${start}:${end - start}`);
          if (!hash) throw new Error(`needs [${start}, ${end}) from before the horizon`);
          return hash;
        }
        if (start >= h) return mth(start, end);
        const k = splitPoint(end - start);
        return nodeHash(await afterHorizon(start, start + k), await afterHorizon(start + k, end));
      };
      for (let n = h + 1; n <= leaves.length; n++) {
        for (let m = h; m < n; m++) {
          const path = await inclusionPath(m, n, afterHorizon);
          expect(verifyInclusion(m, n, leaves[m], path, mth(0, n))).toBe(true);
          const proof = await consistencyProof(m, n, afterHorizon);
          expect(verifyConsistency(m, n, mth(0, m), mth(0, n), proof)).toBe(true);
        }
      }
    }
  });
});
