// The attack tests' own checkers must catch what they look for, or a green attack test proves nothing.
import { randomId } from '@grantline/crypto';
import { credentialPieces } from './credential-pieces';
import { bitsOf, entropyReport } from './credential-entropy';

const random = (bytes: number) => randomId(Math.max(bytes, 16)).slice(0, Math.ceil((bytes * 4) / 3));
const many = (make: (i: number) => string) => Array.from({ length: 12 }, (_, i) => make(i));

describe('credential entropy checker', () => {
  it('passes 256-bit random values behind a fixed prefix', () => {
    expect(
      entropyReport(
        'request_uri',
        many(() => `urn:ietf:params:oauth:request_uri:${random(32)}`),
      ),
    ).toMatchObject({
      fixedPrefix: 'urn:ietf:params:oauth:request_uri:',
      problems: [],
    });
  });

  it('reports short values, UUIDs, counters and repeats', () => {
    expect(
      entropyReport(
        'short',
        many(() => random(12)),
      ).problems,
    ).toEqual([expect.stringMatching(/at most 96 bits/)]);
    expect(bitsOf('0b7e1a52-2f0e-4c3b-9d5a-3c1e7f2a9b10')).toBe(122);
    expect(
      entropyReport(
        'counter',
        many((i) => `grant-${1000 + i}`),
      ).problems,
    ).toContain('values count up');
    expect(
      entropyReport(
        'repeat',
        many(() => 'same-value-every-time-xxxxxxxxxxxxxxxx'),
      ).problems,
    ).toContain('a value repeats');
  });

  it('reports values sharing a long run after the fixed prefix', () => {
    const values = many(() => `tok-${random(32)}`);
    values[3] = `${values[2].slice(0, 20)}${random(24)}`;
    expect(entropyReport('prefix', values).problems).toEqual([expect.stringMatching(/share \d+ characters/)]);
  });
});

describe('credential pieces', () => {
  it('looks for a JWT by its claims and signature runs, not by its shared header', () => {
    const jwt = `eyJhbGciOiJFUzI1NiJ9.${random(40)}.${random(64)}`;
    const pieces = credentialPieces(jwt);
    expect(pieces).toContain(jwt.split('.')[1]);
    expect(pieces).not.toContain('eyJhbGciOiJFUzI1NiJ9');
    expect(pieces).toContain(jwt.split('.')[2].slice(8, 24));
  });
});
