import { InMemoryJtiReplayStore } from '../replay/jti-replay-store';
import {
  NOW,
  NOW_MS,
  forgeJws,
  frozenClock,
  rawKeys,
  rawSign,
  rejectsWith,
  signingKey,
} from '../test/fixtures';
import { accessTokenHash } from './access-token-hash';
import { createDpopProof } from './create-dpop-proof';
import { DpopNonces } from './dpop-nonces';
import { type VerifyDpopProofOptions, verifyDpopProof } from './verify-dpop-proof';

const ALL = ['PS256', 'ES256', 'EdDSA'];
const URL_ = 'https://rs.bank.example/accounts';
const ACCESS_TOKEN = 'eyJhbGciOiJFUzI1NiJ9.e30.c2ln';
const ec = rawKeys.p256();
const key = signingKey(ec, 'ES256');
const clock = frozenClock();

const options = (proof: string | string[] | undefined, extra: Partial<VerifyDpopProofOptions> = {}) => ({
  headerValues: proof,
  method: 'GET',
  url: URL_,
  algorithms: ALL,
  clock,
  replay: new InMemoryJtiReplayStore(clock),
  ...extra,
});

/** A proof with any header and claims, signed by the fixture EC key. */
const forge = (header: Record<string, unknown> = {}, claims: Record<string, unknown> = {}) =>
  forgeJws(
    { typ: 'dpop+jwt', alg: 'ES256', jwk: ec.publicJwk, ...header },
    { jti: 'jti-1', htm: 'GET', htu: URL_, iat: NOW, ...claims },
    rawSign.es256(ec.privateKey),
  );

