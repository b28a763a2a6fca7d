import { MacKey, sha256 } from './digest';

describe('digests', () => {
  it('hashes the concatenation of its parts with SHA-256', () => {
    expect(sha256('').toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(sha256('ab', Buffer.from('c')).equals(sha256('abc'))).toBe(true);
    // One-shot (one part, or text only) and streaming (binary parts) give the same digest.
    expect(sha256('a', 'é', 'c').equals(sha256(Buffer.from('a'), Buffer.from('éc')))).toBe(true);
    expect(sha256(Buffer.from('abc')).equals(sha256('a', Buffer.from('bc')))).toBe(true);
  });

  it('computes HMAC-SHA-256 (RFC 4231 test case 2 shape) and refuses short keys', () => {
    expect(() => new MacKey(Buffer.alloc(16))).toThrow(expect.objectContaining({ code: expect.any(String) }));
    const key = new MacKey(Buffer.alloc(32, 7));
    expect(key.mac('a', 'b').equals(key.mac('ab'))).toBe(true);
    expect(key.mac('x').equals(new MacKey(Buffer.alloc(32, 8)).mac('x'))).toBe(false);
    expect(JSON.stringify({ key })).not.toContain('\\u0007');
  });
});
