// Credentials and identifiers from the CSPRNG (ALG-3) and comparisons that leak no timing (ALG-4).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { InvalidCryptoOptions } from '../errors/errors';

const MIN_ENTROPY_BYTES = 16;

/** A random base64url identifier of `bytes` bytes (default 32 = 256 bits; never below 128 bits). */
export function randomId(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < MIN_ENTROPY_BYTES) {
    throw new InvalidCryptoOptions(`random ids need at least ${MIN_ENTROPY_BYTES} bytes of entropy`);
  }
  return randomBytes(bytes).toString('base64url');
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
