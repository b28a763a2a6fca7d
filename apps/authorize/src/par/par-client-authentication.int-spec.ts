// POST /par: client authentication (CLI-1..3, PAR-2), the endpoint's own rules (PAR-3, PAR-5) and
// what a successful push stores. Negative tests first; each would pass a request without its check.
import { randomId, sha256 } from '@grantline/crypto';
import { TestTpp } from '@grantline/testing';
import { type AuthorizeHarness, startAuthorize } from '../test/authorize-harness';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

describe('POST /par: client authentication and endpoint rules', () => {
  let authorize: AuthorizeHarness;
  let tpp: TestTpp;
  let other: TestTpp;

  beforeAll(async () => {
    authorize = await startAuthorize();
    [tpp, other] = authorize.tpps;
  });

  afterAll(async () => {
    await authorize?.close();
  });

  const goodRequest = () => tpp.authorizationRequest(tpp.newPkce());
  const withAssertion = async (assertion: string, extra: Record<string, unknown> = {}) =>
    tpp.push(authorize.par, authorize.issuer, {
      ...goodRequest(),
      client_assertion_type: JWT_BEARER,
      client_assertion: assertion,
      ...extra,
    });

  it('[PAR-2] [CLI-1] rejects a request without client authentication', async () => {
    const { status, body } = await tpp.push(authorize.par, authorize.issuer, {
      ...goodRequest(),
      client_assertion_type: undefined,
      client_assertion: undefined,
    });
    expect(status).toBe(401);
    expect(body.error).toBe('invalid_client');
  });

  it('[CLI-1] rejects client_secret_basic and client_secret_post', async () => {
    const basic = await tpp.push(authorize.par, authorize.issuer, goodRequest(), {
      authorization: `Basic ${Buffer.from(`${tpp.clientId}:secret`).toString('base64')}`,
    });
    expect([basic.status, basic.body.error]).toEqual([401, 'invalid_client']);
    const post = await tpp.push(authorize.par, authorize.issuer, {
      ...goodRequest(),
      client_secret: 'secret',
    });
    expect([post.status, post.body.error]).toEqual([401, 'invalid_client']);
  });

  it('[CLI-2] rejects a client assertion whose aud is an array holding the issuer', async () => {
    const { status, body } = await withAssertion(
      await tpp.clientAssertion(authorize.issuer, { aud: [authorize.issuer] }),
    );
    expect([status, body.error]).toEqual([401, 'invalid_client']);
  });

  it('[CLI-2] rejects a client assertion whose aud is the PAR endpoint URL', async () => {
    const { status, body } = await withAssertion(
      await tpp.clientAssertion(authorize.issuer, { aud: authorize.par }),
    );
    expect([status, body.error]).toEqual([401, 'invalid_client']);
  });

  it('[CLI-2] rejects a client assertion whose aud is the token endpoint URL', async () => {
    const { status, body } = await withAssertion(
      await tpp.clientAssertion(authorize.issuer, { aud: `${authorize.issuer}/token` }),
    );
    expect([status, body.error]).toEqual([401, 'invalid_client']);
  });

  it('[CLI-2] rejects an expired assertion and one without exp', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await withAssertion(
      await tpp.clientAssertion(authorize.issuer, { iat: now - 120, exp: now - 60 }),
    );
    expect([expired.status, expired.body.error]).toEqual([401, 'invalid_client']);
    const noExp = await withAssertion(await tpp.clientAssertion(authorize.issuer, { exp: undefined }));
    expect([noExp.status, noExp.body.error]).toEqual([401, 'invalid_client']);
  });

  it('[CLI-2] rejects an assertion whose nbf lies more than 60 s ahead', async () => {
    const now = Math.floor(Date.now() / 1000);
    const { status } = await withAssertion(
      await tpp.clientAssertion(authorize.issuer, { nbf: now + 120, exp: now + 180 }),
    );
    expect(status).toBe(401);
  });

  it('[CLI-2] rejects a replayed assertion jti', async () => {
    const assertion = await tpp.clientAssertion(authorize.issuer);
    expect((await withAssertion(assertion)).status).toBe(201);
    const replay = await withAssertion(assertion);
    expect([replay.status, replay.body.error]).toEqual([401, 'invalid_client']);
  });

  it('[ALG-1] [CLI-2] rejects assertions signed with RS256, none, or a broken signature', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: tpp.clientId,
      sub: tpp.clientId,
      aud: authorize.issuer,
      jti: `j-${now}-${Math.random()}`,
      exp: now + 60,
    };
    for (const assertion of [
      await tpp.forgeWithAlg('RS256', claims),
      await tpp.forgeWithAlg('HS256', { ...claims, jti: `${claims.jti}-hs` }),
      TestTpp.unsigned({ ...claims, jti: `${claims.jti}-none` }),
      TestTpp.tampered(await tpp.clientAssertion(authorize.issuer)),
    ]) {
      const { status, body } = await withAssertion(assertion);
      expect([status, body.error]).toEqual([401, 'invalid_client']);
    }
  });

  it("[CLI-3] rejects an assertion signed with another client's key", async () => {
    const now = Math.floor(Date.now() / 1000);
    const forged = await tpp.sign(
      {
        iss: tpp.clientId,
        sub: tpp.clientId,
        aud: authorize.issuer,
        jti: `x-${now}`,
        iat: now,
        exp: now + 60,
      },
      { typ: 'JWT' },
      other.signingKey,
    );
    const { status, body } = await withAssertion(forged);
    expect([status, body.error]).toEqual([401, 'invalid_client']);
  });

  it('[CLI-3] rejects a client_id parameter naming another client than the assertion', async () => {
    const { status, body } = await tpp.push(authorize.par, authorize.issuer, {
      ...goodRequest(),
      client_id: other.clientId,
    });
    expect([status, body.error]).toEqual([401, 'invalid_client']);
  });

  it('[PAR-5] rejects a repeated parameter', async () => {
    const request = goodRequest();
    const { status, body } = await tpp.push(authorize.par, authorize.issuer, {
      ...request,
      scope: ['openid', 'accounts'],
    });
    expect([status, body.error]).toEqual([400, 'invalid_request']);
  });

  it('[PAR-5] rejects request_uri as a form parameter', async () => {
    const { status, body } = await tpp.push(authorize.par, authorize.issuer, {
      ...goodRequest(),
      request_uri: 'urn:ietf:params:oauth:request_uri:abc',
    });
    expect([status, body.error]).toEqual([400, 'invalid_request']);
  });

  it.each(['GET', 'PUT', 'PATCH', 'DELETE'])(
    '[PAR-5] rejects %s on the PAR endpoint with 405',
    async (method) => {
      const response = await fetch(authorize.par, { method });
      expect(response.status).toBe(405);
      expect(((await response.json()) as Record<string, unknown>).error).toBe('invalid_request');
    },
  );

  it('[ROB-1] answers a JSON body with invalid_request, never a 500', async () => {
    const response = await fetch(authorize.par, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: tpp.clientId }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Record<string, unknown>).error).toBe('invalid_request');
  });

  it('[PAR-3] answers 201 with a request_uri living the profile lifetime, and records ParRequestPushed without credentials', async () => {
    const { status, body } = await tpp.pushAuthorizationRequest(authorize.par, authorize.issuer);
    expect(status).toBe(201);
    expect(body).toEqual({
      request_uri: expect.stringMatching(/^urn:ietf:params:oauth:request_uri:[A-Za-z0-9_-]{43}$/),
      expires_in: 60,
    });
    const rows: Array<{ data: Record<string, unknown> }> = await authorize.dataSource.query(
      `SELECT data FROM events WHERE type = 'ParRequestPushed' AND data->>'clientId' = $1`,
      [tpp.clientId],
    );
    expect(rows.length).toBeGreaterThan(0);
    const event = JSON.stringify(rows);
    expect(event).not.toContain(String(body.request_uri).split(':').pop());
    expect(rows.at(-1)?.data).toMatchObject({
      clientId: tpp.clientId,
      redirectUri: tpp.redirectUri,
      dpopJkt: tpp.dpopJkt,
    });
  });

  it("[CLI-2] tells the token service which assertion it spent: its jti's SHA-256 and expiry in ParRequestPushed", async () => {
    const jti = `par-${randomId(16)}`;
    const exp = Math.floor(Date.now() / 1000) + 60;
    const { status } = await withAssertion(await tpp.clientAssertion(authorize.issuer, { jti, exp }));
    expect(status).toBe(201);
    const rows: Array<{ data: Record<string, unknown> }> = await authorize.dataSource.query(
      `SELECT data FROM events WHERE type = 'ParRequestPushed' AND data->>'clientAssertionJtiSha256' = $1`,
      [sha256(jti).toString('base64url')],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.data['clientAssertionExpiresAt']).toBe(new Date(exp * 1000).toISOString());
    expect(JSON.stringify(rows)).not.toContain(jti);
  });
});