describe('verifyDpopProof (DPOP-1)', () => {
  it('[DPOP-1] accepts a good proof and returns the key thumbprint', async () => {
    const proof = await createDpopProof({
      key,
      method: 'GET',
      url: `${URL_}?page=2`,
      clock,
      accessToken: ACCESS_TOKEN,
    });
    const verified = await verifyDpopProof(
      options(proof, { accessToken: ACCESS_TOKEN, url: `${URL_}?page=2` }),
    );
    expect(verified.jkt).toBe(key.kid);
    expect(verified).toMatchObject({ htm: 'GET', htu: URL_, iat: NOW, alg: 'ES256' });
  });

  it.each([
    ['PS256', rawKeys.rsa2048()],
    ['EdDSA', rawKeys.ed25519()],
  ] as const)('[DPOP-1] accepts %s proofs', async (alg, pair) => {
    const proof = await createDpopProof({ key: signingKey(pair, alg), method: 'POST', url: URL_, clock });
    await expect(verifyDpopProof(options(proof, { method: 'POST' }))).resolves.toMatchObject({ alg });
  });

  it('[DPOP-1] rejects a missing DPoP header', async () => {
    await rejectsWith(verifyDpopProof(options(undefined)), 'invalid_dpop_proof', 'missing');
    await rejectsWith(verifyDpopProof(options([])), 'invalid_dpop_proof', 'missing');
  });

  it('[DPOP-1] rejects two DPoP headers, as an array or joined by the HTTP layer', async () => {
    const proof = forge();
    await rejectsWith(
      verifyDpopProof(options([proof, forge({}, { jti: 'jti-2' })])),
      'invalid_dpop_proof',
      'header_count',
    );
    await rejectsWith(verifyDpopProof(options(`${proof}, ${proof}`)), 'invalid_dpop_proof', 'header_count');
  });

  it('[DPOP-1] rejects a typ other than dpop+jwt', async () => {
    await rejectsWith(verifyDpopProof(options(forge({ typ: 'JWT' }))), 'invalid_dpop_proof', 'typ');
    await rejectsWith(verifyDpopProof(options(forge({ typ: undefined }))), 'invalid_dpop_proof', 'typ');
  });

  it('[DPOP-1] [ALG-1] rejects alg none, HS256 and RS256 proofs', async () => {
    const rsa = rawKeys.rsa2048();
    const none = forgeJws({ typ: 'dpop+jwt', alg: 'none', jwk: ec.publicJwk }, {}, rawSign.none());
    const hs = forgeJws(
      { typ: 'dpop+jwt', alg: 'HS256', jwk: ec.publicJwk },
      {},
      rawSign.hs256(JSON.stringify(ec.publicJwk)),
    );
    const rs = forgeJws(
      { typ: 'dpop+jwt', alg: 'RS256', jwk: rsa.publicJwk },
      {},
      rawSign.rs256(rsa.privateKey),
    );
    for (const proof of [none, hs, rs])
      await rejectsWith(verifyDpopProof(options(proof)), 'invalid_dpop_proof', 'alg');
  });

  it.each(['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'])(
    '[DPOP-1] rejects a jwk carrying the private member %s',
    async (member) => {
      const proof = forge({ jwk: { ...ec.publicJwk, [member]: 'AAAA' } });
      await rejectsWith(verifyDpopProof(options(proof)), 'invalid_dpop_proof', 'jwk');
    },
  );

  it('[DPOP-1] rejects the full private JWK in the header', async () => {
    const proof = forge({ jwk: ec.privateKey.export({ format: 'jwk' }) });
    await rejectsWith(verifyDpopProof(options(proof)), 'invalid_dpop_proof', 'jwk');
  });

  it('[DPOP-1] rejects a missing jwk, a symmetric jwk and a P-384 jwk declared as ES256', async () => {
    await rejectsWith(verifyDpopProof(options(forge({ jwk: undefined }))), 'invalid_dpop_proof', 'jwk');
    await rejectsWith(
      verifyDpopProof(options(forge({ jwk: { kty: 'oct', k: 'c2VjcmV0' } }))),
      'invalid_dpop_proof',
      'jwk',
    );
    const p384 = rawKeys.p384();
    const proof = forgeJws(
      { typ: 'dpop+jwt', alg: 'ES256', jwk: p384.publicJwk },
      { jti: 'j', htm: 'GET', htu: URL_, iat: NOW },
      rawSign.es256(p384.privateKey),
    );
    await rejectsWith(verifyDpopProof(options(proof)), 'invalid_dpop_proof', 'jwk');
  });

  it('[DPOP-1] rejects a signature by a key other than the jwk', async () => {
    const other = rawKeys.p256();
    await rejectsWith(
      verifyDpopProof(options(forge({ jwk: other.publicJwk }))),
      'invalid_dpop_proof',
      'signature',
    );
  });

  it('[DPOP-1] rejects htm that differs from the method', async () => {
    await rejectsWith(verifyDpopProof(options(forge({}, { htm: 'POST' }))), 'invalid_dpop_proof', 'htm');
    await rejectsWith(verifyDpopProof(options(forge({}, { htm: 'get' }))), 'invalid_dpop_proof', 'htm');
  });

  it.each([
    ['a query', `${URL_}?x=1`],
    ['an empty query', `${URL_}?`],
    ['a fragment', `${URL_}#f`],
    ['another path', 'https://rs.bank.example/accounts/1'],
    ['another host', 'https://evil.example/accounts'],
    ['another scheme', 'http://rs.bank.example/accounts'],
    ['another port', 'https://rs.bank.example:8443/accounts'],
    ['userinfo', 'https://user@rs.bank.example/accounts'],
    ['no URL at all', 'accounts'],
  ])('[DPOP-1] rejects htu with %s', async (_name, htu) => {
    await rejectsWith(verifyDpopProof(options(forge({}, { htu }))), 'invalid_dpop_proof', 'htu');
  });

  it.each([
    ['upper-case scheme and host', 'HTTPS://RS.Bank.Example/accounts'],
    ['the default port', 'https://rs.bank.example:443/accounts'],
    ['an encoded unreserved character', 'https://rs.bank.example/%61ccounts'],
  ])('[DPOP-1] accepts htu with %s (RFC 3986 normalisation)', async (_name, htu) => {
    await expect(verifyDpopProof(options(forge({}, { htu })))).resolves.toBeDefined();
  });

  it('[DPOP-1] normalises the request URL too (default port, case, query dropped)', async () => {
    const url = 'https://RS.BANK.EXAMPLE:443/accounts?from=2024-01-01';
    await expect(verifyDpopProof(options(forge(), { url }))).resolves.toBeDefined();
  });

  it.each([
    ['1 h in the past', NOW - 3600],
    ['1 h in the future', NOW + 3600],
    ['61 s in the past', NOW - 61],
    ['61 s in the future', NOW + 61],
    ['a string', String(NOW)],
    ['missing', undefined],
  ])('[DPOP-1] rejects iat %s', async (_name, iat) => {
    await rejectsWith(verifyDpopProof(options(forge({}, { iat }))), 'invalid_dpop_proof', 'iat');
  });

  it('[DPOP-1] accepts iat at the edges of the window', async () => {
    await expect(verifyDpopProof(options(forge({}, { iat: NOW - 60 })))).resolves.toBeDefined();
    await expect(verifyDpopProof(options(forge({}, { iat: NOW + 60 })))).resolves.toBeDefined();
  });

  it('[DPOP-1] rejects a missing or empty jti', async () => {
    await rejectsWith(verifyDpopProof(options(forge({}, { jti: undefined }))), 'invalid_dpop_proof', 'jti');
    await rejectsWith(verifyDpopProof(options(forge({}, { jti: '' }))), 'invalid_dpop_proof', 'jti');
  });

  it('[DPOP-1] rejects a replayed jti', async () => {
    const replay = new InMemoryJtiReplayStore(clock);
    const proof = forge();
    await verifyDpopProof(options(proof, { replay }));
    await rejectsWith(verifyDpopProof(options(proof, { replay })), 'invalid_dpop_proof', 'replay');
  });

  it('[DPOP-1] forgets a jti only once the proof could no longer pass the iat check', async () => {
    let now = NOW_MS;
    const replay = new InMemoryJtiReplayStore(() => now);
    const proof = forge();
    await verifyDpopProof(options(proof, { replay, clock: () => now }));
    now += 60_000;
    await rejectsWith(
      verifyDpopProof(options(proof, { replay, clock: () => now })),
      'invalid_dpop_proof',
      'replay',
    );
    now += 2_000;
    await rejectsWith(
      verifyDpopProof(options(proof, { replay, clock: () => now })),
      'invalid_dpop_proof',
      'iat',
    );
  });

  it('[DPOP-1] rejects a wrong or missing ath when an access token is presented', async () => {
    const wrong = forge({}, { ath: accessTokenHash('another-token') });
    await rejectsWith(
      verifyDpopProof(options(wrong, { accessToken: ACCESS_TOKEN })),
      'invalid_dpop_proof',
      'ath',
    );
    await rejectsWith(
      verifyDpopProof(options(forge(), { accessToken: ACCESS_TOKEN })),
      'invalid_dpop_proof',
      'ath',
    );
    const right = forge({}, { ath: accessTokenHash(ACCESS_TOKEN) });
    await expect(verifyDpopProof(options(right, { accessToken: ACCESS_TOKEN }))).resolves.toBeDefined();
  });

  it('[DPOP-1] rejects garbage', async () => {
    await rejectsWith(verifyDpopProof(options('not-a-jwt')), 'invalid_dpop_proof', 'malformed');
  });
});

