import fc from 'fast-check';
import { decodeBase64url, encodeBase64url } from './base64url';

describe('strict base64url', () => {
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 96 }), (bytes) => {
        expect(decodeBase64url(encodeBase64url(bytes))?.equals(Buffer.from(bytes))).toBe(true);
      }),
    );
  });

  it('accepts exactly the canonical encodings: no padding, no other alphabet, no stray low bits', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'AQgw_-+/=. \nZz09'), maxLength: 12 }), (text) => {
        const canonical =
          /^[A-Za-z0-9_-]*$/.test(text) && Buffer.from(text, 'base64url').toString('base64url') === text;
        expect(decodeBase64url(text) !== undefined).toBe(canonical);
      }),
      { numRuns: 2000 },
    );
  });

  it.each(['AB', 'ABC', 'AA==', 'A', 'AB+', 'AB/', 'A B'])('refuses %p', (text) => {
    expect(decodeBase64url(text)).toBeUndefined();
  });
});
