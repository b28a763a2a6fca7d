// Attacks on the front channel against the embedded runtime: pushed requests that downgrade PKCE,
// unregistered or missing redirect URIs, implicit and hybrid response types, request_uris replayed,
// expired or used by another client, authorization requests that were not pushed. What must happen:
// a 4xx OAuth error at /par, the server's own error page at /authorize, and never a redirect to a
// URI the server has not verified (seed 004 ④ and ⑪, FAPI 2.0 conformance negative modules).
import { PsuBrowser } from '@grantline/testing';
import { alice, AttackPlatform, oauthError } from './attack-platform';

describe('attacks on the authorization request', () => {
  const platform = new AttackPlatform();
  const { victim, attacker } = platform;

  beforeAll(() => platform.start(), 120_000);
  afterAll(() => platform.stop());

  /** The server's own page: an error status, no Location, nothing pointing at a client's URI. */
  async function expectOwnErrorPage(url: URL): Promise<void> {
    const page = await platform.browse(url);
    expect(page.status).toBeGreaterThanOrEqual(400);
    expect(page.status).toBeLessThan(500);
    expect(page.location).toBeNull();
    expect(page.text).not.toContain('victim.example');
    expect(page.text).not.toContain('attacker.example');
    expect(page.text).not.toContain('evil.example');
  }

  it('[META-1] advertises nothing the server refuses: no none, HS or RS256, no plain PKCE, no client secrets, no implicit or hybrid', async () => {
    for (const path of ['/.well-known/openid-configuration', '/.well-known/oauth-authorization-server']) {
      const metadata = (await (await fetch(`${platform.origin}${path}`)).json()) as Record<string, unknown>;
      expect(metadata).toMatchObject({
        issuer: platform.origin,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
        require_pushed_authorization_requests: true,
        authorization_response_iss_parameter_supported: true,
      });
      for (const method of metadata['token_endpoint_auth_methods_supported'] as string[])
        expect(['private_key_jwt', 'tls_client_auth', 'self_signed_tls_client_auth']).toContain(method);
      for (const [name, algs] of Object.entries(metadata).filter(([name]) =>
        name.endsWith('alg_values_supported'),
      ))
        for (const alg of algs as string[])
          expect({ name, alg, allowed: ['PS256', 'ES256', 'EdDSA'].includes(alg) }).toEqual({
            name,
            alg,
            allowed: true,
          });
      for (const grant of ['password', 'implicit'])
        expect(metadata['grant_types_supported'] ?? []).not.toContain(grant);
    }
  });

  it('[PKCE-1] fapi2 par-ensure-pkce-required: a pushed request without code_challenge is refused', async () => {
    const pkce = victim.newPkce();
    const pushed = await platform.par(
      victim,
      await platform.goodRequest(victim, pkce, {
        code_challenge: undefined,
        code_challenge_method: undefined,
      }),
    );
    expect(pushed).toMatchObject({ status: 400, body: oauthError('invalid_request') });
  });

  it('[PKCE-1] fapi2 par-plain-pkce-rejected: code_challenge_method=plain is refused', async () => {
    const pkce = victim.newPkce();
    const pushed = await platform.par(
      victim,
      await platform.goodRequest(victim, pkce, {
        code_challenge: pkce.verifier,
        code_challenge_method: 'plain',
      }),
    );
    expect(pushed).toMatchObject({ status: 400, body: oauthError('invalid_request') });
  });

  it('[PKCE-1] seed 004 PKCE downgrade: no method, plain, an unknown method or a verifier-shaped challenge never yields a request_uri', async () => {
    const pkce = victim.newPkce();
    const downgrades = [
      { code_challenge_method: undefined },
      { code_challenge_method: 'plain', code_challenge: pkce.verifier },
      { code_challenge_method: 's256' },
      { code_challenge_method: 'S512' },
      { code_challenge_method: ['S256', 'plain'] },
      { code_challenge: undefined },
      { code_challenge: 'short' },
    ];
    for (const downgrade of downgrades) {
      const pushed = await platform.par(victim, await platform.goodRequest(victim, pkce, downgrade));
      expect({ downgrade, status: pushed.status }).toEqual({ downgrade, status: 400 });
      expect(pushed.body['request_uri']).toBeUndefined();
    }
  });

  it('[PAR-6] fapi2 ensure-registered-redirect-uri: an unregistered redirect_uri is refused at PAR, not redirected to', async () => {
    const pkce = victim.newPkce();
    for (const redirectUri of [
      'https://evil.example/cb',
      'https://victim.example/cb/../../evil',
      'https://victim.example/cb?next=https://evil.example',
      'https://victim.example/cbx',
      attacker.redirectUri,
    ]) {
      const pushed = await platform.par(
        victim,
        await platform.goodRequest(victim, pkce, { redirect_uri: redirectUri }),
      );
      expect({ redirectUri, status: pushed.status }).toEqual({ redirectUri, status: 400 });
      expect(pushed.body).toEqual(oauthError('invalid_request'));
    }
  });

  it('[PAR-6] fapi2 ensure-redirect-uri-in-authorization-request: a pushed request without redirect_uri is refused', async () => {
    const pkce = victim.newPkce();
    const pushed = await platform.par(
      victim,
      await platform.goodRequest(victim, pkce, { redirect_uri: undefined }),
    );
    expect(pushed).toMatchObject({ status: 400, body: oauthError('invalid_request') });
  });

  it('[PAR-6] fapi2 ensure-request-object-without-redirect-uri-fails: a signed request without redirect_uri is refused', async () => {
    const pkce = victim.newPkce();
    const request = await platform.goodRequest(victim, pkce, { redirect_uri: undefined });
    const pushed = await platform.par(victim, {
      client_id: victim.clientId,
      request: await victim.requestObject(platform.origin, request),
    });
    expect(pushed.status).toBe(400);
    expect(['invalid_request', 'invalid_request_object']).toContain(pushed.body.error);
  });

  async function expectResponseTypeRefused(responseType: string): Promise<void> {
    const pkce = victim.newPkce();
    const pushed = await platform.par(
      victim,
      await platform.goodRequest(victim, pkce, { response_type: responseType }),
    );
    expect({ responseType, status: pushed.status }).toEqual({ responseType, status: 400 });
    expect(['unsupported_response_type', 'invalid_request']).toContain(pushed.body.error);
  }

  it('[FLOW-1] fapi2 ensure-response-type-token-fails: implicit (token, id_token) is refused', async () => {
    for (const responseType of ['token', 'id_token', 'id_token token'])
      await expectResponseTypeRefused(responseType);
  });

  it('[FLOW-1] fapi2 ensure-response-type-code-idtoken-fails: hybrid (code id_token, code token) is refused', async () => {
    for (const responseType of ['code id_token', 'code token', 'code id_token token'])
      await expectResponseTypeRefused(responseType);
  });

  it('[PAR-5] fapi2 par-authorization-request-containing-request_uri-form-param: a PAR body carrying request_uri is refused', async () => {
    const pkce = victim.newPkce();
    const pushed = await platform.par(
      victim,
      await platform.goodRequest(victim, pkce, { request_uri: 'urn:ietf:params:oauth:request_uri:forged' }),
    );
    expect(pushed).toMatchObject({ status: 400, body: oauthError('invalid_request') });
  });

  it('[PAR-5] fapi2 par-attempt-invalid-http-method: PAR by GET, PUT or DELETE is refused', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const response = await fetch(`${platform.origin}/par`, { method });
      expect({ method, status: response.status }).toEqual({ method, status: 405 });
    }
  });

  it('[PAR-1] [RESP-2] fapi2 ensure-unsigned-authorization-request-without-using-par-fails: a front-channel request is refused on the server page', async () => {
    const pkce = victim.newPkce();
    const url = new URL(`${platform.origin}/authorize`);
    for (const [name, value] of Object.entries(victim.authorizationRequest(pkce)))
      url.searchParams.set(name, String(value));
    await expectOwnErrorPage(url);
  });

  it('[PAR-4] [RESP-2] fapi2 par-attempt-to-use-request_uri-for-different-client: the request_uri with another client_id is refused, not redirected', async () => {
    const pkce = victim.newPkce();
    const pushed = await platform.par(victim, await platform.goodRequest(victim, pkce));
    expect(pushed.status).toBe(201);
    await expectOwnErrorPage(platform.authorizeUrl(attacker.clientId, String(pushed.body.request_uri)));
  });

  it('[PAR-4] fapi2 par-attempt-reuse-request_uri: a request_uri used to completion cannot start again', async () => {
    const issued = await platform.issueCode(victim);
    expect(issued.code).toEqual(expect.any(String));
    const browser = new PsuBrowser();
    try {
      const again = await browser.request('GET', platform.authorizeUrl(victim.clientId, issued.requestUri));
      expect(again.status).toBeGreaterThanOrEqual(400);
      expect(again.status).toBeLessThan(500);
      expect(again.location ?? '').not.toContain('code=');
    } finally {
      await browser.close();
    }
  });

  it('[JAR-2] fapi2 state-only-outside-request-object-not-used: a state outside the signed request is not returned', async () => {
    const pkce = victim.newPkce();
    const request = await platform.goodRequest(victim, pkce, { state: undefined });
    const pushed = await platform.par(victim, {
      client_id: victim.clientId,
      request: await victim.requestObject(platform.origin, request),
      state: 'outside-state',
    });
    expect(pushed.status).toBe(201);
    const browser = new PsuBrowser();
    try {
      const callback = await browser.signInAndApprove(
        platform.authorizeUrl(victim.clientId, String(pushed.body.request_uri)),
        victim.redirectUri,
        alice,
      );
      expect(callback.searchParams.get('code')).toEqual(expect.any(String));
      expect(callback.searchParams.get('state')).toBeNull();
    } finally {
      await browser.close();
    }
  });

  it('[RESP-2] [PAR-6] seed 004 redirect on error: every error about the client, request_uri or redirect URI stays on the server', async () => {
    const pkce = victim.newPkce();
    const pushed = await platform.par(victim, await platform.goodRequest(victim, pkce));
    const requestUri = String(pushed.body.request_uri);
    const cases: URL[] = [
      platform.authorizeUrl('no-such-client', requestUri),
      platform.authorizeUrl(attacker.clientId, requestUri),
      platform.authorizeUrl(victim.clientId, 'urn:ietf:params:oauth:request_uri:forged'),
      platform.authorizeUrl(victim.clientId, ''),
      new URL(
        `${platform.origin}/authorize?client_id=${victim.clientId}&redirect_uri=https://evil.example/cb`,
      ),
    ];
    for (const url of cases) await expectOwnErrorPage(url);
    // The redirect_uri added beside a good request_uri is ignored: the PSU ends at the registered URI.
    const fresh = await platform.par(victim, await platform.goodRequest(victim, pkce));
    const browser = new PsuBrowser();
    try {
      const withExtra = platform.authorizeUrl(victim.clientId, String(fresh.body.request_uri));
      withExtra.searchParams.set('redirect_uri', 'https://evil.example/cb');
      const landed = await browser.signInAndApprove(withExtra, 'https://', alice);
      expect(landed.origin).toBe('https://victim.example');
    } catch (error) {
      // Refusing the extra parameter outright is as good, provided it happened on the server's page.
      expect(String(error)).not.toContain('evil.example');
    } finally {
      await browser.close();
    }
  });
});
