// The node:crypto fast path (jws/signature.ts behind verifyJws, verifyJwt and DPoP's embedded key)
// must agree with jose, the reference JOSE implementation, on every hostile input of this suite and
// on generated ones. Where we are deliberately stricter (non-canonical base64url, RFC 7797 `b64`),
// the case says so and proves jose would have accepted it.
import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { CryptoError } from '../errors/errors';
import { importPublicKey, assertKeyFitsAlgorithm } from '../keys/public-key';
import type { PublicJwk } from '../keys/jwk';
import type { VerificationKeys } from '../keys/verification-keys';
import { generateSigningKey } from '../keys/signing-key';
import { jwkThumbprint } from '../thumbprint/jwk-thumbprint';
import {
  NOW,
  NOW_MS,
  type RawKeyPair,
  type RawSignature,
  frozenClock,
  rawKeys,
  rawSign,
} from '../test/fixtures';
import { JoseOracle } from '../test/jose-oracle';
import { parseCompactJws } from './compact';
import { signJws } from './sign-jws';
import { verifyJws, verifyWithCandidates } from './verify-jws';
import { verifyJwt } from './verify-jwt';
import { isJwsAlgorithm } from '../keys/algorithms';

const ALLOWED = ['PS256', 'ES256', 'EdDSA'];
const pool: Record<string, RawKeyPair> = {
  rsa2048: rawKeys.rsa2048(),
  rsa2048b: rawKeys.rsa2048(),
  rsa1024: rawKeys.rsa1024(),
  p256: rawKeys.p256(),
  p256b: rawKeys.p256(),
  p384: rawKeys.p384(),
  ed25519: rawKeys.ed25519(),
  ed448: rawKeys.ed448(),
};
const POOL = Object.keys(pool);

let oracle: JoseOracle;
beforeAll(() => {
  oracle = JoseOracle.start();
});
afterAll(() => oracle.stop());

type Verdict = { ok: true; payload: string } | { ok: false; error: string };

/** A resolver that offers exactly this key whatever the header says: only the fast path decides. */
const only = (jwk: unknown): VerificationKeys => {
  const key = importPublicKey(jwk);
  return { forHeader: async () => [key] };
};

async function ours(run: () => Promise<{ payload: Buffer }>): Promise<Verdict> {
  try {
    return { ok: true, payload: (await run()).payload.toString('base64url') };
  } catch (error) {
    if (error instanceof CryptoError) return { ok: false, error: error.code };
    throw error;
  }
}

const oursJws = (token: string, jwk: unknown, algorithms = ALLOWED) =>
  ours(() => verifyJws(token, { keys: only(jwk), algorithms }));

/** DPoP's path: the key is the header's own `jwk`. */
const oursEmbedded = (token: string, algorithms = ALLOWED) =>
  ours(async () => {
    const jws = parseCompactJws(token);
    if (!isJwsAlgorithm(jws.header.alg) || !algorithms.includes(jws.header.alg))
      throw new TestRejection('alg outside the allow-list');
    verifyWithCandidates(jws, jws.header.alg, [importPublicKey(jws.header.jwk)]);
    return jws;
  });

class TestRejection extends CryptoError {
  readonly code = 'alg_not_allowed';
}

async function joseJws(token: string, jwk: unknown, algorithms = ALLOWED): Promise<Verdict> {
  const reply = await oracle.ask({ op: 'compactVerify', token, jwk, options: { algorithms } });
  return reply.ok
    ? { ok: true, payload: reply.payload as string }
    : { ok: false, error: reply.error as string };
}

async function joseEmbedded(token: string, algorithms = ALLOWED): Promise<Verdict> {
  const reply = await oracle.ask({ op: 'compactVerify', token, embedded: true, options: { algorithms } });
  return reply.ok
    ? { ok: true, payload: reply.payload as string }
    : { ok: false, error: reply.error as string };
}

const b64u = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64url');

function forge(header: Record<string, unknown>, payload: Buffer | string, sign: RawSignature): string {
  const input = `${b64u(JSON.stringify(header))}.${b64u(payload)}`;
  return `${input}.${b64u(sign(Buffer.from(input, 'ascii')))}`;
}

const honestSigner = (alg: string, pair: RawKeyPair): RawSignature =>
  alg === 'PS256'
    ? rawSign.ps256(pair.privateKey)
    : alg === 'ES256'
      ? rawSign.es256(pair.privateKey)
      : rawSign.eddsa(pair.privateKey);

