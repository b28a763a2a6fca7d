// Compact JWS parsing and serialisation (RFC 7515 §7.1), strict base64url and UTF-8 throughout.
import { decodeBase64url, encodeBase64url } from '../encoding/base64url';
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

export function parseCompactJws(token: unknown, understoodCrit?: readonly string[]): ParsedJws {
  if (typeof token !== 'string') throw new MalformedJws('JWS must be a string');
  const parts = token.split('.');
  if (parts.length !== 3) throw new MalformedJws('compact JWS must have three parts');
  const [encodedHeader, encodedPayload, encodedSignature] = parts;
  const payload = decodeBase64url(encodedPayload);
  const signature = decodeBase64url(encodedSignature);
  if (payload === undefined || signature === undefined) throw new MalformedJws('JWS part is not base64url');
  return {
    header: parseHeader(encodedHeader, understoodCrit),
    payload,
    signature,
    signingInput: Buffer.from(`${encodedHeader}.${encodedPayload}`, 'ascii'),
  };
}

/** Decodes and checks a protected header segment. */
export function parseHeader(encodedHeader: string, understoodCrit?: readonly string[]): JwsHeader {
  const bytes = decodeBase64url(encodedHeader);
  if (bytes === undefined) throw new MalformedJws('JWS header is not base64url');
  return checkHeader(parseJsonObject(bytes, 'JWS header'), understoodCrit);
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
