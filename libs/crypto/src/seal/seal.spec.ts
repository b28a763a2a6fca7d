import { randomBytes } from 'node:crypto';
import { NOW_MS, frozenClock } from '../test/fixtures';
import { open, seal } from './seal';
import { SealingKeyRing, sealingKeyRingFromConfig } from './sealing-keys';

const secret = () => randomBytes(32).toString('base64url');
const ring = new SealingKeyRing([{ kid: 'k2', secret: secret() }]);
const clock = frozenClock();
const code = {
  client_id: 'tpp-1',
  redirect_uri: 'https://tpp.example/cb',
  code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  dpop_jkt: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs',
  subject: 'psu-1',
  grant_id: 'g-1',
  authorization_details: [{ type: 'account_access', consent_id: 'c-1' }],
};

const expectCode = (fn: () => unknown, code: string) => expect(fn).toThrow(expect.objectContaining({ code }));

describe('sealed authorization codes', () => {
  it('[CODE-3] round-trips the bound values', () => {
    const sealed = seal(code, { keys: ring, clock, ttlSeconds: 30 });
    expect(open(sealed, { keys: ring, clock })).toEqual({
      payload: code,
      kid: 'k2',
      expiresAt: NOW_MS + 30_000,
    });
  });

  it('is opaque: nothing of the payload is readable', () => {
    const sealed = seal(code, { keys: ring, clock, ttlSeconds: 30 });
    expect(sealed).not.toContain('tpp-1');
    expect(Buffer.from(sealed.split('.')[3], 'base64url').toString()).not.toContain('psu-1');
  });

  it('[CODE-1] rejects an expired sealed code', () => {
    const sealed = seal(code, { keys: ring, clock, ttlSeconds: 30 });
    expect(open(sealed, { keys: ring, clock: frozenClock(NOW_MS + 29_999) }).payload).toEqual(code);
    expectCode(() => open(sealed, { keys: ring, clock: frozenClock(NOW_MS + 30_000) }), 'seal_expired');
  });

  it('[CODE-1] refuses a lifetime above 60 s', () => {
    expectCode(() => seal(code, { keys: ring, clock, ttlSeconds: 61 }), 'invalid_options');
    expectCode(() => seal(code, { keys: ring, clock, ttlSeconds: 0 }), 'invalid_options');
  });

  it.each([0, 2, 3, 4])('[CODE-3] rejects a code tampered in part %i', (part) => {
    const sealed = seal(code, { keys: ring, clock, ttlSeconds: 30 }).split('.');
    const bytes = Buffer.from(sealed[part], 'base64url');
    bytes[bytes.length >> 1] ^= 1;
    sealed[part] = bytes.toString('base64url');
    expectCode(() => open(sealed.join('.'), { keys: ring, clock }), 'seal_broken');
  });

  it('[CODE-3] rejects a truncated code, garbage, and a code sealed under another key with the same kid', () => {
    const sealed = seal(code, { keys: ring, clock, ttlSeconds: 30 });
    expectCode(() => open(sealed.slice(0, -4), { keys: ring, clock }), 'seal_broken');
    expectCode(() => open('garbage', { keys: ring, clock }), 'seal_broken');
    const impostor = new SealingKeyRing([{ kid: 'k2', secret: secret() }]);
    expectCode(
      () => open(seal(code, { keys: impostor, clock, ttlSeconds: 30 }), { keys: ring, clock }),
      'seal_broken',
    );
  });

  it('[ALG-6] encrypts with A256GCM under a 256-bit key, and opens nothing that names another algorithm', () => {
    const sealed = seal(code, { keys: ring, clock, ttlSeconds: 30 });
    const [header, ...rest] = sealed.split('.');
    const protectedHeader = JSON.parse(Buffer.from(header, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(protectedHeader).toMatchObject({ alg: 'dir', enc: 'A256GCM' });
    for (const downgrade of [
      { enc: 'A128CBC-HS256' },
      { enc: 'none' },
      { alg: 'RSA1_5' },
      { alg: 'none' },
      { enc: undefined },
    ]) {
      const forged = Buffer.from(JSON.stringify({ ...protectedHeader, ...downgrade })).toString('base64url');
      expectCode(() => open([forged, ...rest].join('.'), { keys: ring, clock }), 'seal_broken');
    }
    expect(
      () => new SealingKeyRing([{ kid: 'k-short', secret: randomBytes(16).toString('base64url') }]),
    ).toThrow();
  });

  it('rejects a value sealed for another purpose', () => {
    const sealed = seal(code, { keys: ring, clock, ttlSeconds: 30, purpose: 'request_uri' });
    expectCode(() => open(sealed, { keys: ring, clock }), 'seal_broken');
    expect(open(sealed, { keys: ring, clock, purpose: 'request_uri' }).payload).toEqual(code);
  });

  it('rotation: the newest key seals, older keys still open, a retired kid is a clear error', () => {
    const old = new SealingKeyRing([{ kid: 'k1', secret: secret() }]);
    const oldSecret = secret();
    const before = new SealingKeyRing([{ kid: 'k1', secret: oldSecret }]);
    const during = new SealingKeyRing([
      { kid: 'k2', secret: secret() },
      { kid: 'k1', secret: oldSecret },
    ]);
    const sealedBefore = seal(code, { keys: before, clock, ttlSeconds: 30 });
    expect(open(sealedBefore, { keys: during, clock }).kid).toBe('k1');
    expect(open(seal(code, { keys: during, clock, ttlSeconds: 30 }), { keys: during, clock }).kid).toBe('k2');
    const after = new SealingKeyRing([{ kid: 'k2', secret: secret() }]);
    expectCode(() => open(sealedBefore, { keys: after, clock }), 'unknown_sealing_key');
    expect(old.kids).toEqual(['k1']);
  });

  it('reads keys from config and refuses weak or malformed ones without echoing them', () => {
    const value = `k2:${secret()},k1:${secret()}`;
    expect(sealingKeyRingFromConfig(value).currentKid).toBe('k2');
    const short = Buffer.alloc(16).toString('base64url');
    for (const bad of [`k1:${short}`, 'k1', `k1:${secret()},k1:${secret()}`, '', undefined]) {
      expect(() => sealingKeyRingFromConfig(bad, 'GRANTLINE_CODE_SEALING_KEYS')).toThrow(
        expect.objectContaining({
          code: 'invalid_key_configuration',
          message: expect.stringContaining('GRANTLINE_CODE_SEALING_KEYS'),
        }),
      );
    }
    try {
      sealingKeyRingFromConfig(`k1:${short}`);
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(short);
    }
  });
});