describe('DPoP server nonces (DPOP-2)', () => {
  const secret = Buffer.alloc(32, 7).toString('base64url');
  const older = Buffer.alloc(32, 9).toString('base64url');

  it('[DPOP-2] a missing nonce is use_dpop_nonce, distinct from invalid_dpop_proof', async () => {
    const nonces = new DpopNonces({ secrets: [secret], clock });
    await rejectsWith(
      verifyDpopProof(options(forge(), { nonce: { verifier: nonces, required: true } })),
      'use_dpop_nonce',
    );
  });

  it('[DPOP-2] accepts a proof with the issued nonce, and a missing one when not required', async () => {
    const nonces = new DpopNonces({ secrets: [secret], clock });
    const proof = forge({}, { nonce: nonces.issue() });
    await expect(
      verifyDpopProof(options(proof, { nonce: { verifier: nonces, required: true } })),
    ).resolves.toMatchObject({
      nonce: nonces.issue(),
    });
    await expect(
      verifyDpopProof(options(forge(), { nonce: { verifier: nonces, required: false } })),
    ).resolves.toBeDefined();
  });

  it("[DPOP-2] instances sharing the secret accept each other's nonces", () => {
    const a = new DpopNonces({ secrets: [secret], clock });
    const b = new DpopNonces({ secrets: [secret], clock });
    expect(b.verify(a.issue())).toBe(true);
    expect(new DpopNonces({ secrets: [older], clock }).verify(a.issue())).toBe(false);
  });

  it('[DPOP-2] a nonce lives for its window and the next, then is stale', async () => {
    let now = NOW_MS;
    const nonces = new DpopNonces({ secrets: [secret], clock: () => now, windowSeconds: 60 });
    const nonce = nonces.issue();
    now += 60_000;
    expect(nonces.verify(nonce)).toBe(true);
    now += 60_000;
    expect(nonces.verify(nonce)).toBe(false);
    const stale = forge({}, { nonce, iat: Math.floor(now / 1000) });
    await rejectsWith(
      verifyDpopProof(options(stale, { clock: () => now, nonce: { verifier: nonces, required: true } })),
      'use_dpop_nonce',
    );
  });

  it('[DPOP-2] rotation: nonces under the previous secret still verify, new ones use the new secret', () => {
    const before = new DpopNonces({ secrets: [older], clock });
    const after = new DpopNonces({ secrets: [secret, older], clock });
    expect(after.verify(before.issue())).toBe(true);
    expect(after.issue()).not.toBe(before.issue());
    expect(new DpopNonces({ secrets: [secret], clock }).verify(before.issue())).toBe(false);
  });

  it('[DPOP-2] refuses short or malformed secrets', () => {
    expect(() => new DpopNonces({ secrets: ['c2hvcnQ'], clock })).toThrow(
      expect.objectContaining({ code: 'invalid_key_configuration' }),
    );
    expect(() => new DpopNonces({ secrets: [], clock })).toThrow(
      expect.objectContaining({ code: 'invalid_key_configuration' }),
    );
  });
});
