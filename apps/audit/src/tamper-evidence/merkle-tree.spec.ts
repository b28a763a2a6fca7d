// RFC 9162 §2.1 tree, proofs and their verification, checked against a direct recursive MTH.
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

function mth(start: number, end: number): Buffer {
  if (end - start === 1) return leaves[start];
  const k = splitPoint(end - start);
  return nodeHash(mth(start, start + k), mth(start + k, end));
}
const hashes = async (start: number, end: number) => mth(start, end);

describe('the audit Merkle tree (RFC 9162 §2.1)', () => {
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
});
