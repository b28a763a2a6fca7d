import { constantTimeEqual, randomId } from './random';

describe('random ids and comparisons', () => {
  it('[ALG-3] random ids carry at least 128 bits and never repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => randomId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(Buffer.from(id, 'base64url').length).toBe(32);
    expect(Buffer.from(randomId(16), 'base64url').length).toBe(16);
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
});
