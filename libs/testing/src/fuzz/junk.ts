// The raw material of fuzz inputs: strings a parser chokes on (unicode, control characters, lone
// surrogates, huge values), JSON values of every type, deep nesting, and header-safe variants.
import fc from 'fast-check';

/** Big enough to hit length checks and the 64 KiB body limit's neighbourhood, small enough to stay fast. */
const HUGE_LENGTHS = [1_000, 8_192, 40_000, 70_000];

export const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...HUGE_LENGTHS), fc.constantFrom('a', 'é', '🏦', '%', '\u0000', '.', '{'))
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));

/** Strings that are odd for every parser: unicode of all planes, controls, lone surrogates, escapes. */
export const oddString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\r\n',
    '\ud800',
    '\u202e',
    'null',
    'undefined',
    '[]',
    '{}',
    '%',
    '%ZZ',
    '%00',
    '..',
    '../../etc/passwd',
    "' OR 1=1 --",
    '__proto__',
    'constructor',
    'NaN',
    '-0',
    '1e400',
    '9999999999999999999999',
    '2026-02-30T25:61:61Z',
    'a.b.c',
    'Bearer',
    'DPoP ',
  ),
);

/** Any JSON value, sometimes huge or deeply nested. */
export const jsonJunk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: oddString },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: fc.constantFrom(-1, 0, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2) },
  // Deeper nesting goes in as text (deepJsonText): building it as objects would overflow the
  // fuzzer's own recursion (structuredClone, JSON.stringify, fast-check's reporting).
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 300 }).map(deeplyNested) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((n) => new Array(n).fill(0)) },
);

export function deeplyNested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

/** JSON text nested `depth` levels deep, built without recursion. */
export function deepJsonText(depth: number): string {
  return `${'[{"a":'.repeat(depth)}0${'}]'.repeat(depth)}`;
}

/** Percent-encodes every UTF-8 byte (lone surrogates become U+FFFD), where encodeURIComponent would throw. */
export function percentEncoded(value: string): string {
  return [...Buffer.from(value, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
}

/**
 * A header value the HTTP client will send: unicode goes over the wire as its UTF-8 bytes read as
 * Latin-1 (what a raw client could send), CR, LF and NUL are dropped (no client can send them).
 */
export function headerSafe(value: string): string {
  return Buffer.from(value, 'utf8')
    .toString('latin1')
    .replace(/[\r\n\0]/g, '');
}

export const headerJunk: fc.Arbitrary<string> = fc
  .oneof({ weight: 5, arbitrary: oddString }, { weight: 1, arbitrary: hugeString })
  .map(headerSafe);
