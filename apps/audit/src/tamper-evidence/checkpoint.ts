// Signed checkpoints (AUD-1), in the style of RFC 9162 signed tree heads: the tree size, the
// Merkle root, the chain hash at that size and the time, signed as a JWS with the audit key.
// Anyone holding the audit public key checks them offline; they are what proofs are checked against.
import {
  keySetOf,
  importPublicKey,
  signJws,
  verifyJws,
  type PublicJwk,
  type Signer,
} from '@grantline/crypto';
import { canonicalJson } from '../log/canonical-json';

export const CHECKPOINT_TYPE = 'grantline-audit-checkpoint+jws';
export const CHECKPOINT_ALGORITHMS = ['EdDSA', 'ES256', 'PS256'] as const;

export interface CheckpointBody {
  log: 'grantline-audit';
  treeSize: number;
  /** base64url SHA-256 */
  rootHash: string;
  chainHash: string;
  issuedAt: string;
}

export interface SignedCheckpoint extends CheckpointBody {
  /** Compact JWS whose payload is the canonical JSON of the body. */
  signature: string;
}

export async function signCheckpoint(signer: Signer, body: CheckpointBody): Promise<SignedCheckpoint> {
  return { ...body, signature: await signJws(signer, canonicalJson(body), { typ: CHECKPOINT_TYPE }) };
}

export class CheckpointInvalid extends Error {
  readonly code = 'checkpoint_invalid';
}

/** Checks the signature with a trusted key and that the signed body is the one presented. */
export async function verifyCheckpoint(
  checkpoint: SignedCheckpoint,
  publicJwk: PublicJwk,
): Promise<CheckpointBody> {
  let payload: Buffer;
  try {
    ({ payload } = await verifyJws(checkpoint.signature, {
      keys: keySetOf([importPublicKey(publicJwk)]),
      algorithms: CHECKPOINT_ALGORITHMS,
      typ: CHECKPOINT_TYPE,
    }));
  } catch (error) {
    throw new CheckpointInvalid(`the checkpoint's signature does not verify: ${(error as Error).message}`);
  }
  const { signature: _signature, ...presented } = checkpoint;
  if (payload.toString('utf8') !== canonicalJson(presented)) {
    throw new CheckpointInvalid('the checkpoint differs from what was signed');
  }
  return presented;
}
