// Fingerprints let events and logs refer to a credential (a request_uri, a request object, a typed
// username) without carrying it: SHA-256, keyed (HMAC) where the input space is guessable.
import { MacKey, sha256 } from '../digest/digest';

/** `sha256:` + 128 bits of SHA-256, or of HMAC-SHA-256 under `key`, in base64url. */
export function fingerprint(value: string, key?: MacKey): string {
  const digest = key === undefined ? sha256(value) : key.mac(value);
  return `sha256:${digest.subarray(0, 16).toString('base64url')}`;
}

/**
 * A stable, keyed pseudonym for `identity` within `context` (the PSU id per client_id): the same
 * inputs always give the same value (40 hex digits), and without the key nobody can link or reverse it.
 */
export function pseudonym(key: MacKey, context: string, identity: string): string {
  // Hex, so it always starts with a letter or digit, as event identifiers must.
  return key.mac(context, '\u0000', identity).subarray(0, 20).toString('hex');
}
