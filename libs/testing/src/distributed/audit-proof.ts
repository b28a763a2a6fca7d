// The audit log's proofs checked from the outside, as an auditor holding only the audit public key
// would (RFC 9162 §2.1): a record's leaf hash recomputed from its content, its inclusion path
// folded up to the signed checkpoint's root, and the checkpoint's JWS verified. Written apart from
// apps/audit's own verifier on purpose: the same bug on both sides would prove nothing.
import { importPublicKey, keySetOf, sha256, verifyJws, type PublicJwk } from '@grantline/crypto';
import type { AuditRecord, Checkpoint } from './audit-compliance';

/** Keys sorted, no whitespace, JSON.stringify's escaping: the bytes a leaf hashes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const object = value as Record<string, unknown>;
  const members = Object.keys(object)
    .filter((key) => object[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`);
  return `{${members.join(',')}}`;
}

/** SHA-256(0x00 || canonicalJson({ seq, ingestedAt, event })), base64url. */
export function recordLeafHash(record: Pick<AuditRecord, 'seq' | 'ingestedAt' | 'event'>): string {
  const entry = canonicalJson({ seq: record.seq, ingestedAt: record.ingestedAt, event: record.event });
  return sha256(Buffer.from([0x00]), entry).toString('base64url');
}

const node = (left: Buffer, right: Buffer) => sha256(Buffer.from([0x01]), left, right);

/** RFC 9162 §2.1.3.2: the root an inclusion path leads to, or undefined if the path is malformed. */
export function rootOfInclusion(
  index: number,
  treeSize: number,
  leafHash: string,
  path: readonly string[],
): string | undefined {
  if (!Number.isSafeInteger(index) || index < 0 || index >= treeSize) return undefined;
  let fn = index;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(leafHash, 'base64url');
  for (const step of path) {
    const p = Buffer.from(step, 'base64url');
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = node(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = node(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 ? r.toString('base64url') : undefined;
}

/**
 * The checkpoint's JWS verifies with the trusted key, and what it signed is the checkpoint shown
 * (tree size, root, chain hash, time). Throws otherwise.
 */
export async function verifyCheckpointSignature(checkpoint: Checkpoint, trusted: PublicJwk): Promise<void> {
  const { payload } = await verifyJws(checkpoint.signature, {
    keys: keySetOf([importPublicKey(trusted)]),
    algorithms: ['EdDSA', 'ES256', 'PS256'],
    typ: 'grantline-audit-checkpoint+jws',
  });
  const { signature: _signature, ...shown } = checkpoint;
  if (payload.toString('utf8') !== canonicalJson(shown))
    throw new Error(`checkpoint ${checkpoint.treeSize}: the signed body differs from the one shown`);
}
