import { keySetFromJwks } from '../keys/verification-keys';
import { NOW, forgeJws, frozenClock, rawKeys, rawSign, rejectsWith, signingKey } from '../test/fixtures';
import {
  OB_IAT,
  OB_ISS,
  OB_TAN,
  type VerifyDetachedOptions,
  signDetachedJws,
  verifyDetachedJws,
} from './x-jws-signature';

const rsa = rawKeys.rsa2048();
const key = signingKey(rsa, 'PS256', 'ob-kid');
const clock = frozenClock();
const BODY = JSON.stringify({
  Data: { Initiation: { InstructedAmount: { Amount: '10.00', Currency: 'GBP' } } },
  Risk: {},
});
const TPP = '0015800001041REAAY/tpp-1';
const options = (extra: Partial<VerifyDetachedOptions> = {}): VerifyDetachedOptions => ({
  keys: keySetFromJwks({ keys: [key.publicJwk] }),
  algorithms: ['PS256'],
  clock,
  issuer: TPP,
  ...extra,
});

/** A detached signature with any header, signed with the fixture RSA key. */
const forge = (header: Record<string, unknown>, body = BODY, sign = rawSign.ps256(rsa.privateKey)) => {
  const [h, , s] = forgeJws(header, body, sign).split('.');
  return `${h}..${s}`;
};
const obHeader = {
  alg: 'PS256',
  kid: 'ob-kid',
  [OB_IAT]: NOW,
  [OB_ISS]: TPP,
  [OB_TAN]: 'openbanking.org.uk',
  crit: [OB_IAT, OB_ISS, OB_TAN],
};

describe('x-jws-signature (CON-5, OB v3.1.4+ detached JWS)', () => {
  it('[CON-5] signs and verifies a detached signature over the body as sent', async () => {
    const signature = await signDetachedJws(key, BODY, { issuer: TPP, clock });
    expect(signature).toMatch(/^[\w-]+\.\.[\w-]+$/);
    const { header } = await verifyDetachedJws(signature, BODY, options());
    expect(header).toMatchObject({
      alg: 'PS256',
      kid: 'ob-kid',
      [OB_ISS]: TPP,
      crit: [OB_IAT, OB_ISS, OB_TAN],
    });
    expect(header).not.toHaveProperty('b64');
  });

  it('[CON-5] rejects a changed body', async () => {
    const signature = await signDetachedJws(key, BODY, { issuer: TPP, clock });
    await rejectsWith(
      verifyDetachedJws(signature, BODY.replace('10.00', '99.00'), options()),
      'invalid_signature',
    );
  });

  it('[CON-5] [ALG-1] rejects RS256, none and anything but the profile algorithms', async () => {
    await rejectsWith(
      verifyDetachedJws(
        forge({ ...obHeader, alg: 'RS256' }, BODY, rawSign.rs256(rsa.privateKey)),
        BODY,
        options(),
      ),
      'alg_not_allowed',
    );
    await rejectsWith(
      verifyDetachedJws(forge({ ...obHeader, alg: 'none' }, BODY, rawSign.none()), BODY, options()),
      'alg_not_allowed',
    );
  });

  it('[CON-5] rejects the pre-3.1.4 b64=false form', async () => {
    const header = { ...obHeader, b64: false, crit: [...obHeader.crit, 'b64'] };
    await rejectsWith(verifyDetachedJws(forge(header), BODY, options()), 'unsupported_crit');
  });

  it('[CON-5] rejects a crit missing an OB claim or naming something else', async () => {
    await rejectsWith(
      verifyDetachedJws(forge({ ...obHeader, crit: [OB_IAT, OB_ISS] }), BODY, options()),
      'unsupported_crit',
    );
    await rejectsWith(
      verifyDetachedJws(forge({ ...obHeader, crit: [...obHeader.crit, 'x'], x: 1 }), BODY, options()),
      'unsupported_crit',
    );
    await rejectsWith(
      verifyDetachedJws(forge({ ...obHeader, crit: undefined }), BODY, options()),
      'unsupported_crit',
    );
  });

  it('[CON-5] rejects missing or wrong OB claims', async () => {
    await rejectsWith(
      verifyDetachedJws(forge({ ...obHeader, [OB_IAT]: String(NOW) }), BODY, options()),
      'invalid_claim',
    );
    await rejectsWith(
      verifyDetachedJws(forge({ ...obHeader, [OB_TAN]: 'evil.example' }), BODY, options()),
      'invalid_claim',
    );
    await rejectsWith(
      verifyDetachedJws(forge({ ...obHeader, [OB_ISS]: 'someone-else' }), BODY, options()),
      'issuer_mismatch',
    );
    await rejectsWith(
      verifyDetachedJws(forge({ ...obHeader, [OB_IAT]: NOW + 3600 }), BODY, options()),
      'not_yet_valid',
    );
    await rejectsWith(
      verifyDetachedJws(forge({ ...obHeader, [OB_IAT]: NOW - 3600 }), BODY, options({ maxAgeSeconds: 300 })),
      'token_expired',
    );
  });

  it('[CON-5] rejects a missing kid, a wrong typ and an attached payload', async () => {
    await rejectsWith(
      verifyDetachedJws(forge({ ...obHeader, kid: undefined }), BODY, options()),
      'malformed_jws',
    );
    await rejectsWith(
      verifyDetachedJws(forge({ ...obHeader, typ: 'JWT' }), BODY, options()),
      'malformed_jws',
    );
    const attached = forgeJws(obHeader, BODY, rawSign.ps256(rsa.privateKey));
    await rejectsWith(verifyDetachedJws(attached, BODY, options()), 'malformed_jws');
  });
});
