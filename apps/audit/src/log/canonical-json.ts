// One byte sequence per value, whatever order its keys were written or stored in (PostgreSQL's
// jsonb reorders them): object keys sorted, no whitespace, JSON.stringify's escaping. What the
// Merkle leaves hash, so a verifier reading rows back computes the same hash.
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}
