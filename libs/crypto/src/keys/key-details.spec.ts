import { freshKeyPair } from './fresh-key-pair';
import { keyDetailsOf } from './key-details';

describe('keyDetailsOf', () => {
  it('gives the modulus length and curve of each key, the same frozen object on every read', () => {
    const rsa = freshKeyPair({ type: 'rsa', modulusLength: 2048 }).publicKey;
    const ec = freshKeyPair({ type: 'ec', namedCurve: 'P-256' }).publicKey;
    expect(keyDetailsOf(rsa).modulusLength).toBe(2048);
    expect(keyDetailsOf(ec).namedCurve).toBe('prime256v1');
    expect(keyDetailsOf(rsa)).toBe(keyDetailsOf(rsa));
    expect(Object.isFrozen(keyDetailsOf(ec))).toBe(true);
  });
});