const CLAIMS = JSON.stringify({ iss: 'https://as.example', sub: 'psu', exp: NOW + 60 });
const P256_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');

/** ECDSA malleation: (r, s) → (r, n − s), also a valid signature. */
function highS(token: string): string {
  const [h, p, s] = token.split('.');
  const sig = Buffer.from(s, 'base64url');
  const sValue = BigInt(`0x${sig.subarray(32).toString('hex')}`);
  const flipped = Buffer.from((P256_ORDER - sValue).toString(16).padStart(64, '0'), 'hex');
  return `${h}.${p}.${b64u(Buffer.concat([sig.subarray(0, 32), flipped]))}`;
}

interface HostileCase {
  readonly name: string;
  readonly token: string;
  readonly jwk: unknown;
  /** "stricter": we reject on purpose where jose accepts. */
  readonly expectation?: 'agree' | 'stricter';
}

const { rsa2048, rsa1024, p256, p256b, p384, ed25519, ed448 } = pool;
const good = forge({ alg: 'ES256' }, CLAIMS, rawSign.es256(p256.privateKey));
const goodPs = forge({ alg: 'PS256' }, CLAIMS, rawSign.ps256(rsa2048.privateKey));
const [gh, gp, gs] = good.split('.');

const hostileSuite: HostileCase[] = [
  { name: 'good ES256', token: good, jwk: p256.publicJwk },
  { name: 'good PS256', token: goodPs, jwk: rsa2048.publicJwk },
  {
    name: 'good EdDSA',
    token: forge({ alg: 'EdDSA' }, CLAIMS, rawSign.eddsa(ed25519.privateKey)),
    jwk: ed25519.publicJwk,
  },
  {
    name: 'alg none, empty signature',
    token: forge({ alg: 'none' }, CLAIMS, rawSign.none()),
    jwk: p256.publicJwk,
  },
  {
    name: 'alg none, two parts',
    token: forge({ alg: 'none' }, CLAIMS, rawSign.none()).slice(0, -1),
    jwk: p256.publicJwk,
  },
  {
    name: 'HS256 with the public key PEM as secret',
    token: forge(
      { alg: 'HS256' },
      CLAIMS,
      rawSign.hs256(rsa2048.publicKey.export({ format: 'pem', type: 'spki' })),
    ),
    jwk: rsa2048.publicJwk,
  },
  {
    name: 'HS256 with the public JWK as secret',
    token: forge({ alg: 'HS256' }, CLAIMS, (input) =>
      createHmac('sha256', JSON.stringify(p256.publicJwk)).update(input).digest(),
    ),
    jwk: p256.publicJwk,
  },
  {
    name: 'RS256',
    token: forge({ alg: 'RS256' }, CLAIMS, rawSign.rs256(rsa2048.privateKey)),
    jwk: rsa2048.publicJwk,
  },
  {
    name: 'PS256 with RSA-1024',
    token: forge({ alg: 'PS256' }, CLAIMS, rawSign.ps256(rsa1024.privateKey)),
    jwk: rsa1024.publicJwk,
  },
  {
    name: 'ES256 with a P-384 key',
    token: forge({ alg: 'ES256' }, CLAIMS, rawSign.es256(p384.privateKey)),
    jwk: p384.publicJwk,
  },
  {
    name: 'EdDSA with an Ed448 key',
    token: forge({ alg: 'EdDSA' }, CLAIMS, rawSign.eddsa(ed448.privateKey)),
    jwk: ed448.publicJwk,
  },
  { name: 'ES256 with an RSA key', token: good, jwk: rsa2048.publicJwk },
  { name: 'PS256 with an EC key', token: goodPs, jwk: p256.publicJwk },
  {
    name: 'ES256 DER signature',
    token: forge({ alg: 'ES256' }, CLAIMS, rawSign.es256Der(p256.privateKey)),
    jwk: p256.publicJwk,
  },
  { name: 'ES256 high-S signature (malleated)', token: highS(good), jwk: p256.publicJwk },
  { name: 'ES256 by another key', token: good, jwk: p256b.publicJwk },
  {
    name: 'ES256 63-byte signature',
    token: `${gh}.${gp}.${b64u(Buffer.from(gs, 'base64url').subarray(1))}`,
    jwk: p256.publicJwk,
  },
  {
    name: 'ES256 65-byte signature',
    token: `${gh}.${gp}.${b64u(Buffer.concat([Buffer.alloc(1), Buffer.from(gs, 'base64url')]))}`,
    jwk: p256.publicJwk,
  },
  {
    name: 'PS256 signature one byte short',
    token: `${goodPs.split('.').slice(0, 2).join('.')}.${b64u(Buffer.from(goodPs.split('.')[2], 'base64url').subarray(1))}`,
    jwk: rsa2048.publicJwk,
  },
  {
    name: 'tampered payload',
    token: `${gh}.${b64u(CLAIMS.replace('psu', 'psv'))}.${gs}`,
    jwk: p256.publicJwk,
  },
  {
    name: 'tampered header',
    token: `${b64u(JSON.stringify({ alg: 'ES256', kid: 'x' }))}.${gp}.${gs}`,
    jwk: p256.publicJwk,
  },
  { name: 'header not JSON', token: `${b64u('{"alg":')}.${gp}.${gs}`, jwk: p256.publicJwk },
  { name: 'header an array', token: `${b64u('["ES256"]')}.${gp}.${gs}`, jwk: p256.publicJwk },
  {
    name: 'header not UTF-8',
    token: `${b64u(Buffer.from([0x7b, 0xff, 0x7d]))}.${gp}.${gs}`,
    jwk: p256.publicJwk,
  },
  {
    name: 'alg missing',
    token: forge({ typ: 'JWT' }, CLAIMS, rawSign.es256(p256.privateKey)),
    jwk: p256.publicJwk,
  },
  {
    name: 'alg not a string',
    token: forge({ alg: ['ES256'] }, CLAIMS, rawSign.es256(p256.privateKey)),
    jwk: p256.publicJwk,
  },
  {
    name: 'unknown crit',
    token: forge({ alg: 'ES256', crit: ['x'], x: 1 }, CLAIMS, rawSign.es256(p256.privateKey)),
    jwk: p256.publicJwk,
  },
  {
    name: 'empty crit',
    token: forge({ alg: 'ES256', crit: [] }, CLAIMS, rawSign.es256(p256.privateKey)),
    jwk: p256.publicJwk,
  },
  {
    name: 'crit naming alg',
    token: forge({ alg: 'ES256', crit: ['alg'] }, CLAIMS, rawSign.es256(p256.privateKey)),
    jwk: p256.publicJwk,
  },
  { name: 'JWK alg RS256 on a PS256 token', token: goodPs, jwk: { ...rsa2048.publicJwk, alg: 'RS256' } },
  { name: 'JWK use enc', token: good, jwk: { ...p256.publicJwk, use: 'enc' } },
  { name: 'JWK key_ops without verify', token: good, jwk: { ...p256.publicJwk, key_ops: ['sign'] } },
  { name: 'JWK key_ops with verify', token: good, jwk: { ...p256.publicJwk, key_ops: ['verify'] } },
  { name: 'private JWK as verification key', token: good, jwk: p256.privateKey.export({ format: 'jwk' }) },
  { name: 'oct JWK', token: good, jwk: { kty: 'oct', k: b64u('secret') } },
  { name: 'three parts, empty', token: '..', jwk: p256.publicJwk },
  { name: 'signature with base64 padding', token: `${good}==`, jwk: p256.publicJwk, expectation: 'stricter' },
  {
    name: 'signature with embedded whitespace',
    token: `${gh}.${gp}.${gs.slice(0, 10)} ${gs.slice(10)}`,
    jwk: p256.publicJwk,
    expectation: 'stricter',
  },
  {
    name: 'RFC 7797 b64:true in crit',
    token: forge({ alg: 'ES256', b64: true, crit: ['b64'] }, CLAIMS, rawSign.es256(p256.privateKey)),
    jwk: p256.publicJwk,
    expectation: 'stricter',
  },
  {
    name: 'b64:false without crit (ignored by jose)',
    token: forge({ alg: 'ES256', b64: false }, CLAIMS, rawSign.es256(p256.privateKey)),
    jwk: p256.publicJwk,
    expectation: 'stricter',
  },
];

