// What a parsed OB request body may not contain, checked before class-transformer or PostgreSQL sees
// it (ROB-1): nesting deep enough to overflow class-transformer's stack, text jsonb refuses, and
// keys that name JavaScript's object machinery rather than data.
import { badRequest, type ObError } from './ob-error';

/** Deeper than any OB document (free-form Risk included), far shallower than the validators' recursion limit. */
const MAX_DEPTH = 32;

/** NUL, or half of a surrogate pair (`"\ud800"` in the JSON text): PostgreSQL's jsonb stores neither. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE_TEXT = /\u0000|\p{Cs}/u;

/**
 * JSON.parse keeps these as own keys, but class-transformer and class-validator treat them as the
 * object's prototype machinery: `constructor` under Risk threw a TypeError (a 500), and `__proto__`
 * was dropped, so a stored Risk could differ from what the TPP sent (and signed).
 */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Why a parsed document cannot be taken, as the OB 400 to answer, or undefined. Iterative, so it never recurses. */
export function unacceptableJson(document: unknown): ObError | undefined {
  const unstorable = () =>
    badRequest('UK.OBIE.Field.Invalid', 'The request body contains a NUL character or an unpaired surrogate');
  const pending: Array<[unknown, number, string]> = [[document, 0, '']];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth, path] = next;
    if (typeof item === 'string' && UNSTORABLE_TEXT.test(item)) return unstorable();
    if (item === null || typeof item !== 'object') continue;
    if (depth >= MAX_DEPTH)
      return badRequest('UK.OBIE.Field.Invalid', `The request body nests deeper than ${MAX_DEPTH} levels`);
    const array = Array.isArray(item);
    for (const [key, child] of Object.entries(item)) {
      if (UNSTORABLE_TEXT.test(key)) return unstorable();
      const childPath = array ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (!array && PROTOTYPE_KEYS.has(key))
        return badRequest(
          'UK.OBIE.Field.Unexpected',
          `${childPath} is not a field an OB body may carry`,
          childPath,
        );
      pending.push([child, depth + 1, childPath]);
    }
  }
  return undefined;
}
