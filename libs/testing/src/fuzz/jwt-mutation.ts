// Almost-valid JWTs: a good header and claim set with one thing wrong, re-signed with the right key
// where that still makes sense, so the server's checks past the signature get exercised too
// (claims of the wrong type, huge claims, duplicate JSON keys, alg none/HS256, odd segment counts).
import fc from 'fast-check';
import type { Signer } from '@grantline/crypto';
import { deepJsonText, hugeString, jsonJunk, oddString } from './junk';

/** One change to a JSON object before it is serialised as a JWT segment. */
export type JsonEdit =
  | { kind: 'keep' }
  | { kind: 'set'; name: string; value: unknown }
  | { kind: 'delete'; name: string }
  /** The member appears twice in the text: first the given value, then the original one. */
  | { kind: 'duplicate'; name: string; value: unknown }
  /** The whole segment is this text (not an object, not JSON at all, …). */
  | { kind: 'text'; text: string };

export type SegmentsEdit =
  'keep' | 'two-segments' | 'four-segments' | 'bad-base64' | 'padded' | 'whitespace' | 'empty-payload';

export type SignatureEdit = 'valid' | 'tampered' | 'empty' | 'junk' | 'huge';

export interface JwtMutation {
  header: JsonEdit;
  payload: JsonEdit;
  segments: SegmentsEdit;
  signature: SignatureEdit;
}

export const UNMUTATED_JWT: JwtMutation = {
  header: { kind: 'keep' },
  payload: { kind: 'keep' },
  segments: 'keep',
  signature: 'valid',
};

/** An edit of an object whose known member names are `names` (plus a random one now and then). */
export function jsonEdit(names: readonly string[], extraValues: fc.Arbitrary<unknown>[] = []) {
  const name = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...names) },
    { weight: 1, arbitrary: oddString },
  );
  const value = fc.oneof(jsonJunk, ...extraValues);
  return fc.oneof<fc.MaybeWeightedArbitrary<JsonEdit>[]>(
    fc.record({ kind: fc.constant('set' as const), name, value }),
    fc.record({ kind: fc.constant('delete' as const), name }),
    fc.record({ kind: fc.constant('duplicate' as const), name, value }),
    fc.record({
      kind: fc.constant('text' as const),
      text: fc.oneof(
        oddString,
        hugeString,
        fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
        fc.constantFrom('{', '{"a":1', '[]', 'null', '{"__proto__":{"polluted":true}}'),
        fc.integer({ min: 20, max: 10_000 }).map(deepJsonText),
      ),
    }),
  );
}

const HEADER_VALUES = [fc.constantFrom('none', 'HS256', 'RS256', 'PS256', 'ES512', 'EdDSA', 'ES256', '')];

/** A mutation that changes exactly one part of the JWT (one segment's content, the framing or the signature). */
export function jwtMutation(headerNames: readonly string[], claimNames: readonly string[]) {
  const keep = { header: { kind: 'keep' as const }, payload: { kind: 'keep' as const } };
  return fc.oneof<fc.MaybeWeightedArbitrary<JwtMutation>[]>(
    { weight: 3, arbitrary: jsonEdit(claimNames).map((payload) => ({ ...UNMUTATED_JWT, payload })) },
    {
      weight: 2,
      arbitrary: jsonEdit(headerNames, HEADER_VALUES).map((header) => ({ ...UNMUTATED_JWT, header })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom<SegmentsEdit>(
          'two-segments',
          'four-segments',
          'bad-base64',
          'padded',
          'whitespace',
          'empty-payload',
        )
        .map((segments) => ({ ...UNMUTATED_JWT, ...keep, segments })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom<SignatureEdit>('tampered', 'empty', 'junk', 'huge')
        .map((signature) => ({ ...UNMUTATED_JWT, signature })),
    },
  );
}

const b64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64url');

/** The object's JSON with one edit applied, as text (duplicate keys can only exist as text). */
export function editedJson(object: Record<string, unknown>, edit: JsonEdit): string {
  switch (edit.kind) {
    case 'keep':
      return JSON.stringify(object);
    case 'set':
      return JSON.stringify({ ...object, [edit.name]: edit.value });
    case 'delete': {
      const copy = { ...object };
      delete copy[edit.name];
      return JSON.stringify(copy);
    }
    case 'duplicate': {
      const rest = JSON.stringify(object).slice(1);
      const first = `${JSON.stringify(edit.name)}:${JSON.stringify(edit.value) ?? 'null'}`;
      return rest === '}' ? `{${first}}` : `{${first},${rest}`;
    }
    case 'text':
      return edit.text;
  }
}

/** Builds the compact JWT: header and claims with the mutation applied, signed by `signer`. */
export async function mutatedJwt(
  signer: Signer,
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  mutation: JwtMutation,
): Promise<string> {
  const encodedHeader = b64(editedJson({ alg: signer.alg, ...header }, mutation.header));
  const encodedPayload =
    mutation.segments === 'empty-payload' ? '' : b64(editedJson(claims, mutation.payload));
  const input = `${encodedHeader}.${encodedPayload}`;
  const valid = b64(await signer.sign(Buffer.from(input, 'ascii')));
  const signature: Record<SignatureEdit, string> = {
    valid,
    tampered: `${valid.slice(0, -2)}${valid.at(-2) === 'A' ? 'B' : 'A'}${valid.at(-1)}`,
    empty: '',
    junk: 'not*base64!',
    huge: 'A'.repeat(20_000),
  };
  const jwt = `${input}.${signature[mutation.signature]}`;
  switch (mutation.segments) {
    case 'keep':
    case 'empty-payload':
      return jwt;
    case 'two-segments':
      return input;
    case 'four-segments':
      return `${jwt}.${encodedPayload}`;
    case 'bad-base64':
      return `${encodedHeader}*.${encodedPayload}.${signature[mutation.signature]}`;
    case 'padded':
      return `${encodedHeader}==.${encodedPayload}.${signature[mutation.signature]}`;
    case 'whitespace':
      return ` ${jwt.replace('.', ' . ')}`;
  }
}

/** A string that only looks like a JWT, or not at all. */
export const jwtShapedJunk: fc.Arbitrary<string> = fc.oneof(
  oddString,
  hugeString,
  fc.array(fc.base64String(), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.')),
  fc.constantFrom('..', '.', 'a.b.c', 'eyJ.eyJ.', 'eyJhbGciOiJub25lIn0.e30.'),
);
