// Signing keys from configuration: a private JWK or a JWKS of private keys (newest first), read
// from a file or an environment variable. Errors name the source and never echo key material.
import { readFileSync } from 'node:fs';
import { CryptoError, InvalidKeyConfiguration } from '../errors/errors';
import { isJwsAlgorithm } from './algorithms';
import { isJsonObject } from './jwk';
import { type KeyRingEntry, SigningKeyRing } from './signing-key-ring';
import { signingKeyFromJwk } from './signing-key';

/**
 * Parses `{"keys":[…]}` or a single JWK. Each key may carry `notBefore` / `notAfter` (epoch seconds
 * or an ISO-8601 date) for rotation; they never reach the published JWKS.
 */
export function signingKeyRingFromJson(text: string, source: string): SigningKeyRing {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new InvalidKeyConfiguration(`${source}: not JSON`);
  }
  const jwks = isJsonObject(document) && Array.isArray(document.keys) ? document.keys : [document];
  if (jwks.length === 0) throw new InvalidKeyConfiguration(`${source}: no keys`);
  const entries = jwks.map((jwk: unknown, index): KeyRingEntry => {
    const where = `${source}: key #${index + 1}`;
    if (!isJsonObject(jwk)) throw new InvalidKeyConfiguration(`${where} is not a JSON object`);
    if (jwk.alg !== undefined && !isJwsAlgorithm(jwk.alg)) {
      throw new InvalidKeyConfiguration(`${where}: "alg" must be PS256, ES256 or EdDSA`);
    }
    try {
      return {
        key: signingKeyFromJwk(jwk),
        notBefore: instant(jwk.notBefore, `${where}: notBefore`),
        notAfter: instant(jwk.notAfter, `${where}: notAfter`),
      };
    } catch (error) {
      if (error instanceof InvalidKeyConfiguration || !(error instanceof CryptoError)) throw error;
      throw new InvalidKeyConfiguration(`${where}: ${error.message}`);
    }
  });
  const kids = entries.map((entry) => entry.key.kid);
  if (new Set(kids).size !== kids.length) throw new InvalidKeyConfiguration(`${source}: duplicate "kid"`);
  return new SigningKeyRing(entries);
}

export function loadSigningKeyRingFile(path: string): SigningKeyRing {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new InvalidKeyConfiguration(`signing key file ${path} cannot be read`, { cause });
  }
  return signingKeyRingFromJson(text, `signing key file ${path}`);
}

export function signingKeyRingFromEnv(
  variable: string,
  env: NodeJS.ProcessEnv = process.env,
): SigningKeyRing {
  const text = env[variable];
  if (text === undefined || text.trim() === '') throw new InvalidKeyConfiguration(`${variable} is not set`);
  return signingKeyRingFromJson(text, variable);
}

function instant(value: unknown, where: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms))
    throw new InvalidKeyConfiguration(`${where} must be epoch seconds or an ISO-8601 date`);
  return ms;
}
