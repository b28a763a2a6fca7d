// A KeyObject's asymmetricKeyDetails is built afresh, under the key's lock, on every read; the
// modulus length and curve of a key never change, so each key's details are read once. PS256
// verification needs the modulus length for every signature it checks (RFC 8017 §8.1.2).
import type { AsymmetricKeyDetails, KeyObject } from 'node:crypto';

const known = new WeakMap<KeyObject, AsymmetricKeyDetails>();

export function keyDetailsOf(key: KeyObject): AsymmetricKeyDetails {
  let details = known.get(key);
  if (details === undefined) {
    details = Object.freeze({ ...key.asymmetricKeyDetails });
    known.set(key, details);
  }
  return details;
}
