import { verifyPkceS256 } from '../pkce/pkce';
import { constantTimeEqual, randomId } from './random';

// The module object itself (not an import's frozen namespace copy), so that a spy sees random.ts's calls.
const nodeCrypto = require('node:crypto') as typeof import('node:crypto');

describe('random ids and comparisons', () => {
  it('[ALG-3] random ids carry at least 128 bits and never repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => randomId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(Buffer.from(id, 'base64url').length).toBe(32);
    expect(Buffer.from(randomId(16), 'base64url').length).toBe(16);
  });

  it('[ALG-3] draws ids from the CSPRNG a pool at a time, never handing out the same bytes twice', () => {
    const refills = jest.spyOn(nodeCrypto, 'randomFillSync');
    try {
      const ids = Array.from({ length: 600 }, () => randomId()); // 19,200 bytes: several refills
      expect(new Set(ids).size).toBe(600);
      expect(new Set(ids.map((id) => id.slice(0, 8))).size).toBe(600);
      expect(refills.mock.calls.length).toBeGreaterThanOrEqual(4);
    } finally {
      refills.mockRestore();
    }
    expect(Buffer.from(randomId(5000), 'base64url').length).toBe(5000);
  });

  it('[ALG-3] refuses fewer than 128 bits', () => {
    expect(() => randomId(15)).toThrow(expect.objectContaining({ code: 'invalid_options' }));
  });

  it('[ALG-4] compares strings of any length in constant time', () => {
    expect(constantTimeEqual('secret', 'secret')).toBe(true);
    expect(constantTimeEqual('secret', 'secreT')).toBe(false);
    expect(constantTimeEqual('secret', 'secret-longer')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });

  it('[ALG-4] refuses near misses and other lengths only through one fixed-length timing-safe comparison', () => {
    const timingSafe = jest.spyOn(nodeCrypto, 'timingSafeEqual');
    try {
      const secret = randomId();
      // The first character swapped for another one (a secret may itself start with "x" or "X"),
      // and an upper-cased copy that differs at least there.
      const other = secret[0]?.toLowerCase() === 'x' ? 'y' : 'x';
      const attempts = [
        secret.slice(0, -1),
        `${secret}x`,
        `${other}${secret.slice(1)}`,
        '',
        `${other.toUpperCase()}${secret.slice(1).toUpperCase()}`,
      ];
      for (const attempt of attempts) expect(constantTimeEqual(attempt, secret)).toBe(false);
      expect(verifyPkceS256(randomId(), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')).toBe(false);
      // Every comparison, whatever the lengths, went through timingSafeEqual on two 32-byte digests.
      expect(timingSafe).toHaveBeenCalledTimes(attempts.length + 1);
      for (const [left, right] of timingSafe.mock.calls) {
        expect([(left as Buffer).length, (right as Buffer).length]).toEqual([32, 32]);
      }
    } finally {
      timingSafe.mockRestore();
    }
  });
});
