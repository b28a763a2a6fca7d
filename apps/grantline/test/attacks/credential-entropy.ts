// Seed 004 ①: a credential an attacker can guess is no credential. From samples of one kind of
// credential, what an observer can tell: the part every sample shares (a fixed prefix carries no
// entropy), the alphabet and length of the rest, hence an upper bound on its entropy; repeats;
// two samples sharing a long run after the fixed prefix; and values that count up.

export interface EntropyReport {
  kind: string;
  fixedPrefix: string;
  estimatedBits: number;
  problems: string[];
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

function commonPrefix(values: string[]): string {
  let prefix = values[0] ?? '';
  for (const value of values) while (!value.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** Bits a value of this shape can carry at most: its length times log2 of its alphabet. */
export function bitsOf(value: string): number {
  if (UUID_V4.test(value)) return 122;
  if (/^[0-9]+$/.test(value)) return value.length * Math.log2(10);
  if (/^[0-9a-f]+$/i.test(value.replace(/-/g, ''))) return value.replace(/-/g, '').length * 4;
  if (/^[A-Za-z0-9_-]+$/.test(value)) return value.length * 6;
  if (/^[A-Za-z0-9_.-]+$/.test(value)) return value.replace(/\./g, '').length * 6;
  return value.length * Math.log2(95);
}

export function entropyReport(kind: string, values: string[]): EntropyReport {
  const problems: string[] = [];
  if (values.length < 8) problems.push(`only ${values.length} samples`);
  if (new Set(values).size !== values.length) problems.push('a value repeats');
  // The fixed prefix stops at the last separator: a random first character shared by chance is not
  // structure.
  const shared = commonPrefix(values);
  const cut = Math.max(shared.lastIndexOf(':'), shared.lastIndexOf('.'), shared.lastIndexOf('-'), -1) + 1;
  const fixedPrefix = shared.slice(0, cut);
  const rests = values.map((value) => value.slice(fixedPrefix.length));
  const estimatedBits = Math.min(...rests.map(bitsOf));
  if (estimatedBits < 128) problems.push(`at most ${estimatedBits.toFixed(0)} bits after "${fixedPrefix}"`);
  for (let i = 0; i < rests.length; i++) {
    for (let j = i + 1; j < rests.length; j++) {
      const run = commonPrefix([rests[i], rests[j]]).length;
      if (run >= 6) problems.push(`samples ${i} and ${j} share ${run} characters after the fixed prefix`);
    }
  }
  const numbers = rests.map((rest) => /\d+$/.exec(rest)?.[0]).map(Number);
  const counting = numbers.every((n, i) => Number.isFinite(n) && (i === 0 || n === numbers[i - 1] + 1));
  if (counting && rests.length > 1) problems.push('values count up');
  return { kind, fixedPrefix, estimatedBits: Math.round(estimatedBits), problems };
}