/** DPoP's embedded-key path: public key only, fit for the algorithm. */
const embedded = (jwk: unknown, alg = 'ES256', pair = p256) =>
  forge({ typ: 'dpop+jwt', alg, jwk }, CLAIMS, honestSigner(alg, pair));
const p256Private = p256.privateKey.export({ format: 'jwk' }) as PublicJwk;
const rsaPrivate = rsa2048.privateKey.export({ format: 'jwk' }) as PublicJwk;
const embeddedSuite: HostileCase[] = [
  { name: 'good embedded EC key', token: embedded(p256.publicJwk), jwk: undefined },
  { name: 'good embedded RSA key', token: embedded(rsa2048.publicJwk, 'PS256', rsa2048), jwk: undefined },
  { name: 'embedded private EC key (d)', token: embedded(p256Private), jwk: undefined },
  { name: 'embedded private RSA key', token: embedded(rsaPrivate, 'PS256', rsa2048), jwk: undefined },
  { name: 'embedded key missing', token: embedded(undefined), jwk: undefined },
  { name: 'embedded oct key', token: embedded({ kty: 'oct', k: b64u('secret') }), jwk: undefined },
  {
    name: 'embedded P-384 key for ES256',
    token: forge({ alg: 'ES256', jwk: p384.publicJwk }, CLAIMS, rawSign.es256(p384.privateKey)),
    jwk: undefined,
  },
  {
    name: 'embedded RSA-1024 key',
    token: forge({ alg: 'PS256', jwk: rsa1024.publicJwk }, CLAIMS, rawSign.ps256(rsa1024.privateKey)),
    jwk: undefined,
  },
  { name: 'embedded key with use enc', token: embedded({ ...p256.publicJwk, use: 'enc' }), jwk: undefined },
  {
    name: 'embedded key of another pair',
    token: forge({ alg: 'ES256', jwk: p256b.publicJwk }, CLAIMS, rawSign.es256(p256.privateKey)),
    jwk: undefined,
  },
  ...(['p', 'q', 'dp', 'dq', 'qi'] as const).map((member) => ({
    name: `embedded RSA key with private member ${member} only`,
    token: embedded({ ...rsa2048.publicJwk, [member]: rsaPrivate[member] }, 'PS256', rsa2048),
    jwk: undefined,
    expectation: 'stricter' as const,
  })),
  {
    name: 'embedded EC key with a stray k member',
    token: embedded({ ...p256.publicJwk, k: b64u('secret') }),
    jwk: undefined,
    expectation: 'stricter' as const,
  },
];

