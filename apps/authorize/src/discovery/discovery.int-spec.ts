// META-1 and META-2 over HTTP, generated from the running configuration.
import { type AuthorizeHarness, startAuthorize } from '../test/authorize-harness';

describe('discovery and JWKS', () => {
  let authorize: AuthorizeHarness;

  beforeAll(async () => {
    authorize = await startAuthorize({ env: { PAR_REQUEST_URI_LIFETIME_SECONDS: '90' } });
  });

  afterAll(async () => {
    await authorize?.close();
  });

  it.each(['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration'])(
    '[META-1] %s describes the running configuration',
    async (path) => {
      const response = await fetch(`${authorize.issuer}${path}`);
      expect(response.status).toBe(200);
      const metadata = (await response.json()) as Record<string, unknown>;
      expect(metadata).toMatchObject({
        issuer: authorize.issuer,
        authorization_endpoint: `${authorize.issuer}/authorize`,
        pushed_authorization_request_endpoint: `${authorize.issuer}/par`,
        require_pushed_authorization_requests: true,
        token_endpoint: `${authorize.issuer}/token`,
        jwks_uri: `${authorize.issuer}/jwks`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
        dpop_signing_alg_values_supported: ['PS256', 'ES256', 'EdDSA'],
        authorization_response_iss_parameter_supported: true,
        authorization_signing_alg_values_supported: ['ES256'],
        authorization_details_types_supported: ['account_access', 'payment_initiation'],
        grant_management_actions_supported: ['create', 'update', 'merge', 'replace', 'query', 'revoke'],
        grant_management_endpoint: `${authorize.issuer}/grants`,
        grant_management_action_required: false,
      });
      expect(metadata['token_endpoint_auth_methods_supported']).not.toContain('client_secret_basic');
    },
  );

  it('[GM-4] advertises Grant Management: the endpoint the gateway routes, its actions, action optional', async () => {
    const metadata = (await (
      await fetch(`${authorize.issuer}/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    // The grant resource URL is this endpoint, a slash and the grant_id (the gateway's /grants prefix).
    expect(metadata['grant_management_endpoint']).toBe(`${authorize.issuer}/grants`);
    expect(metadata['grant_management_actions_supported']).toEqual(
      expect.arrayContaining(['create', 'update', 'replace', 'query', 'revoke']),
    );
    expect(metadata['grant_management_action_required']).toBe(false);
    expect(metadata['scopes_supported']).toEqual(
      expect.arrayContaining(['grant_management_query', 'grant_management_revoke']),
    );
  });

  it('[META-1] both well-known documents are identical', async () => {
    const [a, b] = await Promise.all(
      ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration'].map(async (path) =>
        (await fetch(`${authorize.issuer}${path}`)).json(),
      ),
    );
    expect(a).toEqual(b);
  });

  it('[META-2] /jwks publishes the public signing keys only', async () => {
    const response = await fetch(`${authorize.issuer}/jwks`);
    expect(response.status).toBe(200);
    const jwks = (await response.json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({
      kty: 'EC',
      crv: 'P-256',
      kid: 'as-es256',
      alg: 'ES256',
      use: 'sig',
    });
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'])
      expect(jwks.keys[0]).not.toHaveProperty(member);
  });
});
