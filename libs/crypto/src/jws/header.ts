// JOSE header rules shared by every verification path (RFC 7515 §4).
import { MalformedJws, UnexpectedTokenType, UnsupportedCriticalHeader } from '../errors/errors';

/** A decoded JWS protected header; `alg` is checked against the allow-list separately. */
export interface JwsHeader {
  readonly alg: string;
  readonly kid?: string;
  readonly typ?: string;
  readonly jwk?: unknown;
  readonly crit?: readonly string[];
  readonly [parameter: string]: unknown;
}

/** Registered header names may never be marked critical (RFC 7515 §4.1.11). */
const REGISTERED = new Set([
  'alg', 'jku', 'jwk', 'kid', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'typ', 'cty', 'crit',
  'enc', 'zip', 'epk', 'apu', 'apv', 'iv', 'tag', 'p2s', 'p2c',
]); // prettier-ignore

/**
 * Checks `alg`, `kid`, `typ` and `crit` shapes. `understood` lists the extension parameters the
 * caller processes; a `crit` naming anything else is refused, as is RFC 7797's `b64` (we never sign
 * unencoded payloads, and OB dropped it in v3.1.4).
 */
export function checkHeader(header: Record<string, unknown>, understood: readonly string[] = []): JwsHeader {
  if (typeof header.alg !== 'string' || header.alg.length === 0)
    throw new MalformedJws('header "alg" missing');
  if (header.kid !== undefined && typeof header.kid !== 'string')
    throw new MalformedJws('header "kid" must be a string');
  if (header.typ !== undefined && typeof header.typ !== 'string')
    throw new MalformedJws('header "typ" must be a string');
  if (Object.hasOwn(header, 'b64'))
    throw new UnsupportedCriticalHeader('header "b64" (RFC 7797) is not supported');
  if (header.crit !== undefined) {
    const crit = header.crit;
    if (
      !Array.isArray(crit) ||
      crit.length === 0 ||
      crit.some((name) => typeof name !== 'string' || name === '')
    ) {
      throw new MalformedJws('header "crit" must be a non-empty array of names');
    }
    if (new Set(crit).size !== crit.length) throw new MalformedJws('header "crit" has duplicates');
    for (const name of crit as string[]) {
      if (REGISTERED.has(name)) throw new MalformedJws(`header "crit" may not name "${name}"`);
      if (!understood.includes(name))
        throw new UnsupportedCriticalHeader(`critical header "${name}" not understood`);
      if (header[name] === undefined) throw new MalformedJws(`critical header "${name}" is missing`);
    }
  }
  return header as JwsHeader;
}

/** `typ` comparison per RFC 7515 §4.1.9: case-insensitive, "application/" prefix optional. */
export function assertTokenType(header: JwsHeader, expected: string): void {
  if (header.typ === expected) return;
  if (header.typ === undefined || normaliseMediaType(header.typ) !== normaliseMediaType(expected)) {
    throw new UnexpectedTokenType(`header "typ" must be "${expected}"`);
  }
}

function normaliseMediaType(value: string): string {
  const lower = value.toLowerCase();
  return lower.includes('/') ? lower : `application/${lower}`;
}
