// POST /token: refresh_token (TOK-3, DPOP-3: bound to client and DPoP key, never rotated, revoked
// grants refused) and client_credentials (FLOW-2: scopes limited to the client's roles, SC-1).
import { generateSigningKey, readUnverifiedJwt } from '@grantline/crypto';
import { TestTpp } from '@grantline/testing';
import { TokenRecords } from '../records';
import { type TokenHarness, startToken } from '../test/token-harness';
import { postToken } from '../test/token-requests';

describe('POST /token: refresh_token and client_credentials', () => {
  let token: TokenHarness;
  let tpp: TestTpp;
  let other: TestTpp;
  let aisp: TestTpp;
  let pisp: TestTpp;

  beforeAll(async () => {
    aisp = new TestTpp({ roles: ['AISP'] });
    pisp = new TestTpp({ roles: ['PISP'] });
    token = await startToken({ tpps: [new TestTpp(), new TestTpp(), aisp, pisp] });
    [tpp, other] = token.tpps;
  });

  afterAll(async () => {
    await token?.close();
  });

  /** A refresh token from a real code redemption. */
  async function refreshTokenOf(client: TestTpp): Promise<{ refreshToken: string; grantId: string }> {
    const sealed = token.sealCode(client);
    const { status, body } = await postToken(client, token.tokenEndpoint, token.issuer, {
      grant_type: 'authorization_code',
      code: sealed.code,
      redirect_uri: client.redirectUri,
      code_verifier: sealed.verifier,
    });
    expect(status).toBe(200);
    return { refreshToken: body.refresh_token as string, grantId: sealed.content.grant_id };
  }

  const refresh = (client: TestTpp, refreshToken: string, options: Parameters<typeof postToken>[4] = {}) =>
    postToken(
      client,
      token.tokenEndpoint,
      token.issuer,
      { grant_type: 'refresh_token', refresh_token: refreshToken },
      options,
    );

  it('[TOK-3] refreshes: a new DPoP-bound access token on the same grant, the refresh token not rotated', async () => {
    const { refreshToken, grantId } = await refreshTokenOf(tpp);
    const { status, body } = await refresh(tpp, refreshToken);
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'DPoP', grant_id: grantId, scope: 'openid accounts' });
    expect(body.refresh_token).toBeUndefined();
    expect(readUnverifiedJwt(body.access_token as string).claims).toMatchObject({
      grant_id: grantId,
      cnf: { jkt: tpp.dpopJkt },
      client_id: tpp.clientId,
    });
    const again = await refresh(tpp, refreshToken);
    expect(again.status).toBe(200);
  });

  it('[TOK-3] rejects a refresh token presented by another client', async () => {
    const { refreshToken } = await refreshTokenOf(tpp);
    const { status, body } = await refresh(other, refreshToken);
    expect([status, body.error]).toEqual([400, 'invalid_grant']);
  });

  it('[TOK-3] rejects a refresh without client authentication', async () => {
    const { refreshToken } = await refreshTokenOf(tpp);
    const { status, body } = await postToken(
      tpp,
      token.tokenEndpoint,
      token.issuer,
      { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: tpp.clientId },
      { assertion: null },
    );
    expect([status, body.error]).toEqual([401, 'invalid_client']);
  });

  it('[DPOP-3] rejects a refresh proven with another DPoP key than the refresh token is bound to', async () => {
    const { refreshToken } = await refreshTokenOf(tpp);
    const { status, body } = await refresh(tpp, refreshToken, {
      dpopKey: generateSigningKey('ES256').signingKey,
    });
    expect([status, body.error]).toEqual([400, 'invalid_grant']);
  });

  it('[SC-1] rejects a refresh without any proof of possession', async () => {
    const { refreshToken } = await refreshTokenOf(tpp);
    const { status } = await refresh(tpp, refreshToken, { dpop: null });
    expect(status).toBe(400);
  });

  it('[GM-2] rejects a refresh token whose grant was revoked', async () => {
    const { refreshToken, grantId } = await refreshTokenOf(tpp);
    await token.dataSource.transaction((tx) =>
      token.app.get(TokenRecords).revokeByGrant(grantId, 'grant_revoked', tx),
    );
    const { status, body } = await refresh(tpp, refreshToken);
    expect([status, body.error]).toEqual([400, 'invalid_grant']);
  });

  it('[TOK-3] rejects an unknown refresh token', async () => {
    const { status, body } = await refresh(tpp, 'x'.repeat(43));
    expect([status, body.error]).toEqual([400, 'invalid_grant']);
  });

  const clientCredentials = (
    client: TestTpp,
    scope?: string,
    options: Parameters<typeof postToken>[4] = {},
  ) =>
    postToken(
      client,
      token.tokenEndpoint,
      token.issuer,
      { grant_type: 'client_credentials', scope },
      options,
    );

  it('[FLOW-2] gives an AISP client an accounts token and a PISP client a payments token', async () => {
    const accounts = await clientCredentials(aisp);
    expect(accounts.status).toBe(200);
    expect(accounts.body).toMatchObject({ token_type: 'DPoP', scope: 'accounts' });
    expect(accounts.body.refresh_token).toBeUndefined();
    expect(readUnverifiedJwt(accounts.body.access_token as string).claims).toMatchObject({
      sub: aisp.clientId,
      client_id: aisp.clientId,
      scope: 'accounts',
      cnf: { jkt: aisp.dpopJkt },
    });
    const payments = await clientCredentials(pisp, 'payments');
    expect(payments.status).toBe(200);
    expect(payments.body).toMatchObject({ token_type: 'DPoP', scope: 'payments' });
  });

  it("[FLOW-2] refuses a scope outside the client's roles", async () => {
    const payments = await clientCredentials(aisp, 'payments');
    expect([payments.status, payments.body.error]).toEqual([400, 'invalid_scope']);
    const openid = await clientCredentials(tpp, 'openid accounts');
    expect([openid.status, openid.body.error]).toEqual([400, 'invalid_scope']);
  });

  it('[SC-1] refuses client_credentials without a proof of possession', async () => {
    const { status } = await clientCredentials(aisp, 'accounts', { dpop: null });
    expect(status).toBe(400);
  });
});
