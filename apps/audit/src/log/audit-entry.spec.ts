import { leafHash } from '../tamper-evidence/merkle-tree';
import { entryLeafHash } from './audit-entry';
import { canonicalJson } from './canonical-json';

describe('an audit entry', () => {
  it('[AUD-1] hashes the canonical JSON of { seq, ingestedAt, event }, given the event or its JSON', () => {
    const event = { type: 'ConsentExpired', data: { z: [1, null, 'é"'], a: { c: 2.5, b: true } }, id: 'x' };
    const entry = { seq: 42, ingestedAt: '2026-11-23T09:00:00.000Z', event };
    const expected = leafHash(canonicalJson({ seq: 42, ingestedAt: entry.ingestedAt, event }));
    expect(entryLeafHash(entry).equals(expected)).toBe(true);
    expect(entryLeafHash(entry, canonicalJson(event)).equals(expected)).toBe(true);
  });
});
