// POST /token: DPoP proof checks (DPOP-1, RFC 9449 §4.3) and server nonces (DPOP-2). Each negative
// sends a good client_credentials request whose proof breaks exactly one rule.
import { generateSigningKey } from '@grantline/crypto';
import { TestTpp } from '@grantline/testing';
import { type TokenHarness, startToken } from '../test/token-harness';
import { customDpopProof, postToken, unsignedDpopProof } from '../test/token-requests';

describe('POST /token: DPoP proofs', () => {
  let token: TokenHarness;
  let tpp: TestTpp;

  beforeAll(async () => {
    token = await startToken();
    [tpp] = token.tpps;
  });

  afterAll(async () => {
    await token?.close();
  });

  const withProof = (dpop: string | string[]) =>
    postToken(tpp, token.tokenEndpoint, token.issuer, { grant_type: 'client_credentials' }, { dpop });
  const expectRejected = async (dpop: string | string[]) => {
    const { status, body } = await withProof(dpop);
    expect([status, body.error]).toEqual([400, 'invalid_dpop_proof']);
  };

  it('accepts a good proof and binds the token to its key', async () => {
    const { status, body } = await withProof(await customDpopProof(tpp.dpopKey, token.tokenEndpoint));
    expect([status, body.token_type]).toEqual([200, 'DPoP']);
  });

  it("[DPOP-1] [CLI-2] remembers the proof's jti and the client assertion's in one statement", async () => {
    // TypeORM's pg pool: every statement not inside a transaction goes through its query().
    const pool = (token.dataSource.driver as unknown as { master: { query(...args: unknown[]): unknown } })
      .master;
    const query = jest.spyOn(pool, 'query');
    try {
      const { status } = await withProof(await customDpopProof(tpp.dpopKey, token.tokenEndpoint));
      expect(status).toBe(200);
      const remembered = query.mock.calls
        .map(([config]) => config as unknown as { name?: string; values?: unknown[] })
        .filter((config) => config.name === 'jti_remember')
        .map((config) => config.values?.[0]);
      expect(remembered).toEqual([expect.arrayContaining([expect.stringMatching(/^dpop:/)])]);
      expect(remembered[0]).toHaveLength(2);
    } finally {
      query.mockRestore();
    }
  });

  it('[CLI-2] answers invalid_client to a bad client, whatever is wrong with its proof too', async () => {
    const stranger = new TestTpp({ clientId: tpp.clientId });
    const { status, body } = await postToken(
      tpp,
      token.tokenEndpoint,
      token.issuer,
      { grant_type: 'client_credentials' },
      {
        assertion: await stranger.clientAssertion(token.issuer),
        dpop: await customDpopProof(tpp.dpopKey, token.tokenEndpoint, { claims: { htm: 'GET' } }),
      },
    );
    expect([status, body.error]).toEqual([401, 'invalid_client']);
  });

  it('[DPOP-1] [CLI-2] spends no proof on a request whose client fails to authenticate', async () => {
    const proof = await customDpopProof(tpp.dpopKey, token.tokenEndpoint);
    const stranger = new TestTpp({ clientId: tpp.clientId });
    const refused = await postToken(
      tpp,
      token.tokenEndpoint,
      token.issuer,
      { grant_type: 'client_credentials' },
      { assertion: await stranger.clientAssertion(token.issuer), dpop: proof },
    );
    expect([refused.status, refused.body.error]).toEqual([401, 'invalid_client']);
    const { status, body } = await withProof(proof);
    expect([status, body.token_type]).toEqual([200, 'DPoP']);
  });

  it('[DPOP-1] rejects a proof for another URL (htu)', async () => {
    await expectRejected(
      await customDpopProof(tpp.dpopKey, token.tokenEndpoint, { claims: { htu: `${token.issuer}/par` } }),
    );
  });

  it('[DPOP-1] rejects a proof for another method (htm)', async () => {
    await expectRejected(await customDpopProof(tpp.dpopKey, token.tokenEndpoint, { claims: { htm: 'GET' } }));
  });

  it('[DPOP-1] rejects a replayed proof jti', async () => {
    const proof = await customDpopProof(tpp.dpopKey, token.tokenEndpoint);
    expect((await withProof(proof)).status).toBe(200);
    await expectRejected(proof);
  });

  it('[DPOP-1] rejects a proof carrying a private key in its jwk', async () => {
    const { signingKey, privateJwk } = generateSigningKey('ES256');
    await expectRejected(
      await customDpopProof(signingKey, token.tokenEndpoint, {
        header: { jwk: { ...privateJwk, kid: undefined } },
      }),
    );
  });

  it('[DPOP-1] rejects a proof with a typ other than dpop+jwt', async () => {
    await expectRejected(await customDpopProof(tpp.dpopKey, token.tokenEndpoint, { header: { typ: 'JWT' } }));
  });

  it('[DPOP-1] [ALG-1] rejects alg none and HS256 proofs', async () => {
    await expectRejected(unsignedDpopProof(tpp.dpopKey, token.tokenEndpoint));
    await expectRejected(await customDpopProof(tpp.dpopKey, token.tokenEndpoint, { alg: 'HS256' }));
  });

  it('[DPOP-1] rejects two DPoP headers', async () => {
    await expectRejected([
      await customDpopProof(tpp.dpopKey, token.tokenEndpoint),
      await customDpopProof(tpp.dpopKey, token.tokenEndpoint),
    ]);
  });

  it('[DPOP-1] rejects a proof whose iat is stale or far in the future', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRejected(
      await customDpopProof(tpp.dpopKey, token.tokenEndpoint, { claims: { iat: now - 300 } }),
    );
    await expectRejected(
      await customDpopProof(tpp.dpopKey, token.tokenEndpoint, { claims: { iat: now + 300 } }),
    );
  });

  it('[DPOP-1] rejects a proof with a bad signature', async () => {
    await expectRejected(TestTpp.tampered(await customDpopProof(tpp.dpopKey, token.tokenEndpoint)));
  });
});

describe('POST /token: DPoP server nonces', () => {
  let token: TokenHarness;
  let tpp: TestTpp;

  beforeAll(async () => {
    token = await startToken({
      env: { DPOP_NONCE_SECRETS: Buffer.alloc(32, 7).toString('base64url'), DPOP_NONCE_REQUIRED: 'true' },
    });
    [tpp] = token.tpps;
  });

  afterAll(async () => {
    await token?.close();
  });

  it('[DPOP-2] answers use_dpop_nonce with a DPoP-Nonce header, then accepts a proof carrying it', async () => {
    const request = { grant_type: 'client_credentials' };
    const first = await postToken(tpp, token.tokenEndpoint, token.issuer, request);
    expect([first.status, first.body.error]).toEqual([400, 'use_dpop_nonce']);
    const nonce = first.headers.get('dpop-nonce');
    expect(nonce).toEqual(expect.any(String));
    const second = await postToken(tpp, token.tokenEndpoint, token.issuer, request, {
      dpopNonce: nonce ?? '',
    });
    expect([second.status, second.body.token_type]).toEqual([200, 'DPoP']);
    expect(second.headers.get('dpop-nonce')).toEqual(expect.any(String));
  });

  it('[DPOP-2] rejects a nonce the server never issued', async () => {
    const { status, body } = await postToken(
      tpp,
      token.tokenEndpoint,
      token.issuer,
      { grant_type: 'client_credentials' },
      { dpopNonce: 'made-up-nonce' },
    );
    expect([status, body.error]).toEqual([400, 'use_dpop_nonce']);
  });
});
