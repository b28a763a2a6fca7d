// A private JWK as a non-extractable WebCrypto key, for a client library that signs with WebCrypto
// itself (openid-client's private_key_jwt in the demo TPP). Only the key material is imported:
// WebCrypto refuses some registration members (`use`, `key_ops` that do not fit).
import { webcrypto } from 'node:crypto';
import { InvalidKey } from '../errors/errors';
import { isJsonObject, type PrivateJwk } from './jwk';

const MATERIAL: Readonly<Record<string, readonly string[]>> = {
  EC: ['kty', 'crv', 'x', 'y', 'd'],
  RSA: ['kty', 'n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'],
  OKP: ['kty', 'crv', 'x', 'd'],
};

function algorithmOf(
  jwk: PrivateJwk,
): webcrypto.EcKeyImportParams | webcrypto.RsaHashedImportParams | string {
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return { name: 'ECDSA', namedCurve: 'P-256' };
  if (jwk.kty === 'RSA') return { name: 'RSA-PSS', hash: 'SHA-256' };
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'Ed25519';
  throw new InvalidKey(`no allowed signing algorithm for a ${jwk.kty}/${String(jwk.crv)} key`);
}

/** The JWK's private key as a WebCrypto signing key, with its `kid` (for JOSE headers). */
export async function webCryptoSigningKey(jwk: unknown): Promise<{ key: CryptoKey; kid?: string }> {
  if (!isJsonObject(jwk) || typeof jwk['d'] !== 'string' || !MATERIAL[String(jwk['kty'])])
    throw new InvalidKey('a private RSA, EC or OKP JWK (with "d") is required');
  const privateJwk = jwk as unknown as PrivateJwk;
  const material = Object.fromEntries(
    MATERIAL[privateJwk.kty].filter((name) => jwk[name] !== undefined).map((name) => [name, jwk[name]]),
  );
  try {
    const key = await webcrypto.subtle.importKey('jwk', material, algorithmOf(privateJwk), false, ['sign']);
    return { key: key as CryptoKey, ...(typeof privateJwk.kid === 'string' && { kid: privateJwk.kid }) };
  } catch (cause) {
    if (cause instanceof InvalidKey) throw cause;
    throw new InvalidKey('JWK cannot be imported as a WebCrypto private key', { cause });
  }
}
