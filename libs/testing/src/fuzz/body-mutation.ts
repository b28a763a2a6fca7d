// One change to a good request body: a form (PAR, /token) or a JSON document (OB consents and
// payments), so each input fails at most one check and the others stay reachable.
import fc from 'fast-check';
import { deepJsonText, hugeString, jsonJunk, oddString } from './junk';

export type Form = Array<[string, string]>;

export type FormEdit =
  | { kind: 'keep' }
  | { kind: 'drop'; index: number }
  | { kind: 'set'; index: number; value: string }
  | { kind: 'duplicate'; index: number; value: string }
  | { kind: 'add'; name: string; value: string }
  /** The whole body is this text: broken percent-encoding, JSON, binary… */
  | { kind: 'raw'; body: string };

const formValue = fc.oneof(
  { weight: 4, arbitrary: oddString },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v) ?? '') },
);

export function formEdit(extraNames: readonly string[]): fc.Arbitrary<FormEdit> {
  const index = fc.nat({ max: 40 });
  return fc.oneof<fc.MaybeWeightedArbitrary<FormEdit>[]>(
    fc.record({ kind: fc.constant('drop' as const), index }),
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('set' as const), index, value: formValue }) },
    fc.record({ kind: fc.constant('duplicate' as const), index, value: formValue }),
    fc.record({
      kind: fc.constant('add' as const),
      name: fc.oneof(fc.constantFrom(...extraNames), oddString),
      value: formValue,
    }),
    fc.record({
      kind: fc.constant('raw' as const),
      body: fc.oneof(
        oddString,
        hugeString,
        fc.constantFrom(
          'a=%ZZ',
          '=&=&',
          'a',
          '%',
          'grant_type',
          '&&&&',
          'a=1&a=2&a[]=3&a[b]=4',
          '{"grant_type":"x"}',
        ),
      ),
    }),
  );
}

export function editedForm(form: Form, edit: FormEdit): string {
  const encode = (pairs: Form) => new URLSearchParams(pairs).toString();
  if (edit.kind === 'raw') return edit.body;
  if (edit.kind === 'add') return encode([...form, [edit.name, edit.value]]);
  if (edit.kind === 'keep' || form.length === 0) return encode(form);
  const at = edit.index % form.length;
  const [name] = form[at];
  switch (edit.kind) {
    case 'drop':
      return encode(form.filter((_, i) => i !== at));
    case 'set':
      return encode(form.map((pair, i) => (i === at ? [name, edit.value] : pair)));
    case 'duplicate':
      return encode([...form, [name, edit.value]]);
  }
}

/** A JSON path into the document, chosen as indexes into each level's keys (taken modulo). */
export type JsonBodyEdit =
  | { kind: 'keep' }
  | { kind: 'set'; path: number[]; value: unknown }
  | { kind: 'delete'; path: number[] }
  /** A duplicate of the member at `path`, written before it with `value`: `{"Amount":1,"Amount":"2"}`. */
  | { kind: 'duplicate'; path: number[]; value: unknown }
  | { kind: 'text'; text: string }
  /** The member at `path` becomes JSON nested `depth` levels deep. */
  | { kind: 'deep'; path: number[]; depth: number };

const path = fc.array(fc.nat({ max: 20 }), { minLength: 1, maxLength: 4 });

export function jsonBodyEdit(domainValues: fc.Arbitrary<unknown>): fc.Arbitrary<JsonBodyEdit> {
  const value = fc.oneof({ weight: 3, arbitrary: jsonJunk }, { weight: 2, arbitrary: domainValues });
  return fc.oneof<fc.MaybeWeightedArbitrary<JsonBodyEdit>[]>(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), path, value }) },
    fc.record({ kind: fc.constant('delete' as const), path }),
    fc.record({ kind: fc.constant('duplicate' as const), path, value }),
    fc.record({ kind: fc.constant('deep' as const), path, depth: fc.integer({ min: 20, max: 20_000 }) }),
    fc.record({
      kind: fc.constant('text' as const),
      text: fc.oneof(
        oddString,
        hugeString,
        fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
        fc.constantFrom('{', '{"Data":', '{"Data":{}}}', '[', '\ufeff{}', '{"Data":{"__proto__":{"x":1}}}'),
      ),
    }),
  );
}

const MARK = '\u0001duplicate\u0001';
const DEEP = '\u0001deep\u0001';

/** The document as text with the edit applied (the duplicate member spliced into the text). */
export function editedJsonBody(document: unknown, edit: JsonBodyEdit): string {
  if (edit.kind === 'keep') return JSON.stringify(document);
  if (edit.kind === 'text') return edit.text;
  const copy = structuredClone(document) as Record<string, unknown>;
  let parent: Record<string, unknown> = copy;
  let key = '';
  for (const [depth, step] of edit.path.entries()) {
    const keys = Object.keys(parent);
    if (keys.length === 0) break;
    key = keys[step % keys.length];
    const child = parent[key];
    if (depth === edit.path.length - 1 || child === null || typeof child !== 'object') break;
    parent = child as Record<string, unknown>;
  }
  if (key === '') return JSON.stringify({ ...copy, Extra: 'value' in edit ? edit.value : null });
  if (edit.kind === 'set') parent[key] = edit.value;
  if (edit.kind === 'deep') {
    parent[key] = DEEP;
    return JSON.stringify(copy).replace(JSON.stringify(DEEP), deepJsonText(edit.depth));
  }
  if (edit.kind === 'delete') delete parent[key];
  if (edit.kind === 'duplicate' && !Array.isArray(parent)) {
    const value = parent[key];
    delete parent[key];
    parent[MARK] = edit.value;
    parent[key] = value;
    const text = JSON.stringify(copy);
    return text.replace(JSON.stringify(MARK), JSON.stringify(key));
  }
  return JSON.stringify(copy) ?? 'null';
}
