// POST /introspect (RFC 7662) against the real token service on PostgreSQL: TOK-5's owner-only
// answers for access and refresh tokens, and CLI-3's client authentication.
import { jwkThumbprint } from '@grantline/crypto';
import { TestTpp, selfSignedClientCertificate, type TestCertificate } from '@grantline/testing';
import { TokenRecords } from '../records';
import { ISSUER, TokenWorld } from '../test/token-world';

const world = new TokenWorld();
const [owner, other] = world.tpps;
// A client authenticating with its own certificate (RFC 8705 §2.2), forwarded by a trusted proxy.
const mtlsTpp = new TestTpp({ clientId: 'tpp-mtls' });
const CERT_HEADER = 'x-test-client-cert';
let certificate: TestCertificate;

beforeAll(async () => {
  certificate = await selfSignedClientCertificate({ subject: 'CN=tpp-mtls' });
  await world.start({
    clients: [
      {
        ...mtlsTpp.registration(),
        token_endpoint_auth_method: 'self_signed_tls_client_auth',
        jwks: { keys: [certificate.publicJwk] },
      },
    ],
    environment: { CLIENT_CERT_HEADER: CERT_HEADER, CLIENT_CERT_TRUSTED_PROXIES: '127.0.0.1' },
  });
});
afterAll(() => world.stop());

describe('POST /introspect', () => {
  it('[TOK-5] tells the owning client an access token is active, with its details', async () => {
    const minted = await world.mint(owner);
    const response = await world.post('/introspect', { token: minted.accessToken });
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toMatchObject({
      active: true,
      client_id: owner.clientId,
      scope: 'openid accounts',
      sub: 'psu-pseudonym-1',
      iss: ISSUER,
      jti: minted.jti,
      token_type: 'DPoP',
      cnf: { jkt: jwkThumbprint(owner.dpopKey.publicJwk) },
      grant_id: minted.grantId,
      authorization_details: [expect.objectContaining({ type: 'account_access' })],
    });
    expect(response.body.exp).toBeGreaterThan(response.body.iat);
  });

  it('[TOK-5] tells another client nothing but active: false', async () => {
    const minted = await world.mint(owner);
    for (const token of [minted.accessToken, minted.refreshToken]) {
      const response = await world.post('/introspect', { token }, other);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ active: false });
    }
  });

  it('[TOK-5] reports a revoked access token inactive', async () => {
    const minted = await world.mint(owner);
    await world.app.get(TokenRecords).revokeAccessToken(minted.jti, 'revoked_by_client');
    expect((await world.post('/introspect', { token: minted.accessToken })).body).toEqual({ active: false });
  });

  it('[TOK-5] reports an expired access token inactive', async () => {
    const minted = await world.mint(owner, { lifetimeSeconds: -5 });
    expect((await world.post('/introspect', { token: minted.accessToken })).body).toEqual({ active: false });
  });

  it('[TOK-5] reports an access token we never recorded, or a forged one, inactive', async () => {
    const minted = await world.mint(owner);
    expect((await world.post('/introspect', { token: TestTpp.tampered(minted.accessToken) })).body).toEqual({
      active: false,
    });
    expect((await world.post('/introspect', { token: 'not-a-token' })).body).toEqual({ active: false });
  });

  it('[TOK-5] reports a refresh token to its owner (AU: refresh-token status), whatever the hint says', async () => {
    const minted = await world.mint(owner);
    for (const hint of ['refresh_token', 'access_token', 'something_else']) {
      const response = await world.post('/introspect', { token: minted.refreshToken, token_type_hint: hint });
      expect(response.body).toMatchObject({
        active: true,
        client_id: owner.clientId,
        scope: 'openid accounts',
        sub: 'psu-pseudonym-1',
        iss: ISSUER,
        token_type: 'refresh_token',
        grant_id: minted.grantId,
        cnf: { jkt: jwkThumbprint(owner.dpopKey.publicJwk) },
      });
      expect(response.body.access_token).toBeUndefined();
    }
    await world.app.get(TokenRecords).revokeRefreshToken(minted.refreshTokenId, 'revoked_by_client');
    expect((await world.post('/introspect', { token: minted.refreshToken })).body).toEqual({ active: false });
  });

  it('[TOK-5] [CLI-3] refuses a caller without client authentication with 401 invalid_client', async () => {
    const minted = await world.mint(owner);
    const response = await world.post('/introspect', { token: minted.accessToken }, 'anonymous');
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('invalid_client');
    expect(JSON.stringify(response.body)).not.toContain('active');
  });

  it('[CLI-1] refuses client_secret_basic at introspection', async () => {
    const minted = await world.mint(owner);
    const response = await world.post(
      '/introspect',
      { token: minted.accessToken, client_id: owner.clientId },
      'anonymous',
      {
        authorization: `Basic ${Buffer.from(`${owner.clientId}:secret`).toString('base64')}`,
      },
    );
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('invalid_client');
  });

  it('answers a request without a token with 400 invalid_request', async () => {
    const response = await world.post('/introspect', {});
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_request');
  });

  it('[TOK-5] [CLI-1] authenticates an mTLS client by its certificate, and refuses it without one', async () => {
    const minted = await world.mint(mtlsTpp);
    const withCertificate = await world.post(
      '/introspect',
      { token: minted.accessToken, client_id: mtlsTpp.clientId },
      'anonymous',
      { [CERT_HEADER]: Buffer.from(certificate.der).toString('base64') },
    );
    expect(withCertificate.status).toBe(200);
    expect(withCertificate.body).toMatchObject({ active: true, client_id: mtlsTpp.clientId });
    const without = await world.post(
      '/introspect',
      { token: minted.accessToken, client_id: mtlsTpp.clientId },
      'anonymous',
    );
    expect(without.status).toBe(401);
    expect(without.body.error).toBe('invalid_client');
  });
});
