// One byte sequence per value, whatever order its keys were written or stored in (PostgreSQL's
// jsonb reordered them in records stored before the column became json): object keys sorted, no
// whitespace, JSON.stringify's escaping. What the Merkle leaves hash, so a verifier reading rows
// back computes the same hash.
export function canonicalJson(value: unknown): string {
  // JSON.stringify writes keys in Object.keys order, so for plain data whose keys are already in
  // sorted order it writes exactly the canonical form, natively. The masker builds records that
  // way (the appender's hot path); anything else (rows read back from jsonb) is sorted here.
  return inCanonicalOrder(value) ? JSON.stringify(value ?? null) : sortedJson(value);
}

function sortedJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  const entries = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${sortedJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

/**
 * Whether JSON.stringify(value) is already canonical: only plain objects (no toJSON, no class
 * instances), arrays without holes or undefined elements, finite JSON scalars, and every object's
 * keys in sorted order (which also rules out integer-like keys out of string order).
 */
function inCanonicalOrder(value: unknown): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      break;
    default:
      return false;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value) || value[i] === undefined || !inCanonicalOrder(value[i])) return false;
    }
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  const record = value as Record<string, unknown>;
  let previous: string | undefined;
  for (const key in record) {
    if (previous !== undefined && !(previous < key)) return false;
    const member = record[key];
    if (member === undefined || !inCanonicalOrder(member)) return false;
    previous = key;
  }
  return true;
}
