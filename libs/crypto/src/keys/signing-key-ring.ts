// Key rotation without downtime (ALG-5). Keys are listed newest first with optional times:
// `notBefore` (may sign from then; publish a key before it signs so caches pick it up) and
// `notAfter` (leaves the JWKS then: set it past the expiry of the last token it signed).
import type { Clock } from '../clock/clock';
import { NoSigningKey } from '../errors/errors';
import type { JwsAlgorithm } from './algorithms';
import type { JwkSet } from './jwk';
import { importPublicKey } from './public-key';
import type { SigningKey } from './signing-key';
import { LOCAL_KEYS, type VerificationKeys, selectKeys } from './verification-keys';

export interface KeyRingEntry {
  readonly key: SigningKey;
  /** Epoch ms from which the key may sign (default: always). */
  readonly notBefore?: number;
  /** Epoch ms after which the key neither signs nor verifies nor appears in the JWKS. */
  readonly notAfter?: number;
}

export class SigningKeyRing {
  private readonly entries: readonly KeyRingEntry[];

  constructor(entries: readonly (KeyRingEntry | SigningKey)[]) {
    this.entries = entries.map((entry) => ('key' in entry ? entry : { key: entry }));
  }

  /**
   * The key to sign with now: among published keys already past `notBefore` (and of the allowed
   * algorithms, e.g. TOK-4's PS256/ES256 for ID tokens), the latest `notBefore`; ties go to the
   * one listed first.
   */
  signingKey(clock: Clock, algorithms?: readonly JwsAlgorithm[]): SigningKey {
    const now = clock();
    let chosen: KeyRingEntry | undefined;
    for (const entry of this.published(now)) {
      if ((entry.notBefore ?? 0) > now) continue;
      if (algorithms && !algorithms.includes(entry.key.alg)) continue;
      if (!chosen || (entry.notBefore ?? 0) > (chosen.notBefore ?? 0)) chosen = entry;
    }
    if (!chosen) throw new NoSigningKey('no key in the ring may sign now');
    return chosen.key;
  }

  /** The public JWKS to serve at `/jwks` (META-2): public members only, retired keys gone. */
  jwks(clock: Clock): JwkSet {
    return { keys: this.published(clock()).map((entry) => entry.key.publicJwk) };
  }

  /** Keys that verify what this ring signed (for services verifying their own tokens in-process). */
  verificationKeys(clock: Clock): VerificationKeys {
    const select = (header: { readonly alg: string; readonly kid?: string }) =>
      selectKeys(
        this.jwks(clock).keys.map((jwk) => importPublicKey(jwk)),
        header,
      );
    return { forHeader: async (header) => select(header), [LOCAL_KEYS]: select };
  }

  private published(now: number): KeyRingEntry[] {
    return this.entries.filter((entry) => entry.notAfter === undefined || entry.notAfter > now);
  }
}
