// Hashes and keyed MACs for tamper evidence and pseudonyms (the audit log: AUD-1, AUD-2). Plain
// SHA-256 for Merkle trees and hash chains (RFC 9162 hashes with SHA-256); HMAC-SHA-256 for keyed
// fingerprints, so a fingerprint of a low-entropy value cannot be reversed by guessing.
import { createHash, createHmac, createSecretKey, hash, type KeyObject } from 'node:crypto';
import { InvalidCryptoOptions } from '../errors/errors';

const MIN_MAC_KEY_BYTES = 32;

/** SHA-256 over the concatenation of the parts (strings as UTF-8). */
export function sha256(...parts: ReadonlyArray<Uint8Array | string>): Buffer {
  // One part, or text only: the one-shot hash, without a Hash object per call (Merkle leaves and
  // hash-chain links are hashed for every audit record, under the chain lock).
  if (parts.length === 1) return hash('sha256', parts[0], 'buffer');
  if (parts.every((part) => typeof part === 'string')) return hash('sha256', parts.join(''), 'buffer');
  const digest = createHash('sha256');
  for (const part of parts) digest.update(part);
  return digest.digest();
}

/** A keyed fingerprint: HMAC-SHA-256 under a secret of at least 256 bits. */
export class MacKey {
  private readonly key: KeyObject;

  constructor(secret: Uint8Array) {
    if (secret.byteLength < MIN_MAC_KEY_BYTES) {
      throw new InvalidCryptoOptions(`a MAC key needs at least ${MIN_MAC_KEY_BYTES} bytes`);
    }
    this.key = createSecretKey(Buffer.from(secret));
  }

  /** From base64url text (what config files and env variables hold). */
  static fromBase64url(text: string): MacKey {
    return new MacKey(Buffer.from(text.trim(), 'base64url'));
  }

  mac(...parts: ReadonlyArray<Uint8Array | string>): Buffer {
    const hmac = createHmac('sha256', this.key);
    for (const part of parts) hmac.update(part);
    return hmac.digest();
  }

  /** Never serialise the secret by accident. */
  toJSON(): string {
    return '[MacKey]';
  }
}
