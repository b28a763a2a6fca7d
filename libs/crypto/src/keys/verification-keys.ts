// Where verification finds its keys. A resolver answers per token header, so libs/oauth can plug in
// a client's remote JWKS with caching and refresh on an unknown `kid`.
import { InvalidKey } from '../errors/errors';
import { isJwsAlgorithm } from './algorithms';
import { type JwkSet, isJsonObject } from './jwk';
import { type PublicVerificationKey, importPublicKey } from './public-key';

/** Marks key sets that can answer without a promise (internal fast path of verification). */
export const LOCAL_KEYS = Symbol('grantline.crypto.localKeys');

type KeyHeader = { readonly alg: string; readonly kid?: string };

export interface VerificationKeys {
  /** Candidate keys for a token with this header; an empty list means "no such key". */
  forHeader(header: KeyHeader): Promise<readonly PublicVerificationKey[]>;
  /** @internal synchronous answer of key sets built by this library. */
  readonly [LOCAL_KEYS]?: (header: KeyHeader) => readonly PublicVerificationKey[];
}

const KTY_FOR_ALG: Readonly<Record<string, string>> = { PS256: 'RSA', ES256: 'EC', EdDSA: 'OKP' };

/**
 * Picks candidates by `kid` when the header has one (exact match), otherwise every key whose type
 * fits the algorithm. Encryption keys (`use: "enc"`) are never candidates.
 */
export function selectKeys(
  keys: readonly PublicVerificationKey[],
  header: KeyHeader,
): PublicVerificationKey[] {
  const signingKeys = keys.filter((key) => key.jwk.use === undefined || key.jwk.use === 'sig');
  if (header.kid !== undefined) return signingKeys.filter((key) => key.kid === header.kid);
  if (!isJwsAlgorithm(header.alg)) return [];
  const kty = KTY_FOR_ALG[header.alg];
  return signingKeys.filter(
    (key) => key.kty === kty && (key.jwk.alg === undefined || key.jwk.alg === header.alg),
  );
}

/** A fixed set of already-imported keys. */
export function keySetOf(keys: readonly PublicVerificationKey[]): VerificationKeys {
  const frozen = [...keys];
  const select = (header: KeyHeader) => selectKeys(frozen, header);
  return { forHeader: async (header) => select(header), [LOCAL_KEYS]: select };
}

/**
 * Imports a JWKS document (a client's `jwks`, a fetched `jwks_uri`, the token service's `/jwks`).
 * Every key must import as a public key; a JWKS carrying private members is refused outright,
 * since whoever published it has leaked the key.
 */
export function keySetFromJwks(jwks: unknown): VerificationKeys {
  return keySetOf(importJwks(jwks));
}

export function importJwks(jwks: unknown): PublicVerificationKey[] {
  if (!isJsonObject(jwks) || !Array.isArray(jwks.keys))
    throw new InvalidKey('JWKS must be an object with "keys"');
  return (jwks as unknown as JwkSet).keys.map((jwk) => importPublicKey(jwk));
}
