// POST /revoke (RFC 7009) against the real token service: TOK-6's cascade from a refresh token to
// its grant's access tokens, TokenRevoked events for the resource servers' denylists, and §2.2's
// "200 whatever the token" for unknown and other clients' tokens.
import { TokenRecords } from '../records';
import { TokenWorld } from '../test/token-world';

const world = new TokenWorld();
const [owner, other] = world.tpps;

beforeAll(() => world.start());
afterAll(() => world.stop());

const introspect = async (token: string) => (await world.post('/introspect', { token })).body;

describe('POST /revoke', () => {
  it('[TOK-6] revoking a refresh token makes it and its grant’s access tokens inactive, with TokenRevoked', async () => {
    const minted = await world.mint(owner);
    const sameGrant = await world.mint(owner, { grantId: minted.grantId, withoutRefresh: true });
    const otherGrant = await world.mint(owner);

    const response = await world.post('/revoke', {
      token: minted.refreshToken,
      token_type_hint: 'refresh_token',
    });
    expect(response.status).toBe(200);
    expect(response.body).toBeUndefined();

    expect(await introspect(minted.refreshToken)).toEqual({ active: false });
    expect(await introspect(minted.accessToken)).toEqual({ active: false });
    expect(await introspect(sameGrant.accessToken)).toEqual({ active: false });
    expect(await introspect(otherGrant.accessToken)).toMatchObject({ active: true });
    for (const jti of [minted.jti, sameGrant.jti]) {
      expect((await world.revokedEvents('access-token', jti)).map((event) => event.data)).toEqual([
        expect.objectContaining({ tokenKind: 'access_token', tokenId: jti, reason: 'revoked_by_client' }),
      ]);
    }
    const [refreshEvent] = await world.revokedEvents('refresh-token', minted.refreshTokenId);
    expect(JSON.stringify(refreshEvent.data)).not.toContain(minted.refreshToken);
  });

  it('[TOK-6] revokes an access token by itself, whatever the hint says', async () => {
    const minted = await world.mint(owner);
    expect(
      (await world.post('/revoke', { token: minted.accessToken, token_type_hint: 'refresh_token' })).status,
    ).toBe(200);
    expect(await introspect(minted.accessToken)).toEqual({ active: false });
    expect(await introspect(minted.refreshToken)).toMatchObject({ active: true });
    expect(await world.revokedEvents('access-token', minted.jti)).toHaveLength(1);
  });

  it('[TOK-6] revoking another client’s tokens answers 200 and has no effect', async () => {
    const minted = await world.mint(owner);
    for (const token of [minted.refreshToken, minted.accessToken]) {
      const response = await world.post('/revoke', { token }, other);
      expect(response.status).toBe(200);
      expect(response.body).toBeUndefined();
    }
    expect(await introspect(minted.accessToken)).toMatchObject({ active: true });
    expect(await introspect(minted.refreshToken)).toMatchObject({ active: true });
    expect((await world.app.get(TokenRecords).findAccessToken(minted.jti))?.revokedAt).toBeUndefined();
  });

  it('[TOK-6] an unknown token answers 200 (RFC 7009 §2.2)', async () => {
    const response = await world.post('/revoke', {
      token: 'never-issued-token',
      token_type_hint: 'access_token',
    });
    expect(response.status).toBe(200);
  });

  it('[TOK-6] [CLI-3] refuses a caller without client authentication with 401 invalid_client', async () => {
    const minted = await world.mint(owner);
    const response = await world.post(
      '/revoke',
      { token: minted.refreshToken, client_id: owner.clientId },
      'anonymous',
    );
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('invalid_client');
    expect(await introspect(minted.refreshToken)).toMatchObject({ active: true });
  });

  it('answers a request without a token with 400 invalid_request', async () => {
    const response = await world.post('/revoke', {});
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_request');
  });
});

describe('methods other than POST', () => {
  it('answers 405 at /introspect and /revoke', async () => {
    const server = world.app.getHttpAdapter().getInstance() as unknown as import('fastify').FastifyInstance;
    for (const url of ['/introspect', '/revoke']) {
      expect((await server.inject({ method: 'GET', url })).statusCode).toBe(405);
    }
  });
});
