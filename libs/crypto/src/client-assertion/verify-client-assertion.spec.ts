import { createHash } from 'node:crypto';
import { keySetFromJwks } from '../keys/verification-keys';
import { InMemoryJtiReplayStore } from '../replay/jti-replay-store';
import { NOW, forgeJws, frozenClock, rawKeys, rawSign, rejectsWith, signingKey } from '../test/fixtures';
import { createClientAssertion } from './create-client-assertion';
import {
  type VerifyClientAssertionOptions,
  clientAssertionReplayKey,
  verifyClientAssertion,
} from './verify-client-assertion';

const ISSUER = 'https://as.bank.example';
const TOKEN_ENDPOINT = 'https://as.bank.example/token';
const CLIENT = 'tpp-1';
const ec = rawKeys.p256();
const key = signingKey(ec, 'ES256', 'tpp-1-key');
const clock = frozenClock();

const options = (extra: Partial<VerifyClientAssertionOptions> = {}): VerifyClientAssertionOptions => ({
  clientId: CLIENT,
  issuerIdentifier: ISSUER,
  keys: keySetFromJwks({ keys: [key.publicJwk] }),
  algorithms: ['PS256', 'ES256', 'EdDSA'],
  clock,
  replay: new InMemoryJtiReplayStore(clock),
  ...extra,
});

const assertion = (claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}) =>
  forgeJws(
    { alg: 'ES256', kid: key.kid, ...header },
    { iss: CLIENT, sub: CLIENT, aud: ISSUER, jti: 'a-1', iat: NOW, exp: NOW + 60, ...claims },
    rawSign.es256(ec.privateKey),
  );

