// The symmetric keys that seal authorization codes: the only secret `authorize` and `token` share
// (DESIGN.md). 32-byte secrets from config, each with a `kid`; the first seals, all open.
import { decodeBase64url } from '../encoding/base64url';
import { InvalidKeyConfiguration } from '../errors/errors';

const KEY_BYTES = 32;
const KID = /^[A-Za-z0-9._-]{1,64}$/;

export interface SealingKey {
  readonly kid: string;
  /** 32 bytes of base64url. */
  readonly secret: string;
}

export class SealingKeyRing {
  private readonly secrets = new Map<string, Buffer>();
  /** The key that seals: the first one given. */
  readonly currentKid: string;

  constructor(keys: readonly SealingKey[]) {
    if (keys.length === 0) throw new InvalidKeyConfiguration('the sealing key ring needs at least one key');
    for (const { kid, secret } of keys) {
      if (!KID.test(kid))
        throw new InvalidKeyConfiguration(`sealing key id ${JSON.stringify(kid)} is not a simple token`);
      if (this.secrets.has(kid)) throw new InvalidKeyConfiguration(`sealing key id "${kid}" appears twice`);
      const bytes = decodeBase64url(secret);
      if (bytes === undefined || bytes.length !== KEY_BYTES) {
        throw new InvalidKeyConfiguration(
          `sealing key "${kid}" must be exactly ${KEY_BYTES} bytes of base64url`,
        );
      }
      this.secrets.set(kid, bytes);
    }
    this.currentKid = keys[0].kid;
  }

  /** @internal */
  secretFor(kid: string): Buffer | undefined {
    return this.secrets.get(kid);
  }

  get kids(): readonly string[] {
    return [...this.secrets.keys()];
  }
}

/**
 * Parses the config form `kid:secret[,kid:secret…]`, newest first, e.g. from
 * `GRANTLINE_CODE_SEALING_KEYS`. Errors name `variable` and never echo a secret.
 */
export function sealingKeyRingFromConfig(
  value: string | undefined,
  variable = 'sealing keys',
): SealingKeyRing {
  if (value === undefined || value.trim() === '') throw new InvalidKeyConfiguration(`${variable} is not set`);
  const keys = value.split(',').map((entry, index) => {
    const [kid, secret, ...rest] = entry.trim().split(':');
    if (!kid || !secret || rest.length > 0) {
      throw new InvalidKeyConfiguration(`${variable}: entry #${index + 1} must be "kid:base64url-secret"`);
    }
    return { kid, secret };
  });
  try {
    return new SealingKeyRing(keys);
  } catch (error) {
    if (error instanceof InvalidKeyConfiguration)
      throw new InvalidKeyConfiguration(`${variable}: ${error.message}`);
    throw error;
  }
}
