// A client's registered JWK Set must hold public keys only: a private member means the TPP has
// published its private key, and a symmetric key would be a shared secret (CLI-1, META-2).
import { PRIVATE_JWK_MEMBERS } from '@grantline/crypto';
import { InvalidClientMetadataError } from '../errors/registration.errors';
import { isSigningAlgorithm } from '../profiles/signing-algorithms';

const CURVES: Readonly<Record<string, readonly string[]>> = {
  EC: ['P-256', 'P-384', 'P-521'],
  OKP: ['Ed25519', 'X25519'],
};
const MIN_RSA_BITS = 2048;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rsaModulusBits(n: unknown): number {
  if (typeof n !== 'string' || !/^[A-Za-z0-9_-]+$/.test(n)) return 0;
  const bytes = Buffer.from(n, 'base64url');
  const leadingZeros = bytes.findIndex((byte) => byte !== 0);
  if (leadingZeros < 0) return 0;
  return (bytes.length - leadingZeros) * 8 - Math.clz32(bytes[leadingZeros]) + 24;
}

function checkKey(key: unknown, field: string): void {
  if (!isObject(key)) throw new InvalidClientMetadataError(field, `${field} must be a JWK object`);
  const found = PRIVATE_JWK_MEMBERS.filter((member) => Object.hasOwn(key, member));
  if (found.length > 0) {
    throw new InvalidClientMetadataError(
      field,
      `${field} carries private key material (${found.join(', ')}); register the public key only`,
    );
  }
  const kty = key['kty'];
  if (kty !== 'RSA' && kty !== 'EC' && kty !== 'OKP') {
    throw new InvalidClientMetadataError(field, `${field}.kty must be RSA, EC or OKP`);
  }
  if (kty === 'RSA' && rsaModulusBits(key['n']) < MIN_RSA_BITS) {
    throw new InvalidClientMetadataError(field, `${field} is an RSA key under ${MIN_RSA_BITS} bits (ALG-2)`);
  }
  const curves = CURVES[kty];
  if (curves && !curves.includes(key['crv'] as string)) {
    throw new InvalidClientMetadataError(field, `${field}.crv must be one of ${curves.join(', ')}`);
  }
  for (const member of ['kid', 'alg', 'use']) {
    if (key[member] !== undefined && typeof key[member] !== 'string') {
      throw new InvalidClientMetadataError(field, `${field}.${member} must be a string`);
    }
  }
  const alg = key['alg'];
  if (key['use'] !== 'enc' && alg !== undefined && !isSigningAlgorithm(alg)) {
    throw new InvalidClientMetadataError(field, `${field}.alg ${String(alg)} is not allowed (ALG-1)`);
  }
}

export function checkRegisteredJwks(jwks: Record<string, unknown>): void {
  const keys = jwks['keys'];
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new InvalidClientMetadataError('jwks', 'jwks.keys must be a non-empty array of JWKs');
  }
  const extra = Object.keys(jwks).filter((member) => member !== 'keys');
  if (extra.length > 0) throw new InvalidClientMetadataError('jwks', `jwks has unknown member "${extra[0]}"`);
  keys.forEach((key, index) => checkKey(key, `jwks.keys[${index}]`));
  const kids = keys.map((key) => (key as Record<string, unknown>)['kid']).filter((kid) => kid !== undefined);
  if (new Set(kids).size !== kids.length) {
    throw new InvalidClientMetadataError('jwks', 'jwks has two keys with the same kid');
  }
}
