// Sealed authorization codes (DESIGN.md "Authorization codes are sealed"): JWE compact with
// `dir` + `A256GCM` (RFC 7516/7518), the protected header as AAD, `kid` for rotation and the
// expiry inside the ciphertext. Any change to any byte fails the GCM tag: SealBroken.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Clock } from '../clock/clock';
import { decodeBase64url, encodeBase64url } from '../encoding/base64url';
import { InvalidCryptoOptions, SealBroken, SealExpired, UnknownSealingKey } from '../errors/errors';
import { isJsonObject } from '../keys/jwk';
import type { SealingKeyRing } from './sealing-keys';

/** CODE-1: a sealed code lives at most 60 s. */
export const MAX_SEAL_TTL_SECONDS = 60;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const TYP = 'gl-sealed+jwe';
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface SealOptions {
  readonly keys: SealingKeyRing;
  readonly clock: Clock;
  readonly ttlSeconds: number;
  /** What the blob is for; `open` must name the same purpose (default "authorization_code"). */
  readonly purpose?: string;
}

export interface OpenOptions {
  readonly keys: SealingKeyRing;
  readonly clock: Clock;
  readonly purpose?: string;
}

export interface Opened<T> {
  readonly payload: T;
  readonly kid: string;
  /** Expiry, epoch ms. */
  readonly expiresAt: number;
}

export function seal(payload: Readonly<Record<string, unknown>>, options: SealOptions): string {
  const { ttlSeconds } = options;
  if (!(ttlSeconds > 0 && ttlSeconds <= MAX_SEAL_TTL_SECONDS)) {
    throw new InvalidCryptoOptions(`seal ttl must be in (0, ${MAX_SEAL_TTL_SECONDS}] seconds`);
  }
  const kid = options.keys.currentKid;
  const secret = options.keys.secretFor(kid) as Buffer;
  const header = { alg: 'dir', enc: 'A256GCM', kid, typ: TYP, pur: options.purpose ?? 'authorization_code' };
  const encodedHeader = encodeBase64url(JSON.stringify(header));
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', secret, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(encodedHeader, 'ascii'));
  const plaintext = JSON.stringify({ exp: options.clock() + ttlSeconds * 1000, payload });
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    encodedHeader,
    '',
    encodeBase64url(iv),
    encodeBase64url(ciphertext),
    encodeBase64url(cipher.getAuthTag()),
  ].join('.');
}

export function open<T = Record<string, unknown>>(sealed: string, options: OpenOptions): Opened<T> {
  if (typeof sealed !== 'string') throw new SealBroken('sealed value must be a string');
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[1] !== '') throw new SealBroken('not a sealed value');
  const [encodedHeader, , encodedIv, encodedCiphertext, encodedTag] = parts;
  const header = parseHeader(encodedHeader);
  if (header.pur !== (options.purpose ?? 'authorization_code'))
    throw new SealBroken('sealed for another purpose');
  const secret = options.keys.secretFor(header.kid);
  if (!secret) throw new UnknownSealingKey(`no sealing key "${header.kid}"`);
  const iv = decodeBase64url(encodedIv);
  const ciphertext = decodeBase64url(encodedCiphertext);
  const tag = decodeBase64url(encodedTag);
  if (iv?.length !== IV_BYTES || tag?.length !== TAG_BYTES || ciphertext === undefined) {
    throw new SealBroken('sealed value has malformed parts');
  }
  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', secret, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(encodedHeader, 'ascii'));
    decipher.setAuthTag(tag);
    plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch (cause) {
    throw new SealBroken('sealed value failed authentication', { cause });
  }
  const { exp, payload } = JSON.parse(utf8.decode(plaintext)) as { exp: number; payload: T };
  if (options.clock() >= exp) throw new SealExpired('sealed value has expired');
  return { payload, kid: header.kid, expiresAt: exp };
}

function parseHeader(encodedHeader: string): { kid: string; pur: unknown } {
  const bytes = decodeBase64url(encodedHeader);
  let header: unknown;
  try {
    header = bytes === undefined ? undefined : JSON.parse(utf8.decode(bytes));
  } catch {
    header = undefined;
  }
  if (
    !isJsonObject(header) ||
    header.alg !== 'dir' ||
    header.enc !== 'A256GCM' ||
    header.typ !== TYP ||
    typeof header.kid !== 'string'
  ) {
    throw new SealBroken('sealed value header is not ours');
  }
  return { kid: header.kid, pur: header.pur };
}
