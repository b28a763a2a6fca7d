import { keySetFromJwks, keySetOf } from '../keys/verification-keys';
import { importPublicKey } from '../keys/public-key';
import { NOW, forgeJws, frozenClock, rawKeys, rawSign, rejectsWith, signingKey } from '../test/fixtures';
import { signJwt } from './sign-jws';
import { verifyJws } from './verify-jws';
import { verifyJwt } from './verify-jwt';
import { readUnverifiedJwt } from './unverified';

const ALL = ['PS256', 'ES256', 'EdDSA'];
const rsa = rawKeys.rsa2048();
const ec = rawKeys.p256();
const ed = rawKeys.ed25519();
const rsaWeak = rawKeys.rsa1024();
const p384 = rawKeys.p384();
const ed448 = rawKeys.ed448();
const claims = {
  iss: 'https://as.example',
  sub: 'psu-1',
  aud: 'https://rs.example',
  exp: NOW + 60,
  iat: NOW,
};

const keysOf = (...jwks: object[]) =>
  keySetFromJwks({ keys: jwks.map((jwk, i) => ({ ...jwk, kid: `k${i}` })) });

describe('verifyJws: algorithm allow-list (ALG-1)', () => {
  it.each([
    ['PS256', rsa, rawSign.ps256(rsa.privateKey)],
    ['ES256', ec, rawSign.es256(ec.privateKey)],
    ['EdDSA', ed, rawSign.eddsa(ed.privateKey)],
  ] as const)('[ALG-1] accepts %s with a fitting key', async (alg, pair, signer) => {
    const token = forgeJws({ alg, kid: 'k0' }, claims, signer);
    const { header, payload, key } = await verifyJws(token, {
      keys: keysOf(pair.publicJwk),
      algorithms: ALL,
    });
    expect(header.alg).toBe(alg);
    expect(JSON.parse(payload.toString())).toEqual(claims);
    expect(key.kid).toBe('k0');
  });

  it('[ALG-1] rejects alg none', async () => {
    const token = forgeJws({ alg: 'none', kid: 'k0' }, claims, rawSign.none());
    await rejectsWith(verifyJws(token, { keys: keysOf(rsa.publicJwk), algorithms: ALL }), 'alg_not_allowed');
  });

  it('[ALG-1] rejects an unsigned token with alg none and no signature segment', async () => {
    const token = forgeJws({ alg: 'none' }, claims, rawSign.none()).replace(/\.$/, '');
    await rejectsWith(verifyJws(token, { keys: keysOf(rsa.publicJwk), algorithms: ALL }), 'malformed_jws');
  });

  it('[ALG-1] rejects HS256 using the public key as the HMAC secret', async () => {
    const pem = rsa.publicKey.export({ format: 'pem', type: 'spki' });
    for (const secret of [pem, Buffer.from(JSON.stringify(rsa.publicJwk))]) {
      const token = forgeJws({ alg: 'HS256', kid: 'k0' }, claims, rawSign.hs256(secret));
      await rejectsWith(
        verifyJws(token, { keys: keysOf(rsa.publicJwk), algorithms: ALL }),
        'alg_not_allowed',
      );
    }
  });

  it('[ALG-1] rejects RS256 even with a good RSA key', async () => {
    const token = forgeJws({ alg: 'RS256', kid: 'k0' }, claims, rawSign.rs256(rsa.privateKey));
    await rejectsWith(verifyJws(token, { keys: keysOf(rsa.publicJwk), algorithms: ALL }), 'alg_not_allowed');
  });

  it.each(['HS384', 'HS512', 'RS384', 'RS512', 'ES384', 'ES512', 'PS384', 'Ed25519', 'ES256K', 'NONE', ''])(
    '[ALG-1] rejects alg %p',
    async (alg) => {
      const token = forgeJws({ alg, kid: 'k0' }, claims, rawSign.ps256(rsa.privateKey));
      await rejectsWith(
        verifyJws(token, { keys: keysOf(rsa.publicJwk), algorithms: ALL }),
        alg === '' ? 'malformed_jws' : 'alg_not_allowed',
      );
    },
  );

  it('[ALG-1] enforces the caller allow-list within ALG-1 (BR: PS256 only)', async () => {
    const token = forgeJws({ alg: 'ES256', kid: 'k0' }, claims, rawSign.es256(ec.privateKey));
    await rejectsWith(
      verifyJws(token, { keys: keysOf(ec.publicJwk), algorithms: ['PS256'] }),
      'alg_not_allowed',
    );
  });

  it('[ALG-1] refuses an allow-list that names an algorithm outside ALG-1', async () => {
    const token = forgeJws({ alg: 'HS256', kid: 'k0' }, claims, rawSign.hs256('secret'));
    await rejectsWith(
      verifyJws(token, { keys: keysOf(rsa.publicJwk), algorithms: ['HS256'] }),
      'invalid_options',
    );
    await rejectsWith(verifyJws(token, { keys: keysOf(rsa.publicJwk), algorithms: [] }), 'invalid_options');
  });
});

