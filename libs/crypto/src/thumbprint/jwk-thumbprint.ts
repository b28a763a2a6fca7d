// RFC 7638 JWK thumbprints (SHA-256, base64url): the default `kid`, DPoP's `jkt`, `dpop_jkt` at PAR.
import { createHash } from 'node:crypto';
import { InvalidKey } from '../errors/errors';
import { REQUIRED_JWK_MEMBERS, isJsonObject } from '../keys/jwk';

/**
 * The RFC 7638 §3.2 input: the required members only, lexicographic order, no whitespace. Member
 * values must be strings; anything else is not a key we could have imported.
 */
export function thumbprintInput(jwk: unknown): string {
  if (!isJsonObject(jwk) || typeof jwk.kty !== 'string')
    throw new InvalidKey('JWK must be an object with "kty"');
  const members = REQUIRED_JWK_MEMBERS[jwk.kty];
  if (!members) throw new InvalidKey(`unsupported JWK "kty" ${JSON.stringify(jwk.kty)}`);
  const canonical: Record<string, string> = {};
  for (const member of members) {
    const value = jwk[member];
    if (typeof value !== 'string' || value.length === 0) {
      throw new InvalidKey(`JWK member "${member}" must be a non-empty string`);
    }
    canonical[member] = value;
  }
  return JSON.stringify(canonical);
}

/** The SHA-256 JWK thumbprint of a public (or private: only public members count) JWK. */
export function jwkThumbprint(jwk: unknown): string {
  return createHash('sha256').update(thumbprintInput(jwk), 'utf8').digest('base64url');
}

/** RFC 9278 thumbprint URI, for places that want a self-describing key reference. */
export function jwkThumbprintUri(jwk: unknown): string {
  return `urn:ietf:params:oauth:jwk-thumbprint:sha-256:${jwkThumbprint(jwk)}`;
}
