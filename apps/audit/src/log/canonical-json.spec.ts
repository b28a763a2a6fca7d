import { canonicalJson } from './canonical-json';

/** The definition, written the slow and obvious way: keys sorted at every level. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${reference(record[key])}`).join(',')}}`;
}

/** A deterministic generator, so a failure names the case that reproduces it. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const KEYS = ['a', 'b', 'B', 'id', 'data', '0', '1', '2', '10', '-x', '', 'é', 'z"q', '\n'];
const SCALARS = [null, true, false, 0, -0, 1.5, 'text', 'é"\\\u2028', ''];

function randomValue(random: () => number, depth: number, sortedKeys: boolean): unknown {
  const pick = random();
  if (depth > 3 || pick < 0.4) return SCALARS[Math.floor(random() * SCALARS.length)];
  if (pick < 0.6) {
    return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1, sortedKeys));
  }
  const keys = KEYS.filter(() => random() < 0.4);
  const ordered = sortedKeys ? [...keys].sort() : keys.reverse();
  const object: Record<string, unknown> = {};
  for (const key of ordered) object[key] = randomValue(random, depth + 1, sortedKeys);
  return object;
}

describe('canonical JSON', () => {
  it('[AUD-1] is the sorted-key form for built-in-order, sorted-order and integer-like keys alike', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const random = generator(seed);
      const value = randomValue(random, 0, seed % 2 === 0);
      expect({ seed, json: canonicalJson(value) }).toEqual({ seed, json: reference(value) });
    }
  });

  it('[AUD-1] treats what JSON.stringify would write differently (toJSON, undefined, holes, odd numbers) as the definition does', () => {
    const awkward: unknown[] = [
      { a: new Date(0), b: 1 },
      { a: undefined, b: 1 },
      [1, undefined, 2],
      // eslint-disable-next-line no-sparse-arrays
      [1, , 2],
      { n: Number.NaN, i: Number.POSITIVE_INFINITY },
      Object.assign(Object.create(null), { a: 1 }),
      { '2': 'x', '10': 'y', a: 'z' },
    ];
    for (const value of awkward) expect(canonicalJson(value)).toBe(reference(value));
  });
});
