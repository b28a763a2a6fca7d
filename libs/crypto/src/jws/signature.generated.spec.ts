// The fast path agrees with jose on generated inputs (fast-check): tokens over random keys,
// algorithms, headers, payloads and bit flips; JWT claims against jwtVerify's semantics; and
// signatures crossing both ways.
import fc from 'fast-check';
import { generateSigningKey } from '../keys/signing-key';
import { isJwsAlgorithm } from '../keys/algorithms';
import {
  ALLOWED,
  POOL,
  b64u,
  flipBit,
  forge,
  honestSigner,
  joseJws,
  only,
  orGarbage,
  ours,
  oursJws,
  pool,
  rarely,
  safeSigner,
} from '../test/differential';
import { NOW, NOW_MS, type RawSignature, frozenClock, rawSign } from '../test/fixtures';
import { JoseOracle } from '../test/jose-oracle';
import { signJws } from './sign-jws';
import { verifyJwt } from './verify-jwt';

let oracle: JoseOracle;
beforeAll(() => {
  oracle = JoseOracle.start();
});
afterAll(() => oracle.stop());

// Hundreds of generated cases, each a round trip to the jose child process: on a loaded 2-core CI
// machine that outlasts jest's 5 s default. The bound guards against a hang, it measures nothing.
jest.setTimeout(60_000);

describe('fast path agrees with jose on generated inputs (ALG-1, ALG-2)', () => {
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
            await joseJws(oracle, token, jwk, input.algorithms),
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
          expect(await joseJws(oracle, mineSigned, signingKey.publicJwk, [alg])).toEqual({
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
});
