// Introspection and revocation of tokens the real POST /token issued (authorization_code with
// private_key_jwt + DPoP), over HTTP: the records the token endpoint writes are the ones
// /introspect reads and /revoke ends, and a revoked refresh token no longer refreshes.
import { type TokenHarness, startToken } from '../test/token-harness';
import { postToken } from '../test/token-requests';

describe('tokens from POST /token through /introspect and /revoke', () => {
  let token: TokenHarness;

  beforeAll(async () => {
    token = await startToken();
  });

  afterAll(async () => {
    await token?.close();
  });

  // Client-authenticated form POSTs; the DPoP header only matters at /token.
  const call = (path: string, parameters: Record<string, string>, tpp = token.tpps[0]) =>
    postToken(
      tpp,
      `${token.issuer}${path}`,
      token.issuer,
      parameters,
      path === '/token' ? {} : { dpop: null },
    );

  async function redeem(tpp = token.tpps[0]) {
    const sealed = token.sealCode(tpp);
    const issued = await call(
      '/token',
      {
        grant_type: 'authorization_code',
        code: sealed.code,
        redirect_uri: tpp.redirectUri,
        code_verifier: sealed.verifier,
      },
      tpp,
    );
    expect(issued.status).toBe(200);
    return {
      sealed,
      accessToken: issued.body['access_token'] as string,
      refreshToken: issued.body['refresh_token'] as string,
    };
  }

  it('[TOK-5] introspects issued access and refresh tokens for their owner only', async () => {
    const { sealed, accessToken, refreshToken } = await redeem();
    const access = await call('/introspect', { token: accessToken });
    expect(access.status).toBe(200);
    expect(access.body).toMatchObject({
      active: true,
      client_id: token.tpps[0].clientId,
      grant_id: sealed.content.grant_id,
      token_type: 'DPoP',
      cnf: { jkt: token.tpps[0].dpopJkt },
      iss: token.issuer,
    });
    expect(
      (await call('/introspect', { token: refreshToken, token_type_hint: 'refresh_token' })).body,
    ).toMatchObject({
      active: true,
      grant_id: sealed.content.grant_id,
    });
    expect((await call('/introspect', { token: accessToken }, token.tpps[1])).body).toEqual({
      active: false,
    });
  });

  it('[TOK-6] revoking the issued refresh token ends its access token and further refreshes', async () => {
    const { accessToken, refreshToken } = await redeem();
    expect((await call('/revoke', { token: refreshToken })).status).toBe(200);
    expect((await call('/introspect', { token: accessToken })).body).toEqual({ active: false });
    expect((await call('/introspect', { token: refreshToken })).body).toEqual({ active: false });
    const refreshed = await call('/token', { grant_type: 'refresh_token', refresh_token: refreshToken });
    expect(refreshed.status).toBe(400);
    expect(refreshed.body['error']).toBe('invalid_grant');
  });

  it('[CODE-2] a second redemption makes the first redemption’s tokens inactive', async () => {
    const tpp = token.tpps[0];
    const sealed = token.sealCode(tpp);
    const parameters = {
      grant_type: 'authorization_code',
      code: sealed.code,
      redirect_uri: tpp.redirectUri,
      code_verifier: sealed.verifier,
    };
    const first = await call('/token', parameters);
    expect(first.status).toBe(200);
    expect((await call('/token', parameters)).body['error']).toBe('invalid_grant');
    for (const issued of [first.body['access_token'], first.body['refresh_token']]) {
      expect((await call('/introspect', { token: issued as string })).body).toEqual({ active: false });
    }
  });
});
