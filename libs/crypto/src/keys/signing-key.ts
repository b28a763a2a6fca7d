// Signing keys behind a port (ALG-5): everything that signs goes through a Signer, so an HSM or a
// cloud KMS can replace the in-process keys loaded from JWK files, env or generated for dev.
import { type KeyObject, createPrivateKey, createPublicKey } from 'node:crypto';
import { freshKeyPair } from './fresh-key-pair';
import { InvalidKey, InvalidKeyConfiguration } from '../errors/errors';
import { createSignature } from '../jws/signature';
import { jwkThumbprint } from '../thumbprint/jwk-thumbprint';
import { type JwsAlgorithm, isJwsAlgorithm } from './algorithms';
import { type PrivateJwk, type PublicJwk, isJsonObject, publicPart } from './jwk';
import { assertKeyObjectFits } from './public-key';

/** Produces JWS signatures; the private key never leaves the implementation. */
export interface Signer {
  readonly kid: string;
  readonly alg: JwsAlgorithm;
  /** Signs the JWS signing input; returns the JWS signature bytes (P1363 for ES256). */
  sign(signingInput: Uint8Array): Promise<Uint8Array>;
}

/** A signer that can also say which public key verifies it (for JWKS and DPoP headers). */
export interface SigningKey extends Signer {
  /** Public JWK with `kid`, `alg` and `use: "sig"`; never a private member. */
  readonly publicJwk: PublicJwk;
}

class InProcessSigningKey implements SigningKey {
  constructor(
    readonly kid: string,
    readonly alg: JwsAlgorithm,
    readonly publicJwk: PublicJwk,
    private readonly privateKey: KeyObject,
  ) {}

  async sign(signingInput: Uint8Array): Promise<Uint8Array> {
    return createSignature(this.alg, this.privateKey, signingInput);
  }

  /** Never serialise the private key by accident (logs, JSON responses). */
  toJSON(): PublicJwk {
    return this.publicJwk;
  }
}

/**
 * An in-process signing key from a private JWK. `alg` comes from the JWK's `alg` member or the key
 * type (RSA → PS256, P-256 → ES256, Ed25519 → EdDSA); `kid` from the JWK or its RFC 7638 thumbprint.
 */
export function signingKeyFromJwk(
  jwk: unknown,
  options: { alg?: JwsAlgorithm; kid?: string } = {},
): SigningKey {
  if (!isJsonObject(jwk) || typeof jwk.d !== 'string')
    throw new InvalidKey('a private JWK (with "d") is required');
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({
      key: jwk as unknown as PrivateJwk & Record<string, string>,
      format: 'jwk',
    });
  } catch (cause) {
    throw new InvalidKey('JWK cannot be imported as a private key', { cause });
  }
  const alg = options.alg ?? (jwk.alg as JwsAlgorithm | undefined) ?? algorithmFor(privateKey);
  if (!isJwsAlgorithm(alg)) throw new InvalidKey(`signing algorithm ${String(alg)} is outside ALG-1`);
  return signingKeyFromKeyObject(
    privateKey,
    alg,
    options.kid ?? (typeof jwk.kid === 'string' ? jwk.kid : undefined),
  );
}

export function signingKeyFromKeyObject(privateKey: KeyObject, alg: JwsAlgorithm, kid?: string): SigningKey {
  if (privateKey.type !== 'private') throw new InvalidKey('a private key is required to sign');
  assertKeyObjectFits(privateKey, alg);
  const exported = publicPart(createPublicKey(privateKey).export({ format: 'jwk' }) as PublicJwk);
  const keyId = kid ?? jwkThumbprint(exported);
  const publicJwk = Object.freeze({ ...exported, kid: keyId, alg, use: 'sig' });
  return new InProcessSigningKey(keyId, alg, publicJwk, privateKey);
}

/** A fresh key pair for dev and tests; `privateJwk` is what a dev runtime may print for a demo TPP. */
export function generateSigningKey(
  alg: JwsAlgorithm,
  kid?: string,
): { signingKey: SigningKey; privateJwk: PrivateJwk } {
  const { privateKey } = freshKeyPair(
    alg === 'PS256'
      ? { type: 'rsa', modulusLength: 2048 }
      : alg === 'ES256'
        ? { type: 'ec', namedCurve: 'P-256' }
        : { type: 'ed25519' },
  );
  const signingKey = signingKeyFromKeyObject(privateKey, alg, kid);
  const privateJwk = {
    ...(privateKey.export({ format: 'jwk' }) as PrivateJwk),
    kid: signingKey.kid,
    alg,
    use: 'sig',
  };
  return { signingKey, privateJwk };
}

function algorithmFor(key: KeyObject): JwsAlgorithm {
  switch (key.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss':
      return 'PS256';
    case 'ec':
      return 'ES256';
    case 'ed25519':
      return 'EdDSA';
    default:
      throw new InvalidKeyConfiguration(`no allowed JWS algorithm for a ${key.asymmetricKeyType} key`);
  }
}
