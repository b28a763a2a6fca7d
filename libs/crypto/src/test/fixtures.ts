// Test fixtures: keys of every kind (good and hostile) and a forger that signs any header with any
// raw key, so the specs can build exactly the tokens an attacker would send.
import { type KeyObject, constants, createHmac, sign } from 'node:crypto';
import type { Clock } from '../clock/clock';
import { encodeBase64url } from '../encoding/base64url';
import type { PublicJwk } from '../keys/jwk';
import { freshKeyPair } from '../keys/fresh-key-pair';
import { type SigningKey, signingKeyFromKeyObject } from '../keys/signing-key';

export const NOW_MS = Date.UTC(2025, 5, 1, 12, 0, 0);
export const NOW = NOW_MS / 1000;
export const frozenClock =
  (at = NOW_MS): Clock =>
  () =>
    at;

export interface RawKeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly publicJwk: PublicJwk;
}

function pair(keys: { privateKey: KeyObject; publicKey: KeyObject }): RawKeyPair {
  return { ...keys, publicJwk: keys.publicKey.export({ format: 'jwk' }) as PublicJwk };
}

export const rawKeys = {
  rsa2048: () => pair(freshKeyPair({ type: 'rsa', modulusLength: 2048 })),
  rsa1024: () => pair(freshKeyPair({ type: 'rsa', modulusLength: 1024 })),
  p256: () => pair(freshKeyPair({ type: 'ec', namedCurve: 'P-256' })),
  p384: () => pair(freshKeyPair({ type: 'ec', namedCurve: 'P-384' })),
  ed25519: () => pair(freshKeyPair({ type: 'ed25519' })),
  ed448: () => pair(freshKeyPair({ type: 'ed448' })),
};

export function signingKey(raw: RawKeyPair, alg: 'PS256' | 'ES256' | 'EdDSA', kid?: string): SigningKey {
  return signingKeyFromKeyObject(raw.privateKey, alg, kid);
}

export type RawSignature = (signingInput: Buffer) => Buffer;

/** Raw signers by JOSE name, none of them checking anything: the attacker's toolbox. */
export const rawSign = {
  none: (): RawSignature => () => Buffer.alloc(0),
  hs256:
    (secret: Buffer | string): RawSignature =>
    (input) =>
      createHmac('sha256', secret).update(input).digest(),
  rs256:
    (key: KeyObject): RawSignature =>
    (input) =>
      sign('sha256', input, key),
  ps256:
    (key: KeyObject): RawSignature =>
    (input) =>
      sign('sha256', input, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }),
  es256:
    (key: KeyObject): RawSignature =>
    (input) =>
      sign('sha256', input, { key, dsaEncoding: 'ieee-p1363' }),
  es256Der:
    (key: KeyObject): RawSignature =>
    (input) =>
      sign('sha256', input, key),
  eddsa:
    (key: KeyObject): RawSignature =>
    (input) =>
      sign(null, input, key),
};

/** A compact JWS over any header and payload, signed by any raw signer. */
export function forgeJws(header: Record<string, unknown>, payload: unknown, signature: RawSignature): string {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const signingInput = `${encodeBase64url(JSON.stringify(header))}.${encodeBase64url(body)}`;
  return `${signingInput}.${encodeBase64url(signature(Buffer.from(signingInput, 'ascii')))}`;
}

/** Expects a promise to reject with a CryptoError of the given code (and reason, for DPoP). */
export async function rejectsWith(promise: Promise<unknown>, code: string, reason?: string): Promise<void> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeDefined();
  expect(caught).toMatchObject(reason === undefined ? { code } : { code, reason });
}
