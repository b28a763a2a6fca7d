import { sign, verify } from 'node:crypto';
import { freshKeyPair } from './fresh-key-pair';

// The module object itself, so that a spy sees fresh-key-pair.ts's calls.
const nodeCrypto = require('node:crypto') as typeof import('node:crypto');

describe('freshKeyPair', () => {
  it('generates as DER and imports the keys again, so no KeyObject shares its key with the generation job', () => {
    const generate = jest.spyOn(nodeCrypto, 'generateKeyPairSync');
    try {
      const { privateKey, publicKey } = freshKeyPair({ type: 'ec', namedCurve: 'P-256' });
      expect(generate).toHaveBeenCalledWith(
        'ec',
        expect.objectContaining({
          namedCurve: 'P-256',
          privateKeyEncoding: { type: 'pkcs8', format: 'der' },
          publicKeyEncoding: { type: 'spki', format: 'der' },
        }),
      );
      const signature = sign('sha256', Buffer.from('input'), privateKey);
      expect(verify('sha256', Buffer.from('input'), publicKey, signature)).toBe(true);
    } finally {
      generate.mockRestore();
    }
  });

  it('makes RSA keys of the size asked for', () => {
    expect(
      freshKeyPair({ type: 'rsa', modulusLength: 2048 }).privateKey.asymmetricKeyDetails?.modulusLength,
    ).toBe(2048);
  });
});
