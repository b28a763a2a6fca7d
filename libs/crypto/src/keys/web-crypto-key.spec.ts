import { webcrypto } from 'node:crypto';
import { InvalidKey } from '../errors/errors';
import { generateSigningKey } from './signing-key';
import { webCryptoSigningKey } from './web-crypto-key';

describe('webCryptoSigningKey', () => {
  it('imports an ES256 private JWK (with use and alg) as a non-extractable key whose signatures verify', async () => {
    const { privateJwk, signingKey } = generateSigningKey('ES256', 'k-1');
    const { key, kid } = await webCryptoSigningKey(privateJwk);
    expect(kid).toBe('k-1');
    expect(key.extractable).toBe(false);
    const data = Buffer.from('signing input');
    const signature = await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, data);
    const publicKey = await webcrypto.subtle.importKey(
      'jwk',
      { kty: 'EC', crv: 'P-256', x: signingKey.publicJwk.x, y: signingKey.publicJwk.y },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    expect(
      await webcrypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, signature, data),
    ).toBe(true);
  });

  it('refuses a public JWK, a symmetric key and a curve outside ALG-1', async () => {
    const { signingKey } = generateSigningKey('ES256');
    await expect(webCryptoSigningKey(signingKey.publicJwk)).rejects.toBeInstanceOf(InvalidKey);
    await expect(webCryptoSigningKey({ kty: 'oct', k: 'c2VjcmV0', d: 'x' })).rejects.toBeInstanceOf(
      InvalidKey,
    );
    await expect(
      webCryptoSigningKey({ kty: 'EC', crv: 'P-384', x: 'a', y: 'b', d: 'c' }),
    ).rejects.toBeInstanceOf(InvalidKey);
  });
});
