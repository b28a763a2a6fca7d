import { freshKeyPair } from './fresh-key-pair';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signJwt } from '../jws/sign-jws';
import { verifyJwt } from '../jws/verify-jwt';
import { NOW_MS, frozenClock } from '../test/fixtures';
import { PRIVATE_JWK_MEMBERS } from './jwk';
import { loadSigningKeyRingFile, signingKeyRingFromEnv, signingKeyRingFromJson } from './load-signing-keys';
import { generateSigningKey, signingKeyFromJwk } from './signing-key';
import { SigningKeyRing } from './signing-key-ring';
import { keySetFromJwks } from './verification-keys';
import { jwkThumbprint } from '../thumbprint/jwk-thumbprint';

const ALL = ['PS256', 'ES256', 'EdDSA'] as const;
const HOUR = 3_600_000;

const hasNoPrivateMembers = (jwks: { keys: readonly object[] }) => {
  for (const jwk of jwks.keys)
    for (const member of PRIVATE_JWK_MEMBERS) expect(jwk).not.toHaveProperty(member);
};

describe('signing keys (ALG-5)', () => {
  it.each(ALL)('[ALG-5] generates %s dev keys whose kid is the RFC 7638 thumbprint', async (alg) => {
    const { signingKey, privateJwk } = generateSigningKey(alg);
    expect(signingKey.kid).toBe(jwkThumbprint(signingKey.publicJwk));
    expect(signingKey.publicJwk).toMatchObject({ alg, use: 'sig', kid: signingKey.kid });
    expect(privateJwk.d).toBeDefined();
    const reloaded = signingKeyFromJwk(privateJwk);
    expect(reloaded.kid).toBe(signingKey.kid);
    const token = await signJwt(reloaded, { sub: 'x' });
    const keys = keySetFromJwks({ keys: [signingKey.publicJwk] });
    await expect(verifyJwt(token, { keys, algorithms: [alg], clock: frozenClock() })).resolves.toBeDefined();
  });

  it('[ALG-5] [META-2] never serialises private members', () => {
    const { signingKey } = generateSigningKey('ES256');
    const json = JSON.parse(JSON.stringify(signingKey));
    expect(json.d).toBeUndefined();
    hasNoPrivateMembers({ keys: [signingKey.publicJwk, json] });
  });

  it('[ALG-2] refuses to sign with an RSA key below 2048 bits or a key for a disallowed algorithm', () => {
    const weak = freshKeyPair({ type: 'rsa', modulusLength: 1024 }).privateKey.export({ format: 'jwk' });
    expect(() => signingKeyFromJwk(weak)).toThrow(expect.objectContaining({ code: 'key_too_weak' }));
    const { privateJwk } = generateSigningKey('ES256');
    expect(() => signingKeyFromJwk({ ...privateJwk, alg: 'ES384' })).toThrow(
      expect.objectContaining({ code: 'invalid_key' }),
    );
    expect(() => signingKeyFromJwk({ ...privateJwk, d: undefined })).toThrow(
      expect.objectContaining({ code: 'invalid_key' }),
    );
  });
});