describe('verifyJws: key floors and key/algorithm fit (ALG-2)', () => {
  it('[ALG-2] rejects an RSA-1024 key', async () => {
    const token = forgeJws({ alg: 'PS256', kid: 'k0' }, claims, rawSign.ps256(rsaWeak.privateKey));
    await rejectsWith(verifyJws(token, { keys: keysOf(rsaWeak.publicJwk), algorithms: ALL }), 'key_too_weak');
  });

  it('[ALG-2] rejects a P-384 key declared as ES256', async () => {
    const token = forgeJws({ alg: 'ES256', kid: 'k0' }, claims, rawSign.es256(p384.privateKey));
    await rejectsWith(
      verifyJws(token, { keys: keysOf(p384.publicJwk), algorithms: ALL }),
      'key_alg_mismatch',
    );
  });

  it('[ALG-2] rejects an Ed448 key declared as EdDSA', async () => {
    const token = forgeJws({ alg: 'EdDSA', kid: 'k0' }, claims, rawSign.eddsa(ed448.privateKey));
    await rejectsWith(
      verifyJws(token, { keys: keysOf(ed448.publicJwk), algorithms: ALL }),
      'key_alg_mismatch',
    );
  });

  it('[ALG-2] rejects an RSA key used for ES256 and an EC key used for PS256', async () => {
    const es = forgeJws({ alg: 'ES256', kid: 'k0' }, claims, rawSign.es256(ec.privateKey));
    await rejectsWith(verifyJws(es, { keys: keysOf(rsa.publicJwk), algorithms: ALL }), 'key_alg_mismatch');
    const ps = forgeJws({ alg: 'PS256', kid: 'k0' }, claims, rawSign.ps256(rsa.privateKey));
    await rejectsWith(verifyJws(ps, { keys: keysOf(ec.publicJwk), algorithms: ALL }), 'key_alg_mismatch');
  });

  it('[ALG-2] honours the JWK "alg" and "use" members', async () => {
    const token = forgeJws({ alg: 'PS256', kid: 'k0' }, claims, rawSign.ps256(rsa.privateKey));
    const forRs256 = keySetFromJwks({ keys: [{ ...rsa.publicJwk, kid: 'k0', alg: 'RS256' }] });
    await rejectsWith(verifyJws(token, { keys: forRs256, algorithms: ALL }), 'key_alg_mismatch');
    const forEnc = keySetFromJwks({ keys: [{ ...rsa.publicJwk, kid: 'k0', use: 'enc' }] });
    await rejectsWith(verifyJws(token, { keys: forEnc, algorithms: ALL }), 'no_matching_key');
  });

  it('[ALG-1] never accepts a symmetric JWK', () => {
    expect(() => importPublicKey({ kty: 'oct', k: 'c2VjcmV0' })).toThrow(
      expect.objectContaining({ code: 'invalid_key' }),
    );
  });
});