function compare(
  name: string,
  mine: Verdict,
  theirs: Verdict,
  expectation: HostileCase['expectation'] = 'agree',
) {
  if (expectation === 'stricter') {
    expect({ name, ours: mine.ok, jose: theirs.ok }).toEqual({ name, ours: false, jose: true });
    return;
  }
  expect({ name, ok: mine.ok }).toEqual({ name, ok: theirs.ok });
  if (mine.ok && theirs.ok) expect(mine.payload).toBe(theirs.payload);
}

describe('fast path agrees with jose (ALG-1, ALG-2, DPOP-1)', () => {
  it.each(hostileSuite.map((c) => [c.name, c] as const))('[ALG-1] hostile JWS: %s', async (_name, c) => {
    compare(c.name, await oursJws(c.token, c.jwk), await joseJws(c.token, c.jwk), c.expectation);
  });

  it.each(embeddedSuite.map((c) => [c.name, c] as const))(
    '[DPOP-1] hostile embedded jwk: %s',
    async (_name, c) => {
      compare(c.name, await oursEmbedded(c.token), await joseEmbedded(c.token), c.expectation);
    },
  );

  it('[ALG-1] agrees on generated tokens, keys, algorithm lists and bit flips', async () => {
    const fitting: Record<string, string[]> = {
      PS256: ['rsa2048', 'rsa2048b'],
      ES256: ['p256', 'p256b'],
      EdDSA: ['ed25519'],
    };
    // Mostly honest tokens (so acceptance is exercised), the rest any key, any signer, any alg.
    const honest = fc.constantFrom('PS256', 'ES256', 'EdDSA').chain((alg) =>
      fc.record({
        alg: fc.constant(alg),
        verifyKey: fc.constantFrom(...fitting[alg]),
        method: fc.constant('honest'),
      }),
    );
    const hostile = fc.record({
      alg: fc.constantFrom('PS256', 'ES256', 'EdDSA', 'RS256', 'HS256', 'none', 'ES384', 'PS384', 'Ed25519'),
      verifyKey: fc.constantFrom(...POOL),
      method: fc.constantFrom('honest', 'ps256', 'es256', 'es256Der', 'eddsa', 'rs256', 'hs256', 'none'),
    });
    const outcomes = { accepted: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ arbitrary: honest, weight: 3 }, { arbitrary: hostile, weight: 2 }),
        fc.record({
          signKey: fc.constantFrom(...POOL),
          payload: fc.oneof(
            fc.json(),
            fc.uint8Array({ maxLength: 48 }).map((bytes) => Buffer.from(bytes)),
          ),
          header: fc.record(
            {
              typ: fc.constantFrom('JWT', 'at+jwt', 'dpop+jwt'),
              kid: fc.string({ maxLength: 8 }),
              x: fc.jsonValue({ maxDepth: 1 }),
            },
            { requiredKeys: [] },
          ),
          crit: rarely(fc.constantFrom<unknown>(['x'], [], ['alg'], 'x', [1])),
          jwkExtras: rarely(
            fc.record(
              {
                alg: fc.constantFrom('PS256', 'ES256', 'EdDSA', 'RS256'),
                use: fc.constantFrom('sig', 'enc'),
                key_ops: fc.constantFrom(['verify'], ['sign']),
              },
              { requiredKeys: [] },
            ),
          ),
          flip: rarely(
            fc.record({
              part: fc.integer({ min: 0, max: 2 }),
              at: fc.nat(),
              bit: fc.integer({ min: 0, max: 7 }),
            }),
          ),
          algorithms: fc.oneof(fc.constant(ALLOWED), fc.subarray(ALLOWED, { minLength: 1 })),
        }),
        async (choice, input) => {
          const signPair = pool[choice.method === 'honest' ? choice.verifyKey : input.signKey];
          const signer: RawSignature =
            choice.method === 'honest'
              ? isJwsAlgorithm(choice.alg)
                ? orGarbage(honestSigner(choice.alg, signPair))
                : rawSign.none()
              : choice.method === 'hs256'
                ? rawSign.hs256(JSON.stringify(pool[choice.verifyKey].publicJwk))
                : choice.method === 'none'
                  ? rawSign.none()
                  : safeSigner(choice.method as Exclude<keyof typeof rawSign, 'none' | 'hs256'>, signPair);
          const crit = input.crit === undefined ? {} : { crit: input.crit, x: 1 };
          let token = forge({ ...input.header, ...crit, alg: choice.alg }, input.payload, signer);
          if (input.flip) token = flipBit(token, input.flip);
          const jwk = { ...pool[choice.verifyKey].publicJwk, ...input.jwkExtras };
          const [mine, theirs] = [
            await oursJws(token, jwk, input.algorithms),
            await joseJws(token, jwk, input.algorithms),
          ];
          expect({ ok: mine.ok }).toEqual({ ok: theirs.ok });
          if (mine.ok && theirs.ok) expect(mine.payload).toBe(theirs.payload);
          outcomes[mine.ok ? 'accepted' : 'rejected']++;
        },
      ),
      { numRuns: 500 },
    );
    // Both verdicts were exercised in earnest.
    expect(outcomes.accepted).toBeGreaterThan(50);
    expect(outcomes.rejected).toBeGreaterThan(50);
  });

  it('[ALG-1] agrees with jwtVerify on generated claims and options', async () => {
    // Mostly plausible times, with the edges (±tolerance around now) well inside the range.
    const time = (min: number, max: number) =>
      fc.oneof(
        { arbitrary: fc.integer({ min: NOW + min, max: NOW + max }), weight: 12 },
        { arbitrary: fc.constantFrom<unknown>('soon', null), weight: 1 },
      );
    const key = pool.p256;
    const outcomes = { accepted: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            iss: fc.constantFrom('a', 'b'),
            sub: fc.constantFrom('psu'),
            aud: fc.oneof(
              fc.constantFrom('x', 'y'),
              fc.array(fc.constantFrom('x', 'y', 'z'), { maxLength: 3 }),
            ),
            exp: time(-40, 300),
            nbf: time(-300, 40),
            iat: time(-300, 40),
            jti: fc.constantFrom('j'),
          },
          { requiredKeys: ['iss', 'sub', 'aud', 'exp', 'jti'] },
        ),
        fc.record(
          {
            issuer: fc.oneof(fc.constantFrom('a'), fc.constant(['a', 'b'])),
            audience: fc.oneof(fc.constantFrom('x'), fc.constant(['x', 'z'])),
            typ: fc.constantFrom('JWT', 'at+jwt'),
            clockTolerance: fc.integer({ min: 0, max: 30 }),
            requiredClaims: fc.subarray(['jti', 'sub', 'exp', 'nbf']),
          },
          { requiredKeys: [] },
        ),
        fc.option(fc.constantFrom('JWT', 'at+jwt', 'application/AT+JWT', 'dpop+jwt'), { nil: undefined }),
        async (claims, options, typ) => {
          const token = forge(
            { alg: 'ES256', ...(typ && { typ }) },
            JSON.stringify(claims),
            rawSign.es256(key.privateKey),
          );
          const mine = await ours(async () => {
            const { claims: verified } = await verifyJwt(token, {
              keys: only(key.publicJwk),
              algorithms: ALLOWED,
              clock: frozenClock(),
              issuer: options.issuer,
              audience: options.audience,
              typ: options.typ,
              clockToleranceSeconds: options.clockTolerance,
              requiredClaims: options.requiredClaims,
            });
            return { payload: Buffer.from(JSON.stringify(verified)) };
          });
          const theirs = await oracle.ask({
            op: 'jwtVerify',
            token,
            jwk: key.publicJwk,
            options: { ...options, algorithms: ALLOWED, currentDate: NOW_MS },
          });
          expect({ ok: mine.ok }).toEqual({ ok: theirs.ok });
          outcomes[mine.ok ? 'accepted' : 'rejected']++;
        },
      ),
      { numRuns: 800 },
    );
    expect(outcomes.accepted).toBeGreaterThan(20);
    expect(outcomes.rejected).toBeGreaterThan(20);
  });

  it('[ALG-1] our signatures verify in jose and jose signatures verify in ours, for every algorithm', async () => {
    const keys = {
      PS256: generateSigningKey('PS256'),
      ES256: generateSigningKey('ES256'),
      EdDSA: generateSigningKey('EdDSA'),
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('PS256', 'ES256', 'EdDSA') as fc.Arbitrary<'PS256' | 'ES256' | 'EdDSA'>,
        fc.uint8Array({ maxLength: 64 }),
        async (alg, bytes) => {
          const { signingKey, privateJwk } = keys[alg];
          const payload = Buffer.from(bytes);
          const mineSigned = await signJws(signingKey, payload);
          expect(await joseJws(mineSigned, signingKey.publicJwk, [alg])).toEqual({
            ok: true,
            payload: b64u(payload),
          });
          const { token } = await oracle.ask({
            op: 'sign',
            alg,
            kid: signingKey.kid,
            jwk: privateJwk,
            payload: b64u(payload),
          });
          expect(await oursJws(token as string, signingKey.publicJwk, [alg])).toEqual({
            ok: true,
            payload: b64u(payload),
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('[ALG-5] RFC 7638 thumbprints agree with jose', async () => {
    for (const pair of Object.values(pool)) {
      const { thumbprint } = await oracle.ask({ op: 'thumbprint', jwk: pair.publicJwk });
      expect(jwkThumbprint(pair.publicJwk)).toBe(thumbprint);
    }
  });

  it('key fitness is what jose enforces too (sanity of the suite)', () => {
    expect(() => assertKeyFitsAlgorithm(importPublicKey(rsa1024.publicJwk), 'PS256')).toThrow(
      expect.objectContaining({ code: 'key_too_weak' }),
    );
  });
});

/** Present in one case of four. */
function rarely<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary, weight: 1 });
}

function safeSigner(method: Exclude<keyof typeof rawSign, 'none' | 'hs256'>, pair: RawKeyPair): RawSignature {
  return orGarbage(rawSign[method](pair.privateKey));
}

/** Signers that may not fit the key (an EC key asked for PSS padding) fall back to garbage bytes. */
function orGarbage(signer: RawSignature): RawSignature {
  return (input) => {
    try {
      return signer(input);
    } catch {
      return Buffer.alloc(64, 1);
    }
  };
}

function flipBit(token: string, flip: { part: number; at: number; bit: number }): string {
  const parts = token.split('.');
  const bytes = Buffer.from(parts[flip.part], 'base64url');
  if (bytes.length === 0) return token;
  bytes[flip.at % bytes.length] ^= 1 << flip.bit;
  parts[flip.part] = b64u(bytes);
  return parts.join('.');
}