describe('key ring rotation (ALG-5)', () => {
  const oldKey = generateSigningKey('PS256', 'old').signingKey;
  const newKey = generateSigningKey('ES256', 'new').signingKey;
  const edKey = generateSigningKey('EdDSA', 'ed').signingKey;
  const ring = new SigningKeyRing([
    { key: newKey, notBefore: NOW_MS + HOUR },
    { key: oldKey, notAfter: NOW_MS + 3 * HOUR },
  ]);

  it('[ALG-5] publishes the next key before it signs, and signs with the old key until then', () => {
    expect(ring.signingKey(frozenClock()).kid).toBe('old');
    expect(ring.jwks(frozenClock()).keys.map((key) => key.kid)).toEqual(['new', 'old']);
  });

  it('[ALG-5] switches to the newest key at its notBefore while the old one still verifies', async () => {
    const later = frozenClock(NOW_MS + 2 * HOUR);
    expect(ring.signingKey(later).kid).toBe('new');
    const signedEarlier = await signJwt(ring.signingKey(frozenClock()), {
      sub: 'psu',
      exp: (NOW_MS + 2.5 * HOUR) / 1000,
    });
    await expect(
      verifyJwt(signedEarlier, {
        keys: ring.verificationKeys(later),
        algorithms: ['PS256', 'ES256'],
        clock: later,
      }),
    ).resolves.toBeDefined();
  });

  it('[ALG-5] drops the old key from the JWKS after notAfter', async () => {
    const muchLater = frozenClock(NOW_MS + 4 * HOUR);
    expect(ring.jwks(muchLater).keys.map((key) => key.kid)).toEqual(['new']);
    const signedByOld = await signJwt(oldKey, { sub: 'psu' });
    await expect(
      verifyJwt(signedByOld, {
        keys: ring.verificationKeys(muchLater),
        algorithms: ['PS256'],
        clock: muchLater,
      }),
    ).rejects.toMatchObject({ code: 'no_matching_key' });
  });

  it('[TOK-4] picks the newest key among the algorithms asked for', () => {
    const mixed = new SigningKeyRing([edKey, newKey, oldKey]);
    expect(mixed.signingKey(frozenClock()).kid).toBe('ed');
    expect(mixed.signingKey(frozenClock(), ['PS256', 'ES256']).kid).toBe('new');
    expect(() => mixed.signingKey(frozenClock(), [])).toThrow(
      expect.objectContaining({ code: 'no_signing_key' }),
    );
  });

  it('[META-2] the published JWKS never contains private members', () => {
    hasNoPrivateMembers(ring.jwks(frozenClock()));
    hasNoPrivateMembers(JSON.parse(JSON.stringify(ring.jwks(frozenClock()))));
  });
});

describe('loading signing keys from files and env (ALG-5)', () => {
  const a = generateSigningKey('PS256', 'a').privateJwk;
  const b = generateSigningKey('ES256', 'b').privateJwk;

  it('[ALG-5] reads a JWKS of private keys with rotation times from a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'grantline-keys-'));
    const file = join(dir, 'signing-keys.json');
    writeFileSync(
      file,
      JSON.stringify({
        keys: [
          { ...b, notBefore: '2025-06-01T13:00:00Z' },
          { ...a, notAfter: NOW_MS / 1000 + 7200 },
        ],
      }),
    );
    const ring = loadSigningKeyRingFile(file);
    expect(ring.signingKey(frozenClock()).kid).toBe('a');
    expect(ring.signingKey(frozenClock(NOW_MS + 1.5 * HOUR)).kid).toBe('b');
    const published = ring.jwks(frozenClock());
    expect(published.keys.map((key) => key.kid)).toEqual(['b', 'a']);
    hasNoPrivateMembers(published);
    expect(published.keys[0]).not.toHaveProperty('notBefore');
  });

  it('[ALG-5] reads a single private JWK from an env variable', () => {
    const ring = signingKeyRingFromEnv('GRANTLINE_SIGNING_KEYS', {
      GRANTLINE_SIGNING_KEYS: JSON.stringify(a),
    });
    expect(ring.signingKey(frozenClock()).kid).toBe('a');
  });

  it.each([
    ['unset', undefined, 'is not set'],
    ['not JSON', '{', 'not JSON'],
    ['a public key', JSON.stringify({ kty: 'EC', crv: 'P-256', x: b.x, y: b.y }), 'key #1'],
    ['duplicate kids', JSON.stringify({ keys: [a, a] }), 'duplicate'],
    ['an HS256 key', JSON.stringify({ kty: 'oct', k: 'c2VjcmV0', alg: 'HS256' }), 'key #1'],
  ])('refuses %s with one clear line naming the variable and no key material', (_name, value, message) => {
    let caught: unknown;
    try {
      signingKeyRingFromEnv('GRANTLINE_SIGNING_KEYS', { GRANTLINE_SIGNING_KEYS: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'invalid_key_configuration' });
    const text = (caught as Error).message;
    expect(text).toContain('GRANTLINE_SIGNING_KEYS');
    expect(text).toContain(message);
    expect(text).not.toContain(a.d);
    expect(text).not.toContain(b.d);
  });

  it('refuses an unreadable file', () => {
    expect(() => loadSigningKeyRingFile('/nonexistent/keys.json')).toThrow(
      expect.objectContaining({ code: 'invalid_key_configuration' }),
    );
    expect(() => signingKeyRingFromJson('[]', 'x')).toThrow(
      expect.objectContaining({ code: 'invalid_key_configuration' }),
    );
  });
});
