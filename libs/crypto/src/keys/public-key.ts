// Public verification keys: a JWK imported once into a node:crypto KeyObject, cached by its RFC 7638
// members so a DPoP key sent on every request is imported once, not per proof.
import { type KeyObject, createHash, createPublicKey } from 'node:crypto';
import { InvalidKey, KeyAlgorithmMismatch, KeyTooWeak } from '../errors/errors';
import { thumbprintInput } from '../thumbprint/jwk-thumbprint';
import type { JwsAlgorithm } from './algorithms';
import { type PublicJwk, REQUIRED_JWK_MEMBERS, hasPrivateMembers, isJsonObject } from './jwk';
import { keyDetailsOf } from './key-details';

const MIN_RSA_BITS = 2048;
const KEY_CACHE_LIMIT = 2048;

/** Imported keys by thumbprint input; evicts the oldest entry once full. */
const importedKeys = new Map<string, KeyObject>();
const keyObjects = new WeakMap<PublicVerificationKey, KeyObject>();
/** Frozen JWKs (a SigningKey's publicJwk, imported JWKS) map straight to their verification key. */
const byFrozenJwk = new WeakMap<object, PublicVerificationKey>();

/** A public key able to verify JWS signatures; build with `importPublicKey`. */
export class PublicVerificationKey {
  private thumbprintCache: string | undefined;

  /** @internal use importPublicKey */
  constructor(
    readonly jwk: PublicJwk,
    private readonly canonical: string,
    keyObject: KeyObject,
  ) {
    keyObjects.set(this, keyObject);
  }

  get kid(): string | undefined {
    return this.jwk.kid;
  }

  get kty(): string {
    return this.jwk.kty;
  }

  /** RFC 7638 SHA-256 thumbprint (base64url): DPoP `jkt`. */
  get thumbprint(): string {
    this.thumbprintCache ??= createHash('sha256').update(this.canonical, 'utf8').digest('base64url');
    return this.thumbprintCache;
  }
}

/** Imports a public JWK; private members, symmetric keys and unknown key types are refused. */
export function importPublicKey(jwk: unknown): PublicVerificationKey {
  if (!isJsonObject(jwk)) throw new InvalidKey('JWK must be a JSON object');
  const known = byFrozenJwk.get(jwk);
  if (known) return known;
  if (hasPrivateMembers(jwk))
    throw new InvalidKey('JWK carries private key members where a public key is expected');
  if (typeof jwk.kty !== 'string' || !REQUIRED_JWK_MEMBERS[jwk.kty]) {
    throw new InvalidKey(`unsupported JWK "kty" ${JSON.stringify(jwk.kty)}`);
  }
  for (const member of ['kid', 'alg', 'use'] as const) {
    if (jwk[member] !== undefined && typeof jwk[member] !== 'string') {
      throw new InvalidKey(`JWK member "${member}" must be a string`);
    }
  }
  if (
    jwk.key_ops !== undefined &&
    !(Array.isArray(jwk.key_ops) && jwk.key_ops.every((op) => typeof op === 'string'))
  ) {
    throw new InvalidKey('JWK member "key_ops" must be an array of strings');
  }
  const canonical = thumbprintInput(jwk);
  let keyObject = importedKeys.get(canonical);
  if (!keyObject) {
    try {
      keyObject = createPublicKey({ key: JSON.parse(canonical) as Record<string, string>, format: 'jwk' });
    } catch (cause) {
      throw new InvalidKey('JWK cannot be imported as a public key', { cause });
    }
    if (importedKeys.size >= KEY_CACHE_LIMIT) importedKeys.delete(importedKeys.keys().next().value as string);
    importedKeys.set(canonical, keyObject);
  }
  const key = new PublicVerificationKey(Object.freeze({ ...jwk }) as PublicJwk, canonical, keyObject);
  if (Object.isFrozen(jwk)) byFrozenJwk.set(jwk, key);
  return key;
}

/** @internal the node:crypto key behind a verification key. */
export function keyObjectOf(key: PublicVerificationKey): KeyObject {
  const keyObject = keyObjects.get(key);
  if (!keyObject) throw new InvalidKey('not a key imported by importPublicKey');
  return keyObject;
}

/**
 * ALG-1/ALG-2 on the key side: the key's type, curve and size fit `alg`, and its `alg`, `use` and
 * `key_ops` members (when present) allow verification with it. Throws KeyTooWeak or
 * KeyAlgorithmMismatch.
 */
export function assertKeyFitsAlgorithm(key: PublicVerificationKey, alg: JwsAlgorithm): void {
  const { jwk } = key;
  if (jwk.alg !== undefined && jwk.alg !== alg) {
    throw new KeyAlgorithmMismatch(`key is for ${jwk.alg}, token uses ${alg}`);
  }
  if (jwk.use !== undefined && jwk.use !== 'sig') throw new KeyAlgorithmMismatch('key "use" is not "sig"');
  if (jwk.key_ops !== undefined && !jwk.key_ops.includes('verify')) {
    throw new KeyAlgorithmMismatch('key "key_ops" does not include "verify"');
  }
  assertKeyObjectFits(keyObjectOf(key), alg);
}

/** The KeyObject half of the check, shared with signing keys. */
export function assertKeyObjectFits(keyObject: KeyObject, alg: JwsAlgorithm): void {
  const type = keyObject.asymmetricKeyType;
  switch (alg) {
    case 'PS256': {
      if (type !== 'rsa' && type !== 'rsa-pss') throw new KeyAlgorithmMismatch('PS256 needs an RSA key');
      const bits = keyDetailsOf(keyObject).modulusLength ?? 0;
      if (bits < MIN_RSA_BITS)
        throw new KeyTooWeak(`RSA key of ${bits} bits; at least ${MIN_RSA_BITS} required`);
      return;
    }
    case 'ES256':
      if (type !== 'ec' || keyDetailsOf(keyObject).namedCurve !== 'prime256v1') {
        throw new KeyAlgorithmMismatch('ES256 needs an EC key on P-256');
      }
      return;
    case 'EdDSA':
      if (type !== 'ed25519') throw new KeyAlgorithmMismatch('EdDSA needs an Ed25519 key');
      return;
  }
}
