// PSU passwords at rest: scrypt (RFC 7914) with a random salt, stored as one self-describing string
// `scrypt$N$r$p$salt$hash` so cost parameters can rise without invalidating existing hashes.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { decodeBase64url } from '../encoding/base64url';
import { InvalidCryptoOptions } from '../errors/errors';

export interface PasswordHashOptions {
  /** CPU/memory cost, a power of two (default 2^15, about 32 MiB and ~50 ms). */
  readonly cost?: number;
  readonly blockSize?: number;
  readonly parallelization?: number;
}

const KEY_BYTES = 32;
const SALT_BYTES = 16;
const MAX_PASSWORD_CHARS = 1024;

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_BYTES, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string, options: PasswordHashOptions = {}): Promise<string> {
  const N = options.cost ?? 2 ** 15;
  const r = options.blockSize ?? 8;
  const p = options.parallelization ?? 1;
  if (!Number.isInteger(Math.log2(N)) || N < 2 ** 14) {
    throw new InvalidCryptoOptions('scrypt cost must be a power of two of at least 2^14');
  }
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, N, r, p);
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `password` matches `encoded`; a malformed hash is simply no match (never a throw). */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  if (typeof password !== 'string' || password.length > MAX_PASSWORD_CHARS) return false;
  const [scheme, n, r, p, salt, expected] = encoded.split('$');
  const N = Number(n);
  const saltBytes = decodeBase64url(salt ?? '');
  const expectedBytes = decodeBase64url(expected ?? '');
  if (scheme !== 'scrypt' || !Number.isInteger(Math.log2(N)) || N > 2 ** 20) return false;
  if (!saltBytes || expectedBytes?.length !== KEY_BYTES) return false;
  // Cost parameters scrypt refuses (r or p not integers, N below 2) are a malformed hash too.
  const actual = await derive(password, saltBytes, N, Number(r), Number(p)).catch(() => undefined);
  return actual !== undefined && timingSafeEqual(actual, expectedBytes);
}
