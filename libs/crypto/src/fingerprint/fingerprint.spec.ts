import { MacKey } from '../digest/digest';
import { fingerprint, pseudonym } from './fingerprint';

describe('fingerprints and pseudonyms', () => {
  const key = new MacKey(Buffer.alloc(32, 7));

  it('fingerprints without revealing the value, keyed when asked', () => {
    expect(fingerprint('urn:x')).toMatch(/^sha256:[A-Za-z0-9_-]{22}$/);
    expect(fingerprint('urn:x')).toBe(fingerprint('urn:x'));
    expect(fingerprint('alice', key)).not.toBe(fingerprint('alice'));
  });

  it('gives a stable pseudonym per context that starts with a letter or digit', () => {
    expect(pseudonym(key, 'tpp-1', 'psu-alice')).toBe(pseudonym(key, 'tpp-1', 'psu-alice'));
    expect(pseudonym(key, 'tpp-1', 'psu-alice')).not.toBe(pseudonym(key, 'tpp-2', 'psu-alice'));
    expect(pseudonym(key, 'tpp-1', 'psu-alice')).toMatch(/^[0-9a-f]{40}$/);
  });
});
