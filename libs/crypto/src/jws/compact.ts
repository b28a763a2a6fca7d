// Compact JWS parsing and serialisation (RFC 7515 §7.1), strict base64url and UTF-8 throughout.
import { decodeAlphabetChecked, decodeBase64url, encodeBase64url } from '../encoding/base64url';
import { MalformedJws } from '../errors/errors';
import { isJsonObject } from '../keys/jwk';
import { type JwsHeader, checkHeader } from './header';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface ParsedJws {
  readonly header: JwsHeader;
  readonly payload: Buffer;
  readonly signature: Buffer;
  /** ASCII(BASE64URL(header) || '.' || BASE64URL(payload)): the bytes the signature covers. */
  readonly signingInput: Buffer;
}

/** Three base64url segments; one pass over the token checks the alphabet of all of them. */
const COMPACT_JWS = /^[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;

export function parseCompactJws(token: unknown, understoodCrit?: readonly string[]): ParsedJws {
  if (typeof token !== 'string') throw new MalformedJws('JWS must be a string');
  if (!COMPACT_JWS.test(token)) throw new MalformedJws('compact JWS must be three base64url parts');
  const first = token.indexOf('.');
  const second = token.indexOf('.', first + 1);
  const payload = decodeAlphabetChecked(token.slice(first + 1, second));
  const signature = decodeAlphabetChecked(token.slice(second + 1));
  if (payload === undefined || signature === undefined) throw new MalformedJws('JWS part is not base64url');
  return {
    header: parseHeader(token.slice(0, first), understoodCrit),
    payload,
    signature,
    signingInput: Buffer.from(token.slice(0, second), 'ascii'),
  };
}

/**
 * Decoded headers by their encoded form. One signer, or one DPoP client, sends the same header on
 * every token, so verification skips re-decoding it; entries are deep-frozen and the map is bounded.
 */
const decodedHeaders = new Map<string, Record<string, unknown>>();
const HEADER_CACHE_ENTRIES = 1024;
const HEADER_CACHE_MAX_LENGTH = 2048;

/** Decodes and checks a protected header segment. */
export function parseHeader(encodedHeader: string, understoodCrit?: readonly string[]): JwsHeader {
  let header = decodedHeaders.get(encodedHeader);
  if (header === undefined) {
    const bytes = decodeBase64url(encodedHeader);
    if (bytes === undefined) throw new MalformedJws('JWS header is not base64url');
    header = deepFreeze(parseJsonObject(bytes, 'JWS header'));
    if (encodedHeader.length <= HEADER_CACHE_MAX_LENGTH) {
      if (decodedHeaders.size >= HEADER_CACHE_ENTRIES)
        decodedHeaders.delete(decodedHeaders.keys().next().value as string);
      decodedHeaders.set(encodedHeader, header);
    }
  }
  return checkHeader(header, understoodCrit);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

/** Parses UTF-8 JSON that must be an object (headers, JWT claims sets). */
export function parseJsonObject(bytes: Uint8Array, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(bytes));
  } catch (cause) {
    throw new MalformedJws(`${what} is not UTF-8 JSON`, { cause });
  }
  if (!isJsonObject(value)) throw new MalformedJws(`${what} must be a JSON object`);
  return value;
}

export function encodeSegment(json: unknown): string {
  return encodeBase64url(JSON.stringify(json));
}
