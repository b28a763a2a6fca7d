// Key pairs for dev and tests, generated as DER and imported again, never used straight from
// generateKeyPairSync. On Node 20 the KeyObjects it returns share their key's mutex with the
// generation job, whose destructor takes that mutex. If a garbage collection finalises the job
// while the same thread holds the mutex (reading asymmetricKeyDetails allocates under it), the
// thread deadlocks: a CI test worker hung so (GetRsaKeyDetail → GC → ~KeyGenJob → mutex lock).
// Imported from DER, a key has a mutex of its own.
import { type KeyObject, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';

export type FreshKeyType =
  | { type: 'rsa'; modulusLength: number }
  | { type: 'ec'; namedCurve: string }
  | { type: 'ed25519' }
  | { type: 'ed448' };

const DER = {
  publicKeyEncoding: { type: 'spki', format: 'der' },
  privateKeyEncoding: { type: 'pkcs8', format: 'der' },
} as const;

export function freshKeyPair(kind: FreshKeyType): { privateKey: KeyObject; publicKey: KeyObject } {
  const generate = generateKeyPairSync as unknown as (
    type: string,
    options: object,
  ) => { publicKey: Buffer; privateKey: Buffer };
  const { type, ...options } = kind;
  const { publicKey, privateKey } = generate(type, { ...options, ...DER });
  return {
    privateKey: createPrivateKey({ key: privateKey, format: 'der', type: 'pkcs8' }),
    publicKey: createPublicKey({ key: publicKey, format: 'der', type: 'spki' }),
  };
}
