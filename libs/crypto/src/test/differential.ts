// Shared machinery of the differential tests: a pool of good and hostile keys, a forger, and the
// same verification asked of libs/crypto's fast path and of jose (through the child-process oracle).
import fc from 'fast-check';
import { CryptoError } from '../errors/errors';
import { isJwsAlgorithm } from '../keys/algorithms';
import { importPublicKey } from '../keys/public-key';
import type { VerificationKeys } from '../keys/verification-keys';
import { parseCompactJws } from '../jws/compact';
import { verifyJws, verifyWithCandidates } from '../jws/verify-jws';
import { type RawKeyPair, type RawSignature, rawKeys, rawSign } from './fixtures';
import type { JoseOracle } from './jose-oracle';

export const ALLOWED = ['PS256', 'ES256', 'EdDSA'];
export const pool: Record<string, RawKeyPair> = {
  rsa2048: rawKeys.rsa2048(),
  rsa2048b: rawKeys.rsa2048(),
  rsa1024: rawKeys.rsa1024(),
  p256: rawKeys.p256(),
  p256b: rawKeys.p256(),
  p384: rawKeys.p384(),
  ed25519: rawKeys.ed25519(),
  ed448: rawKeys.ed448(),
};
export const POOL = Object.keys(pool);

export type Verdict = { ok: true; payload: string } | { ok: false; error: string };

/** A resolver that offers exactly this key whatever the header says: only the fast path decides. */
export const only = (jwk: unknown): VerificationKeys => {
  const key = importPublicKey(jwk);
  return { forHeader: async () => [key] };
};

export async function ours(run: () => Promise<{ payload: Buffer }>): Promise<Verdict> {
  try {
    return { ok: true, payload: (await run()).payload.toString('base64url') };
  } catch (error) {
    if (error instanceof CryptoError) return { ok: false, error: error.code };
    throw error;
  }
}

export const oursJws = (token: string, jwk: unknown, algorithms = ALLOWED) =>
  ours(() => verifyJws(token, { keys: only(jwk), algorithms }));

/** DPoP's path: the key is the header's own `jwk`. */
export const oursEmbedded = (token: string, algorithms = ALLOWED) =>
  ours(async () => {
    const jws = parseCompactJws(token);
    if (!isJwsAlgorithm(jws.header.alg) || !algorithms.includes(jws.header.alg))
      throw new TestRejection('alg outside the allow-list');
    verifyWithCandidates(jws, jws.header.alg, [importPublicKey(jws.header.jwk)]);
    return jws;
  });

/** How the embedded-key path reports an algorithm outside the list (as verifyDpopProof does). */
class TestRejection extends CryptoError {
  readonly code = 'alg_not_allowed';
}

export async function joseJws(
  oracle: JoseOracle,
  token: string,
  jwk: unknown,
  algorithms = ALLOWED,
): Promise<Verdict> {
  const reply = await oracle.ask({ op: 'compactVerify', token, jwk, options: { algorithms } });
  return reply.ok
    ? { ok: true, payload: reply.payload as string }
    : { ok: false, error: reply.error as string };
}

export async function joseEmbedded(
  oracle: JoseOracle,
  token: string,
  algorithms = ALLOWED,
): Promise<Verdict> {
  const reply = await oracle.ask({ op: 'compactVerify', token, embedded: true, options: { algorithms } });
  return reply.ok
    ? { ok: true, payload: reply.payload as string }
    : { ok: false, error: reply.error as string };
}

export const b64u = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64url');

export function forge(header: Record<string, unknown>, payload: Buffer | string, sign: RawSignature): string {
  const input = `${b64u(JSON.stringify(header))}.${b64u(payload)}`;
  return `${input}.${b64u(sign(Buffer.from(input, 'ascii')))}`;
}

export const honestSigner = (alg: string, pair: RawKeyPair): RawSignature =>
  alg === 'PS256'
    ? rawSign.ps256(pair.privateKey)
    : alg === 'ES256'
      ? rawSign.es256(pair.privateKey)
      : rawSign.eddsa(pair.privateKey);

/** Same verdict and payload, or (for a case marked stricter) we reject where jose accepts. */
export function expectAgreement(
  name: string,
  mine: Verdict,
  theirs: Verdict,
  expectation: 'agree' | 'stricter' = 'agree',
) {
  if (expectation === 'stricter') {
    expect({ name, ours: mine.ok, jose: theirs.ok }).toEqual({ name, ours: false, jose: true });
    return;
  }
  expect({ name, ok: mine.ok }).toEqual({ name, ok: theirs.ok });
  if (mine.ok && theirs.ok) expect(mine.payload).toBe(theirs.payload);
}

/** Present in one case of four. */
export function rarely<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary, weight: 1 });
}

export function safeSigner(
  method: Exclude<keyof typeof rawSign, 'none' | 'hs256'>,
  pair: RawKeyPair,
): RawSignature {
  return orGarbage(rawSign[method](pair.privateKey));
}

/** Signers that may not fit the key (an EC key asked for PSS padding) fall back to garbage bytes. */
export function orGarbage(signer: RawSignature): RawSignature {
  return (input) => {
    try {
      return signer(input);
    } catch {
      return Buffer.alloc(64, 1);
    }
  };
}

export function flipBit(token: string, flip: { part: number; at: number; bit: number }): string {
  const parts = token.split('.');
  const bytes = Buffer.from(parts[flip.part], 'base64url');
  if (bytes.length === 0) return token;
  bytes[flip.at % bytes.length] ^= 1 << flip.bit;
  parts[flip.part] = b64u(bytes);
  return parts.join('.');
}
