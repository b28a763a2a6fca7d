// Credentials and identifiers from the CSPRNG (ALG-3) and comparisons that leak no timing (ALG-4).
import { createHash, randomBytes, randomFillSync, timingSafeEqual } from 'node:crypto';
import { InvalidCryptoOptions } from '../errors/errors';

const MIN_ENTROPY_BYTES = 16;

/**
 * CSPRNG output is drawn a few kilobytes at a time, as Node's randomUUID does: one call into
 * OpenSSL then serves a hundred ids instead of one each (about 4 µs down to 0.3 µs per id, several
 * per PAR or token request). Every byte is used once and wiped as it is read.
 */
const ENTROPY_POOL_BYTES = 4096;
const entropy = Buffer.alloc(ENTROPY_POOL_BYTES);
let entropyUsed = ENTROPY_POOL_BYTES;

function randomBase64url(bytes: number): string {
  if (bytes > ENTROPY_POOL_BYTES) return randomBytes(bytes).toString('base64url');
  if (entropyUsed + bytes > ENTROPY_POOL_BYTES) {
    randomFillSync(entropy);
    entropyUsed = 0;
  }
  const start = entropyUsed;
  entropyUsed += bytes;
  const id = entropy.toString('base64url', start, entropyUsed);
  entropy.fill(0, start, entropyUsed);
  return id;
}

/** A random base64url identifier of `bytes` bytes (default 32 = 256 bits; never below 128 bits). */
export function randomId(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < MIN_ENTROPY_BYTES) {
    throw new InvalidCryptoOptions(`random ids need at least ${MIN_ENTROPY_BYTES} bytes of entropy`);
  }
  return randomBase64url(bytes);
}

/**
 * Constant-time equality of two strings. Both sides are hashed first, so neither the content nor
 * the length of the secret leaks through timing.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a, 'utf8').digest();
  const right = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(left, right);
}
