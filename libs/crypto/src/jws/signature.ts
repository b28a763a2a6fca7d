// The signature primitives for exactly the ALG-1 algorithms, straight on node:crypto with KeyObjects
// imported once. jose 6 would go through WebCrypto, 3–7× slower on Node 20 (issue 4, Benchmark);
// signature.differential.spec.ts proves these agree with jose on hostile and generated inputs.
import { type KeyObject, constants, sign, verify } from 'node:crypto';
import type { JwsAlgorithm } from '../keys/algorithms';
import { keyDetailsOf } from '../keys/key-details';

const ECDSA_P256_SIGNATURE_BYTES = 64;
const ED25519_SIGNATURE_BYTES = 64;
/** RFC 7518 §3.5: PS256 uses a salt as long as the hash. */
const PSS_SALT_BYTES = 32;

export function verifySignature(
  alg: JwsAlgorithm,
  key: KeyObject,
  signingInput: Uint8Array,
  signature: Uint8Array,
): boolean {
  try {
    switch (alg) {
      case 'ES256':
        // IEEE P1363 r||s, exactly 64 bytes (RFC 7518 §3.4); never DER.
        return (
          signature.length === ECDSA_P256_SIGNATURE_BYTES &&
          verify('sha256', signingInput, { key, dsaEncoding: 'ieee-p1363' }, signature)
        );
      case 'PS256':
        // RFC 8017 §8.1.2 step 1: the signature is exactly as long as the modulus.
        return (
          signature.length === Math.ceil((keyDetailsOf(key).modulusLength ?? 0) / 8) &&
          verify(
            'sha256',
            signingInput,
            { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: PSS_SALT_BYTES },
            signature,
          )
        );
      case 'EdDSA':
        return signature.length === ED25519_SIGNATURE_BYTES && verify(null, signingInput, key, signature);
    }
  } catch {
    return false;
  }
}

export function createSignature(alg: JwsAlgorithm, key: KeyObject, signingInput: Uint8Array): Buffer {
  switch (alg) {
    case 'ES256':
      return sign('sha256', signingInput, { key, dsaEncoding: 'ieee-p1363' });
    case 'PS256':
      return sign('sha256', signingInput, {
        key,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: PSS_SALT_BYTES,
      });
    case 'EdDSA':
      return sign(null, signingInput, key);
  }
}
