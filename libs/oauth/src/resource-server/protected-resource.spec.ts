import { generateSigningKey, signJwt } from '@grantline/crypto';
import { AUDIENCE, ISSUER, NOW, RESOURCE_URL, ResourceServerWorld, rejectionOf } from './test/fixtures';

const ALGS = 'algs="PS256 ES256 EdDSA"';

describe('the resource-server check, hostile requests first', () => {
  let world: ResourceServerWorld;
  beforeEach(() => {
    world = new ResourceServerWorld();
  });

  it('[TOK-7] rejects an access token in the query string', async () => {
    const request = await world.validDpopRequest();
    const error = await rejectionOf(
      world.resource.verify({ ...request, url: `${RESOURCE_URL}?access_token=${'x'.repeat(20)}` }),
    );
    expect(error.code).toBe('invalid_request');
    expect(error.status).toBe(400);
    expect(error.toProtocolProblem().headers?.['www-authenticate']).toMatch(/^DPoP error="invalid_request"/);
  });

  it('[TOK-7] rejects an access token in the parsed query or a form body', async () => {
    const request = await world.validDpopRequest();
    expect(
      (await rejectionOf(world.resource.verify({ ...request, query: { access_token: 'x' } }))).code,
    ).toBe('invalid_request');
    expect((await rejectionOf(world.resource.verify({ ...request, body: { access_token: 'x' } }))).code).toBe(
      'invalid_request',
    );
  });

  it('[SC-1] rejects a DPoP-bound token presented with the Bearer scheme', async () => {
    const token = await world.accessToken();
    const request = { ...world.dpopRequest(token, await world.proof(token)) };
    const error = await rejectionOf(
      world.resource.verify({
        ...request,
        headers: { ...request.headers, authorization: `Bearer ${token}` },
      }),
    );
    expect(error.code).toBe('invalid_token');
    expect(error.status).toBe(401);
    expect(error.toProtocolProblem().headers?.['www-authenticate']).not.toMatch(/Bearer/);
  });

  it('[SC-1] rejects a token without cnf, in either scheme', async () => {
    const token = await world.accessToken({ cnf: undefined });
    const proof = await world.proof(token);
    const dpop = await rejectionOf(world.resource.verify(world.dpopRequest(token, proof)));
    expect(dpop.code).toBe('invalid_token');
    const bearer = await rejectionOf(
      world.resource.verify({
        method: 'GET',
        url: RESOURCE_URL,
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    expect(bearer.code).toBe('invalid_token');
    expect(bearer.toProtocolProblem().body['error_description']).toBe(
      'The access token is not sender-constrained',
    );
  });

  it('[SC-1] asks for credentials without an error code when none are sent', async () => {
    const error = await rejectionOf(world.resource.verify({ method: 'GET', url: RESOURCE_URL, headers: {} }));
    expect(error.status).toBe(401);
    expect(error.toProtocolProblem().headers?.['www-authenticate']).toBe(`DPoP ${ALGS}`);
  });

  it('[SC-1] rejects other schemes and malformed headers', async () => {
    const basic = await rejectionOf(
      world.resource.verify({
        method: 'GET',
        url: RESOURCE_URL,
        headers: { authorization: 'Basic dXNlcjpwdw==' },
      }),
    );
    expect(basic.code).toBe('invalid_token');
    const malformed = await rejectionOf(
      world.resource.verify({ method: 'GET', url: RESOURCE_URL, headers: { authorization: 'DPoP a b' } }),
    );
    expect(malformed.code).toBe('invalid_request');
  });

  it('[DPOP-1] rejects a DPoP-bound token without a DPoP proof', async () => {
    const token = await world.accessToken();
    const error = await rejectionOf(
      world.resource.verify({
        method: 'GET',
        url: RESOURCE_URL,
        headers: { authorization: `DPoP ${token}` },
      }),
    );
    expect(error.code).toBe('invalid_dpop_proof');
    expect(error.status).toBe(401);
    expect(error.toProtocolProblem().headers?.['www-authenticate']).toMatch(
      /^DPoP error="invalid_dpop_proof", error_description="[^"]+", algs="PS256 ES256 EdDSA"$/,
    );
  });

  it('[DPOP-1] rejects a proof by another key than cnf.jkt names', async () => {
    const token = await world.accessToken();
    const attacker = generateSigningKey('ES256').signingKey;
    const error = await rejectionOf(
      world.resource.verify(world.dpopRequest(token, await world.proof(token, { key: attacker }))),
    );
    expect(error.code).toBe('invalid_token');
    expect(error.toProtocolProblem().body['error_description']).toBe('Invalid DPoP key binding');
  });

  it('[DPOP-1] rejects a proof whose ath is for another access token', async () => {
    const token = await world.accessToken();
    const otherToken = await world.accessToken();
    const error = await rejectionOf(
      world.resource.verify(world.dpopRequest(token, await world.proof(otherToken))),
    );
    expect(error.code).toBe('invalid_dpop_proof');
  });

  it('[DPOP-1] rejects a proof for another method or URL', async () => {
    const token = await world.accessToken();
    const post = await world.proof(token, { method: 'POST' });
    expect((await rejectionOf(world.resource.verify(world.dpopRequest(token, post)))).code).toBe(
      'invalid_dpop_proof',
    );
    const elsewhere = await world.proof(token, { url: `${AUDIENCE}/accounts/acc-1/transactions` });
    expect((await rejectionOf(world.resource.verify(world.dpopRequest(token, elsewhere)))).code).toBe(
      'invalid_dpop_proof',
    );
  });

  it('[DPOP-1] rejects a replayed proof', async () => {
    const request = await world.validDpopRequest();
    await world.resource.verify(request);
    expect((await rejectionOf(world.resource.verify(request))).code).toBe('invalid_dpop_proof');
  });

  it('[DPOP-1] rejects two DPoP headers', async () => {
    const token = await world.accessToken();
    const request = world.dpopRequest(token, await world.proof(token));
    const twice = {
      ...request,
      headers: { ...request.headers, dpop: [await world.proof(token), await world.proof(token)] },
    };
    expect((await rejectionOf(world.resource.verify(twice))).code).toBe('invalid_dpop_proof');
  });

  it('[DPOP-1] rejects a proof from an hour ago', async () => {
    const token = await world.accessToken({ exp: NOW + 7200 });
    world.now -= 3600_000;
    const stale = await world.proof(token);
    world.now += 3600_000;
    expect((await rejectionOf(world.resource.verify(world.dpopRequest(token, stale)))).code).toBe(
      'invalid_dpop_proof',
    );
  });

  it('[TOK-1] rejects an expired token', async () => {
    const token = await world.accessToken({ iat: NOW - 600, exp: NOW - 1 });
    const error = await rejectionOf(
      world.resource.verify(world.dpopRequest(token, await world.proof(token))),
    );
    expect(error.code).toBe('invalid_token');
    expect(error.toProtocolProblem().body['error_description']).toBe('The access token has expired');
  });

  it('[TOK-1] rejects a token for another audience', async () => {
    const token = await world.accessToken({ aud: 'https://api.other-bank.example' });
    const error = await rejectionOf(
      world.resource.verify(world.dpopRequest(token, await world.proof(token))),
    );
    expect(error.code).toBe('invalid_token');
    expect(error.toProtocolProblem().body['error_description']).toBe(
      'The access token was not issued for this resource',
    );
  });

  it('[TOK-1] rejects a token from another issuer', async () => {
    const token = await world.accessToken({ iss: 'https://as.attacker.example' });
    const error = await rejectionOf(
      world.resource.verify(world.dpopRequest(token, await world.proof(token))),
    );
    expect(error.code).toBe('invalid_token');
  });

  it('[TOK-1] rejects a token signed by a key the token service does not publish', async () => {
    const forger = generateSigningKey('ES256', 'as-key-1').signingKey;
    const token = await world.accessToken({}, forger);
    expect(
      (await rejectionOf(world.resource.verify(world.dpopRequest(token, await world.proof(token))))).code,
    ).toBe('invalid_token');
  });

  it('[ALG-1] rejects a token signed with an algorithm outside the profile (br-of: PS256 only)', async () => {
    const brWorld = new ResourceServerWorld({ algorithms: ['PS256'] });
    const token = await brWorld.accessToken();
    const error = await rejectionOf(
      brWorld.resource.verify(brWorld.dpopRequest(token, await brWorld.proof(token))),
    );
    expect(error.code).toBe('invalid_token');
    expect(error.toProtocolProblem().headers?.['www-authenticate']).toMatch(/algs="PS256"$/);
  });

  it('[TOK-1] rejects a signed JWT that is not an at+jwt (e.g. an ID token)', async () => {
    const idToken = await signJwt(world.tokenService, {
      iss: ISSUER,
      sub: 'psu-7781',
      aud: AUDIENCE,
      client_id: 'tpp-1',
      iat: NOW,
      exp: NOW + 300,
      jti: 'id-1',
      cnf: { jkt: world.jkt },
    });
    const error = await rejectionOf(
      world.resource.verify(world.dpopRequest(idToken, await world.proof(idToken))),
    );
    expect(error.code).toBe('invalid_token');
  });

  it('[TOK-6] rejects a revoked token (jti)', async () => {
    const token = await world.accessToken({ jti: 'at-revoked' });
    world.denylist.revokeToken('at-revoked');
    const error = await rejectionOf(
      world.resource.verify(world.dpopRequest(token, await world.proof(token))),
    );
    expect(error.code).toBe('invalid_token');
    expect(error.toProtocolProblem().body['error_description']).toBe('The access token has been revoked');
  });

  it('[GM-2] rejects a token of a revoked grant', async () => {
    world.denylist.revokeGrant('grant-1');
    expect((await rejectionOf(world.resource.verify(await world.validDpopRequest()))).code).toBe(
      'invalid_token',
    );
  });

  it('[CON-1] rejects a token of a revoked consent', async () => {
    world.denylist.revokeConsent('aac-1');
    expect((await rejectionOf(world.resource.verify(await world.validDpopRequest()))).code).toBe(
      'invalid_token',
    );
  });

  it('answers 403 insufficient_scope naming the scope needed', async () => {
    const error = await rejectionOf(world.resource.verify(await world.validDpopRequest(), ['payments']));
    expect(error.code).toBe('insufficient_scope');
    expect(error.status).toBe(403);
    expect(error.toProtocolProblem().headers?.['www-authenticate']).toContain('scope="payments"');
  });

  it('rejects malformed claims instead of handing them to handlers', async () => {
    const token = await world.accessToken({ authorization_details: [{ consent_id: 'no-type' }] });
    expect(
      (await rejectionOf(world.resource.verify(world.dpopRequest(token, await world.proof(token))))).code,
    ).toBe('invalid_token');
  });

  it('[TOK-7] never echoes the access token in an error', async () => {
    const token = await world.accessToken({ aud: 'https://elsewhere.example' });
    const error = await rejectionOf(
      world.resource.verify(world.dpopRequest(token, await world.proof(token))),
    );
    expect(JSON.stringify(error.toProtocolProblem())).not.toContain(token.split('.')[2]);
  });
});

describe('the verified principal', () => {
  it('[SC-1] hands handlers the typed claims of a DPoP-bound token', async () => {
    const world = new ResourceServerWorld();
    const token = await world.accessToken({ scope: 'accounts payments', jti: 'at-42' });
    const principal = await world.resource.verify(world.dpopRequest(token, await world.proof(token)), [
      'accounts',
    ]);
    expect(principal).toEqual({
      client_id: 'tpp-1',
      sub: 'psu-7781',
      scope: 'accounts payments',
      scopes: ['accounts', 'payments'],
      grant_id: 'grant-1',
      authorization_details: [{ type: 'account_access', consent_id: 'aac-1' }],
      cnf: { jkt: world.jkt },
      jti: 'at-42',
      exp: NOW + 300,
      sender: 'dpop',
    });
  });

  it('[DPOP-1] accepts a query string on the request URL (htu excludes it)', async () => {
    const world = new ResourceServerWorld();
    const token = await world.accessToken();
    const proof = await world.proof(token);
    const principal = await world.resource.verify(
      world.dpopRequest(token, proof, `${RESOURCE_URL}?fromBookingDateTime=2026-01-01`),
    );
    expect(principal.sub).toBe('psu-7781');
  });
});
