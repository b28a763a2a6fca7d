// Hashes and keyed MACs for tamper evidence and pseudonyms (the audit log: AUD-1, AUD-2). Plain
// SHA-256 for Merkle trees and hash chains (RFC 9162 hashes with SHA-256); HMAC-SHA-256 for keyed
// fingerprints, so a fingerprint of a low-entropy value cannot be reversed by guessing.
import { createHash, createHmac } from 'node:crypto';
import { InvalidCryptoOptions } from '../errors/errors';

const MIN_MAC_KEY_BYTES = 32;

/** SHA-256 over the concatenation of the parts (strings as UTF-8). */
export function sha256(...parts: ReadonlyArray<Uint8Array | string>): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** A keyed fingerprint: HMAC-SHA-256 under a secret of at least 256 bits. */
export class MacKey {
  private readonly key: Buffer;

  constructor(secret: Uint8Array) {
    if (secret.byteLength < MIN_MAC_KEY_BYTES) {
      throw new InvalidCryptoOptions(`a MAC key needs at least ${MIN_MAC_KEY_BYTES} bytes`);
    }
    this.key = Buffer.from(secret);
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
