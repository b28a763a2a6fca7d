// POST /token with grant_type=authorization_code over HTTP on real PostgreSQL: the code's seal,
// lifetime, single use and bindings (CODE-1..3, PKCE-2, DPOP-3, SC-1), and what a good redemption
// issues (TOK-1, TOK-4, RAR-1, GM-2). Codes are sealed with the service's key as authorize seals them.
import {
  generateSigningKey,
  jwkThumbprint,
  keySetFromJwks,
  readUnverifiedJwt,
  verifyJwt,
} from '@grantline/crypto';
import { eventually } from '@grantline/testing';
import { TokenRecords } from '../records';
import { type TokenHarness, startToken } from '../test/token-harness';
import { postToken } from '../test/token-requests';

describe('POST /token: authorization_code', () => {
  let token: TokenHarness;

  beforeAll(async () => {
    token = await startToken();
  });

  afterAll(async () => {
    await token?.close();
  });

  afterEach(() => token.setClockOffset(0));

  const redeem = (
    tpp = token.tpps[0],
    sealed = token.sealCode(tpp),
    extra: Record<string, string | undefined> = {},
    options: Parameters<typeof postToken>[4] = {},
  ) =>
    postToken(
      tpp,
      token.tokenEndpoint,
      token.issuer,
      {
        grant_type: 'authorization_code',
        code: sealed.code,
        redirect_uri: tpp.redirectUri,
        code_verifier: sealed.verifier,
        ...extra,
      },
      options,
    );

  it('issues a DPoP-bound RFC 9068 access token, a refresh token and an ID token for a good code', async () => {
    const tpp = token.tpps[0];
    const sealed = token.sealCode(tpp);
    const { status, body, headers } = await redeem(tpp, sealed);
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body).toMatchObject({
      token_type: 'DPoP',
      expires_in: 300,
      scope: 'openid accounts',
      grant_id: sealed.content.grant_id,
      authorization_details: sealed.content.authorization_details,
    });
    expect(typeof body.refresh_token).toBe('string');
    const keys = keySetFromJwks({ keys: [token.signingKey.publicJwk] });
    const access = await verifyJwt(body.access_token as string, {
      keys,
      algorithms: ['ES256'],
      typ: 'at+jwt',
      clock: Date.now,
    });
    expect(access.header.typ).toBe('at+jwt');
    expect(access.claims).toMatchObject({
      iss: token.issuer,
      sub: sealed.content.sub,
      aud: token.issuer,
      client_id: tpp.clientId,
      scope: 'openid accounts',
      cnf: { jkt: tpp.dpopJkt },
      grant_id: sealed.content.grant_id,
      authorization_details: sealed.content.authorization_details,
    });
    expect(Number(access.claims.exp) - Number(access.claims.iat)).toBe(300);
    const idToken = await verifyJwt(body.id_token as string, {
      keys,
      algorithms: ['ES256'],
      clock: Date.now,
    });
    expect(idToken.claims).toMatchObject({
      iss: token.issuer,
      sub: sealed.content.sub,
      aud: tpp.clientId,
      nonce: sealed.content.nonce,
      auth_time: sealed.content.auth_time,
      acr: sealed.content.acr,
    });
    const events = await token.events.readStream(`code-${sealed.content.cid}`);
    expect(events.events.map((event) => event.type)).toEqual([
      'CodeRedeemed',
      'AccessTokenIssued',
      'RefreshTokenIssued',
    ]);
    expect(JSON.stringify(events.events)).not.toContain(body.access_token as string);
    expect(JSON.stringify(events.events)).not.toContain(body.refresh_token as string);
  });

  it('[SC-1] rejects a token request with neither a DPoP proof nor a client certificate', async () => {
    const { status, body } = await redeem(undefined, undefined, {}, { dpop: null });
    expect(status).toBe(400);
    expect(['invalid_dpop_proof', 'invalid_request']).toContain(body.error);
  });

  it('[CODE-1] rejects a code presented 61 s after it was issued', async () => {
    const tpp = token.tpps[0];
    const sealed = token.sealCode(tpp, {}, 60);
    token.setClockOffset(61_000);
    const now = Math.floor(token.clock() / 1000);
    const { status, body } = await redeem(
      tpp,
      sealed,
      {},
      {
        assertion: await tpp.clientAssertion(token.issuer, { iat: now, exp: now + 60 }),
        clock: token.clock,
      },
    );
    expect([status, body.error]).toEqual([400, 'invalid_grant']);
  });

  it('[CODE-1] rejects a code that is not a seal of ours', async () => {
    const sealed = token.sealCode(token.tpps[0]);
    const tampered = `${sealed.code.slice(0, -3)}AAA`;
    const { status, body } = await redeem(token.tpps[0], { ...sealed, code: tampered });
    expect([status, body.error]).toEqual([400, 'invalid_grant']);
  });

  it('[CODE-2] refuses a code reused after 1 s and revokes the tokens the first redemption issued', async () => {
    const tpp = token.tpps[0];
    const sealed = token.sealCode(tpp);
    const first = await redeem(tpp, sealed);
    expect(first.status).toBe(200);
    token.setClockOffset(1_000);
    const second = await redeem(tpp, sealed);
    expect([second.status, second.body.error]).toEqual([400, 'invalid_grant']);
    const records = token.app.get(TokenRecords);
    const jti = String(readUnverifiedJwt(first.body.access_token as string).claims.jti);
    expect((await records.findAccessToken(jti))?.revokedReason).toBe('code_reuse');
    expect((await records.findRefreshToken(first.body.refresh_token as string))?.revokedReason).toBe(
      'code_reuse',
    );
    const codeEvents = await token.events.readStream(`code-${sealed.content.cid}`);
    expect(codeEvents.events.map((event) => event.type)).toContain('CodeReuseDetected');
    await eventually(async () => {
      const revoked = await token.dataSource.query(
        `SELECT data FROM events WHERE type = 'TokenRevoked' AND data->>'tokenId' = $1`,
        [jti],
      );
      expect(revoked).toHaveLength(1);
    });
  });

  it('[CODE-2] refuses one of two simultaneous redemptions of a code and revokes what the other issued', async () => {
    const tpp = token.tpps[0];
    const sealed = token.sealCode(tpp);
    const answers = await Promise.all([redeem(tpp, sealed), redeem(tpp, sealed), redeem(tpp, sealed)]);
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 400, 400]);
    for (const refused of answers.filter((answer) => answer.status === 400)) {
      expect(refused.body.error).toBe('invalid_grant');
    }
    const winner = answers.find((answer) => answer.status === 200);
    const jti = String(readUnverifiedJwt(winner?.body.access_token as string).claims.jti);
    await eventually(async () =>
      expect((await token.app.get(TokenRecords).findAccessToken(jti))?.revokedReason).toBe('code_reuse'),
    );
    const { events } = await token.events.readStream(`code-${sealed.content.cid}`);
    expect(events.filter((event) => event.type === 'CodeRedeemed')).toHaveLength(1);
  });

  it('[CODE-3] rejects a code issued to another client', async () => {
    const [tpp, other] = token.tpps;
    const sealed = token.sealCode(other, { dpop_jkt: tpp.dpopJkt });
    const { status, body } = await redeem(tpp, sealed);
    expect([status, body.error]).toEqual([400, 'invalid_grant']);
  });

  it('[CODE-3] rejects a redirect_uri other than the one of the authorization request', async () => {
    const { status, body } = await redeem(undefined, undefined, {
      redirect_uri: 'https://tpp.example/elsewhere',
    });
    expect([status, body.error]).toEqual([400, 'invalid_grant']);
  });

  it('[PKCE-2] rejects a wrong code_verifier', async () => {
    const { status, body } = await redeem(undefined, undefined, {
      code_verifier: token.tpps[0].newPkce().verifier,
    });
    expect([status, body.error]).toEqual([400, 'invalid_grant']);
  });

  it('[PKCE-2] rejects a missing code_verifier', async () => {
    const { status, body } = await redeem(undefined, undefined, { code_verifier: undefined });
    expect([status, body.error]).toEqual([400, 'invalid_grant']);
  });

  it('[DPOP-3] rejects a DPoP key different from the dpop_jkt the code is bound to', async () => {
    const tpp = token.tpps[0];
    const other = generateSigningKey('ES256').signingKey;
    const sealed = token.sealCode(tpp, { dpop_jkt: jwkThumbprint(other.publicJwk) });
    const { status, body } = await redeem(tpp, sealed);
    expect([status, body.error]).toEqual([400, 'invalid_grant']);
  });

  it('[DPOP-3] rejects a DPoP key at the token endpoint other than the one given at PAR', async () => {
    const tpp = token.tpps[0];
    const { status, body } = await redeem(
      tpp,
      token.sealCode(tpp),
      {},
      {
        dpopKey: generateSigningKey('ES256').signingKey,
      },
    );
    expect([status, body.error]).toEqual([400, 'invalid_grant']);
  });

  it('[TOK-4] issues no ID token without the openid scope', async () => {
    const tpp = token.tpps[0];
    const { status, body } = await redeem(tpp, token.sealCode(tpp, { scope: 'accounts' }));
    expect(status).toBe(200);
    expect(body.id_token).toBeUndefined();
    expect(body.scope).toBe('accounts');
  });
});