describe('verifyClientAssertion (CLI-2)', () => {
  it('[CLI-2] accepts a good assertion made by the client helper', async () => {
    const jwt = await createClientAssertion(key, { clientId: CLIENT, audience: ISSUER, clock });
    const { claims } = await verifyClientAssertion(jwt, options());
    expect(claims).toMatchObject({ iss: CLIENT, sub: CLIENT, aud: ISSUER });
  });

  it('[CLI-2] rejects an array aud, even one holding only the issuer', async () => {
    await rejectsWith(verifyClientAssertion(assertion({ aud: [ISSUER] }), options()), 'audience_mismatch');
  });

  it('[CLI-2] rejects the token endpoint URL as aud', async () => {
    await rejectsWith(
      verifyClientAssertion(assertion({ aud: TOKEN_ENDPOINT }), options()),
      'audience_mismatch',
    );
  });

  it('[CLI-2] rejects a missing aud', async () => {
    await rejectsWith(verifyClientAssertion(assertion({ aud: undefined }), options()), 'missing_claim');
  });

  it('[CLI-2] rejects an assertion without sub', async () => {
    await rejectsWith(verifyClientAssertion(assertion({ sub: undefined }), options()), 'missing_claim');
  });

  it('[CLI-2] rejects sub or iss other than the client_id', async () => {
    await rejectsWith(verifyClientAssertion(assertion({ sub: 'tpp-2' }), options()), 'invalid_claim');
    await rejectsWith(verifyClientAssertion(assertion({ iss: 'tpp-2' }), options()), 'issuer_mismatch');
  });

  it('[CLI-3] rejects an assertion for another client_id', async () => {
    await rejectsWith(verifyClientAssertion(assertion(), options({ clientId: 'tpp-2' })), 'issuer_mismatch');
  });

  it('[CLI-2] rejects nbf 61 s ahead, accepts 60 s', async () => {
    await rejectsWith(verifyClientAssertion(assertion({ nbf: NOW + 61 }), options()), 'not_yet_valid');
    await expect(verifyClientAssertion(assertion({ nbf: NOW + 60 }), options())).resolves.toBeDefined();
  });

  it('[CLI-2] rejects iat 61 s ahead', async () => {
    await rejectsWith(
      verifyClientAssertion(assertion({ iat: NOW + 61, exp: NOW + 120 }), options()),
      'not_yet_valid',
    );
  });

  it('[CLI-2] rejects exp 5 min past, exp now, and a missing exp', async () => {
    await rejectsWith(
      verifyClientAssertion(assertion({ exp: NOW - 300, iat: NOW - 360 }), options()),
      'token_expired',
    );
    await rejectsWith(verifyClientAssertion(assertion({ exp: NOW }), options()), 'token_expired');
    await rejectsWith(verifyClientAssertion(assertion({ exp: undefined }), options()), 'missing_claim');
  });

  it('[CLI-2] [ROB-1] rejects an exp more than 10 minutes ahead (RFC 7523 §3), also one no date can hold', async () => {
    await expect(verifyClientAssertion(assertion({ exp: NOW + 600 }), options())).resolves.toBeDefined();
    await rejectsWith(verifyClientAssertion(assertion({ exp: NOW + 601 }), options()), 'invalid_claim');
    // Found by the fuzzer: an exp past the largest Date reached PostgreSQL as "NaN" (a 500).
    await rejectsWith(verifyClientAssertion(assertion({ exp: 1e20 }), options()), 'invalid_claim');
  });

  it('[CLI-2] rejects a missing jti and a replayed jti', async () => {
    await rejectsWith(verifyClientAssertion(assertion({ jti: undefined }), options()), 'missing_claim');
    const replay = new InMemoryJtiReplayStore(clock);
    await verifyClientAssertion(assertion(), options({ replay }));
    await rejectsWith(verifyClientAssertion(assertion(), options({ replay })), 'replay_detected');
  });

  it('[CLI-2] says which assertion it spent, so an assertion spent at another endpoint is refused here', async () => {
    const elsewhere = new InMemoryJtiReplayStore(clock);
    const { spent } = await verifyClientAssertion(
      assertion({ jti: 'spent-at-par' }),
      options({ replay: elsewhere }),
    );
    expect(spent).toEqual({
      jtiSha256: createHash('sha256').update('spent-at-par').digest('base64url'),
      expiresAt: (NOW + 60) * 1000,
    });
    const here = new InMemoryJtiReplayStore(clock);
    await here.remember(clientAssertionReplayKey(CLIENT, spent.jtiSha256), spent.expiresAt);
    await rejectsWith(
      verifyClientAssertion(assertion({ jti: 'spent-at-par' }), options({ replay: here })),
      'replay_detected',
    );
    // Another client's assertion with the same jti is its own.
    await expect(
      here.remember(clientAssertionReplayKey('tpp-2', spent.jtiSha256), spent.expiresAt),
    ).resolves.toBe(true);
  });

  it('[CLI-2] remembers a jti until the assertion expires, then lets the store forget it', async () => {
    let now = NOW * 1000;
    const replay = new InMemoryJtiReplayStore(() => now);
    await verifyClientAssertion(assertion(), options({ replay, clock: () => now }));
    now += 59_000;
    await rejectsWith(
      verifyClientAssertion(assertion(), options({ replay, clock: () => now })),
      'replay_detected',
    );
    now += 1_000;
    await rejectsWith(
      verifyClientAssertion(assertion(), options({ replay, clock: () => now })),
      'token_expired',
    );
    replay.evictExpired();
    expect(replay.size).toBe(0);
  });

  it('[ALG-1] [CLI-2] rejects alg none, HS256 with the public key and RS256', async () => {
    const rsa = rawKeys.rsa2048();
    const claims = { iss: CLIENT, sub: CLIENT, aud: ISSUER, jti: 'x', exp: NOW + 60 };
    const keys = keySetFromJwks({ keys: [{ ...rsa.publicJwk, kid: 'r' }] });
    for (const [alg, sign] of [
      ['none', rawSign.none()],
      ['HS256', rawSign.hs256(JSON.stringify(rsa.publicJwk))],
      ['RS256', rawSign.rs256(rsa.privateKey)],
    ] as const) {
      await rejectsWith(
        verifyClientAssertion(forgeJws({ alg, kid: 'r' }, claims, sign), options({ keys })),
        'alg_not_allowed',
      );
    }
  });

  it('[ALG-2] [CLI-2] rejects an assertion signed with an RSA-1024 client key', async () => {
    const weak = rawKeys.rsa1024();
    const jwt = forgeJws(
      { alg: 'PS256', kid: 'w' },
      { iss: CLIENT, sub: CLIENT, aud: ISSUER, jti: 'x', exp: NOW + 60 },
      rawSign.ps256(weak.privateKey),
    );
    const keys = keySetFromJwks({ keys: [{ ...weak.publicJwk, kid: 'w' }] });
    await rejectsWith(verifyClientAssertion(jwt, options({ keys })), 'key_too_weak');
  });

  it('[CLI-3] rejects an assertion signed by another client key', async () => {
    const other = rawKeys.p256();
    const jwt = forgeJws(
      { alg: 'ES256', kid: key.kid },
      { iss: CLIENT, sub: CLIENT, aud: ISSUER, jti: 'x', exp: NOW + 60 },
      rawSign.es256(other.privateKey),
    );
    await rejectsWith(verifyClientAssertion(jwt, options()), 'invalid_signature');
  });
});
