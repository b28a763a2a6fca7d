// Stateless DPoP server nonces (DPOP-2): HMAC of the current time window under a configured secret,
// so every instance sharing the secret issues and accepts the same nonces with no shared state.
// A nonce stays valid for its window and the next; earlier secrets still verify during rotation.
import { createHmac } from 'node:crypto';
import { type Clock } from '../clock/clock';
import { decodeBase64url } from '../encoding/base64url';
import { InvalidKeyConfiguration } from '../errors/errors';
import { constantTimeEqual } from '../random/random';

const MIN_SECRET_BYTES = 32;
const NONCE_BYTES = 24;

export interface DpopNonceVerifier {
  verify(nonce: string): boolean;
}

export interface DpopNonceOptions {
  /** base64url secrets, newest first: the first issues, all verify (≥ 32 bytes each). */
  readonly secrets: readonly string[];
  readonly clock: Clock;
  /** Window length; a nonce lives between one and two windows (default 60 s). */
  readonly windowSeconds?: number;
}

export class DpopNonces implements DpopNonceVerifier {
  private readonly secrets: readonly Buffer[];
  private readonly windowMs: number;

  constructor(private readonly options: DpopNonceOptions) {
    if (options.secrets.length === 0)
      throw new InvalidKeyConfiguration('DPoP nonces need at least one secret');
    this.secrets = options.secrets.map((secret, index) => {
      const bytes = decodeBase64url(secret);
      if (bytes === undefined || bytes.length < MIN_SECRET_BYTES) {
        throw new InvalidKeyConfiguration(
          `DPoP nonce secret #${index + 1} must be ≥ ${MIN_SECRET_BYTES} bytes of base64url`,
        );
      }
      return bytes;
    });
    const windowSeconds = options.windowSeconds ?? 60;
    if (!Number.isInteger(windowSeconds) || windowSeconds < 1) {
      throw new InvalidKeyConfiguration('DPoP nonce window must be a positive whole number of seconds');
    }
    this.windowMs = windowSeconds * 1000;
  }

  /** The nonce to send in `DPoP-Nonce` now. */
  issue(): string {
    return this.nonceFor(this.secrets[0], this.currentWindow());
  }

  verify(nonce: string): boolean {
    const window = this.currentWindow();
    let valid = false;
    // Check every candidate, so the time taken says nothing about which one matched.
    for (const secret of this.secrets) {
      for (const candidate of [window, window - 1]) {
        valid = constantTimeEqual(nonce, this.nonceFor(secret, candidate)) || valid;
      }
    }
    return valid;
  }

  private currentWindow(): number {
    return Math.floor(this.options.clock() / this.windowMs);
  }

  private nonceFor(secret: Buffer, window: number): string {
    return createHmac('sha256', secret)
      .update(`grantline/dpop-nonce/${window}`)
      .digest()
      .subarray(0, NONCE_BYTES)
      .toString('base64url');
  }
}
