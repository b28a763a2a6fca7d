// One change to a request's headers: Authorization and DPoP (junk, mutated proofs, two proofs),
// content types that do not match the body, and the OB headers (x-fapi-*, x-idempotency-key).
import fc from 'fast-check';
import { headerJunk, hugeString, headerSafe } from './junk';
import { type JwtMutation, jwtMutation, jwtShapedJunk } from './jwt-mutation';

export type Headers = Array<[string, string]>;

export type HeaderEdit =
  | { kind: 'keep' }
  | { kind: 'drop'; name: string }
  | { kind: 'set'; name: string; value: string }
  /** The header a second time with another value. */
  | { kind: 'twice'; name: string; value: string }
  | { kind: 'authorization'; value: string }
  | { kind: 'dpop'; mutation: JwtMutation }
  | { kind: 'dpop-junk'; value: string }
  /** Two good proofs in two DPoP headers. */
  | { kind: 'dpop-twice' };

export const DPOP_HEADER_NAMES = ['typ', 'alg', 'jwk', 'kid', 'x5c', 'jku', 'crit', 'b64'];
export const DPOP_CLAIM_NAMES = ['jti', 'htm', 'htu', 'iat', 'ath', 'nonce', 'exp', 'nbf', 'cnf'];

const CONTENT_TYPES = [
  'application/json',
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=utf-16',
  'application/json; charset=latin1',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/jose',
  'application/*',
  '*/*',
  ';',
  '',
];

const authorizationValue = fc.oneof(
  headerJunk,
  jwtShapedJunk.map((jwt) => `DPoP ${headerSafe(jwt)}`),
  jwtShapedJunk.map((jwt) => `Bearer ${headerSafe(jwt)}`),
  fc.constantFrom('DPoP', 'Bearer', 'Basic Zm9vOmJhcg==', 'DPoP  ', 'dpop x', 'BEARER x', 'DPoP a b'),
  hugeString.map((value) => `DPoP ${value.replace(/[^\x21-\x7e]/g, 'a')}`),
);

export function headerEdit(names: readonly string[]): fc.Arbitrary<HeaderEdit> {
  const name = fc.constantFrom(
    ...names,
    'content-type',
    'accept',
    'host',
    'content-length',
    'x-forwarded-for',
  );
  const value = fc.oneof(fc.constantFrom(...CONTENT_TYPES), headerJunk);
  return fc.oneof<fc.MaybeWeightedArbitrary<HeaderEdit>[]>(
    fc.record({ kind: fc.constant('drop' as const), name }),
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('set' as const), name, value }) },
    fc.record({ kind: fc.constant('twice' as const), name, value }),
    fc.record({ kind: fc.constant('authorization' as const), value: authorizationValue }),
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('dpop' as const),
        mutation: jwtMutation(DPOP_HEADER_NAMES, DPOP_CLAIM_NAMES),
      }),
    },
    fc.record({ kind: fc.constant('dpop-junk' as const), value: jwtShapedJunk.map(headerSafe) }),
    fc.constant({ kind: 'dpop-twice' as const }),
  );
}

/** Applies a header edit; `dpop` edits are applied by the target, which can sign a proof. */
export function editedHeaders(headers: Headers, edit: HeaderEdit): Headers {
  const lower = (name: string) => name.toLowerCase();
  switch (edit.kind) {
    case 'drop':
      return headers.filter(([name]) => lower(name) !== edit.name);
    case 'set':
      // content-length and host are the HTTP client's to set; a wrong one is a client error, not input
      if (edit.name === 'content-length' || edit.name === 'host') return headers;
      return [...headers.filter(([name]) => lower(name) !== edit.name), [edit.name, edit.value]];
    case 'twice':
      if (edit.name === 'content-length' || edit.name === 'host') return headers;
      return [...headers, [edit.name, edit.value]];
    case 'authorization':
      return [...headers.filter(([name]) => lower(name) !== 'authorization'), ['authorization', edit.value]];
    case 'dpop-junk':
      return [...headers.filter(([name]) => lower(name) !== 'dpop'), ['dpop', edit.value]];
    default:
      return headers;
  }
}