describe('verifyJws: signatures and structure', () => {
  const token = forgeJws({ alg: 'ES256', kid: 'k0' }, claims, rawSign.es256(ec.privateKey));
  const keys = keysOf(ec.publicJwk);

  it('[ALG-1] rejects a tampered payload', async () => {
    const [h, , s] = token.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: 'psu-2' })).toString('base64url')}.${s}`;
    await rejectsWith(verifyJws(tampered, { keys, algorithms: ALL }), 'invalid_signature');
  });

  it('[ALG-1] rejects a DER-encoded ES256 signature', async () => {
    const der = forgeJws({ alg: 'ES256', kid: 'k0' }, claims, rawSign.es256Der(ec.privateKey));
    await rejectsWith(verifyJws(der, { keys, algorithms: ALL }), 'invalid_signature');
  });

  it('[ALG-1] rejects a signature by another key with the same kid', async () => {
    const other = rawKeys.p256();
    const forged = forgeJws({ alg: 'ES256', kid: 'k0' }, claims, rawSign.es256(other.privateKey));
    await rejectsWith(verifyJws(forged, { keys, algorithms: ALL }), 'invalid_signature');
  });

  it('reports an unknown kid as no_matching_key (so a JWKS refresh can follow)', async () => {
    const forged = forgeJws({ alg: 'ES256', kid: 'other' }, claims, rawSign.es256(ec.privateKey));
    await rejectsWith(verifyJws(forged, { keys, algorithms: ALL }), 'no_matching_key');
  });

  it('without a kid tries every key of a fitting type', async () => {
    const other = rawKeys.p256();
    const forged = forgeJws({ alg: 'ES256' }, claims, rawSign.es256(ec.privateKey));
    const both = keySetOf([
      importPublicKey(other.publicJwk),
      importPublicKey(ec.publicJwk),
      importPublicKey(rsa.publicJwk),
    ]);
    await expect(verifyJws(forged, { keys: both, algorithms: ALL })).resolves.toMatchObject({
      header: { alg: 'ES256' },
    });
  });

  it.each([
    ['two parts', 'a.b'],
    ['four parts', 'a.b.c.d'],
    ['padding', `${token}=`],
    ['a header that is an array', `${Buffer.from('[]').toString('base64url')}.e30.AA`],
    ['a header that is not JSON', `${Buffer.from('{').toString('base64url')}.e30.AA`],
    ['a non-string', 42],
  ])('rejects %s as malformed', async (_name, input) => {
    await rejectsWith(verifyJws(input as string, { keys, algorithms: ALL }), 'malformed_jws');
  });

  it('shares decoded headers between tokens only as frozen objects', async () => {
    const first = await verifyJws(token, { keys, algorithms: ALL });
    const second = await verifyJws(token, { keys, algorithms: ALL });
    expect(Object.isFrozen(first.header)).toBe(true);
    expect(() => {
      (first.header as { alg: string }).alg = 'none';
    }).toThrow(TypeError);
    expect(second.header.alg).toBe('ES256');
  });

  it('rejects an unknown critical header and RFC 7797 b64', async () => {
    const crit = forgeJws(
      { alg: 'ES256', kid: 'k0', crit: ['exp'], exp: 1 },
      claims,
      rawSign.es256(ec.privateKey),
    );
    await rejectsWith(verifyJws(crit, { keys, algorithms: ALL }), 'unsupported_crit');
    const b64 = forgeJws(
      { alg: 'ES256', kid: 'k0', b64: false, crit: ['b64'] },
      claims,
      rawSign.es256(ec.privateKey),
    );
    await rejectsWith(verifyJws(b64, { keys, algorithms: ALL }), 'unsupported_crit');
  });
});

describe('verifyJwt', () => {
  const key = signingKey(ec, 'ES256', 'k0');
  const keys = keySetFromJwks({ keys: [key.publicJwk] });
  const base = { keys, algorithms: ALL, clock: frozenClock() };

  it('returns header and claims, checking typ, issuer and audience', async () => {
    const token = await signJwt(key, claims, { typ: 'at+jwt' });
    const verified = await verifyJwt(token, {
      ...base,
      typ: 'at+jwt',
      issuer: claims.iss,
      audience: claims.aud,
    });
    expect(verified.claims).toEqual(claims);
    expect(verified.header).toMatchObject({ alg: 'ES256', kid: 'k0', typ: 'at+jwt' });
  });

  it('accepts "application/"-prefixed and differently cased typ, as RFC 7515 §4.1.9 allows', async () => {
    const token = await signJwt(key, claims, { typ: 'application/AT+JWT' });
    await expect(verifyJwt(token, { ...base, typ: 'at+jwt' })).resolves.toBeDefined();
  });

  it.each([
    ['a wrong typ', { typ: 'JWT' }, {}, 'invalid_typ'],
    ['an expired token', {}, { exp: NOW }, 'token_expired'],
    ['a token not yet valid', {}, { nbf: NOW + 1 }, 'not_yet_valid'],
    ['a wrong issuer', {}, { iss: 'https://evil.example' }, 'issuer_mismatch'],
    ['a wrong audience', {}, { aud: ['https://other.example'] }, 'audience_mismatch'],
    ['a missing audience', {}, { aud: undefined }, 'missing_claim'],
    ['a string exp', {}, { exp: String(NOW + 60) }, 'invalid_claim'],
  ])('rejects %s', async (_name, header, overrides, code) => {
    const token = await signJwt(key, { ...claims, ...overrides }, { typ: 'at+jwt', ...header });
    await rejectsWith(
      verifyJwt(token, { ...base, typ: 'at+jwt', issuer: claims.iss, audience: claims.aud }),
      code,
    );
  });

  it('applies the clock tolerance to exp and nbf', async () => {
    const token = await signJwt(key, { ...claims, exp: NOW - 5, nbf: NOW + 5 });
    await expect(verifyJwt(token, { ...base, clockToleranceSeconds: 10 })).resolves.toBeDefined();
  });

  it('requires the claims the caller names', async () => {
    const token = await signJwt(key, { iss: 'x' });
    await rejectsWith(verifyJwt(token, { ...base, requiredClaims: ['jti'] }), 'missing_claim');
  });
});

describe('readUnverifiedJwt', () => {
  it('[CLI-3] reads iss before verification, and refuses what is not a JWT', () => {
    const token = forgeJws({ alg: 'ES256', kid: 'k0' }, claims, rawSign.es256(ec.privateKey));
    expect(readUnverifiedJwt(token)).toMatchObject({ header: { kid: 'k0' }, claims: { iss: claims.iss } });
    expect(() => readUnverifiedJwt('a.b')).toThrow(expect.objectContaining({ code: 'malformed_jws' }));
    expect(() => readUnverifiedJwt(forgeJws({ alg: 'ES256' }, '[1]', rawSign.none()))).toThrow(
      expect.objectContaining({ code: 'malformed_jws' }),
    );
  });
});
