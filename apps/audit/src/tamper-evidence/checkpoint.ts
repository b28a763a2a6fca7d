// Signed checkpoints (AUD-1), in the style of RFC 9162 signed tree heads: the tree size, the
// Merkle root, the chain hash at that size and the time, signed as a JWS with the audit key.
// Anyone holding the audit public keys checks them offline; they are what proofs are checked against.
import {
  keySetOf,
  importPublicKey,
  signJws,
  verifyJws,
  type JwkSet,
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

/** The trusted keys: one public JWK, or a JWKS when the signing key was rotated (chosen by kid). */
export type TrustedCheckpointKeys = PublicJwk | JwkSet;

/** Checks the signature with a trusted key and that the signed body is the one presented. */
export async function verifyCheckpoint(
  checkpoint: SignedCheckpoint,
  trusted: TrustedCheckpointKeys,
): Promise<CheckpointBody> {
  let payload: Buffer;
  try {
    const jwks = 'keys' in trusted && Array.isArray(trusted.keys) ? trusted.keys : [trusted as PublicJwk];
    ({ payload } = await verifyJws(checkpoint.signature, {
      keys: keySetOf(jwks.map((jwk) => importPublicKey(jwk))),
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
