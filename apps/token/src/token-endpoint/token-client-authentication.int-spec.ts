// POST /token: client authentication (CLI-1..3) with the shared libs/oauth rules, and the endpoint's
// own request rules (RFC 6749 §3.2, §5.2: POST, form, no duplicate parameters, known grant types).
import { randomId } from '@grantline/crypto';
import { TestTpp } from '@grantline/testing';
import { type TokenHarness, startToken } from '../test/token-harness';
import { postToken } from '../test/token-requests';

describe('POST /token: client authentication and request rules', () => {
  let token: TokenHarness;
  let tpp: TestTpp;
  let other: TestTpp;

  beforeAll(async () => {
    token = await startToken();
    [tpp, other] = token.tpps;
  });

  afterAll(async () => {
    await token?.close();
  });

  const now = () => Math.floor(Date.now() / 1000);
  const clientCredentials = (extra: Record<string, string | string[] | undefined> = {}, options = {}) =>
    postToken(
      tpp,
      token.tokenEndpoint,
      token.issuer,
      { grant_type: 'client_credentials', ...extra },
      options,
    );
  const withAssertion = async (claims: Record<string, unknown>) =>
    clientCredentials({}, { assertion: await tpp.clientAssertion(token.issuer, claims) });

  it('[CLI-3] rejects a client_id naming another client than the one that authenticates', async () => {
    const { status, body } = await clientCredentials({ client_id: other.clientId });
    expect([status, body.error]).toEqual([401, 'invalid_client']);
  });

  it('[CLI-3] rejects an assertion signed by one client claiming to be another', async () => {
    const assertion = await tpp.sign({
      iss: other.clientId,
      sub: other.clientId,
      aud: token.issuer,
      jti: randomId(16),
      iat: now(),
      exp: now() + 60,
    });
    const { status, body } = await clientCredentials({}, { assertion });
    expect([status, body.error]).toEqual([401, 'invalid_client']);
  });

  it('[CLI-1] rejects a token request without client authentication', async () => {
    const { status, body } = await clientCredentials({ client_id: tpp.clientId }, { assertion: null });
    expect([status, body.error]).toEqual([401, 'invalid_client']);
  });

  it('[CLI-1] rejects client_secret_basic and client_secret_post', async () => {
    const basic = await clientCredentials(
      {},
      {
        assertion: null,
        headers: { authorization: `Basic ${Buffer.from(`${tpp.clientId}:s`).toString('base64')}` },
      },
    );
    expect([basic.status, basic.body.error]).toEqual([401, 'invalid_client']);
    expect(basic.headers.get('www-authenticate')).toBe('Basic realm="token"');
    const post = await clientCredentials(
      { client_id: tpp.clientId, client_secret: 's' },
      { assertion: null },
    );
    expect([post.status, post.body.error]).toEqual([401, 'invalid_client']);
  });

  it('[CLI-2] [ALG-1] rejects an RS256 client assertion', async () => {
    const assertion = await tpp.forgeWithAlg('RS256', {
      iss: tpp.clientId,
      sub: tpp.clientId,
      aud: token.issuer,
      jti: randomId(16),
      iat: now(),
      exp: now() + 60,
    });
    const { status, body } = await clientCredentials({}, { assertion });
    expect([status, body.error]).toEqual([401, 'invalid_client']);
  });

  it('[CLI-2] rejects an assertion that expired 5 minutes ago', async () => {
    const { status, body } = await withAssertion({ iat: now() - 360, exp: now() - 300 });
    expect([status, body.error]).toEqual([401, 'invalid_client']);
  });

  it('[CLI-2] rejects an assertion whose aud is the token endpoint URL rather than the issuer', async () => {
    const { status, body } = await withAssertion({ aud: token.tokenEndpoint });
    expect([status, body.error]).toEqual([401, 'invalid_client']);
  });

  it('[CLI-2] rejects an assertion whose aud is an array or another issuer', async () => {
    const array = await withAssertion({ aud: [token.issuer] });
    expect([array.status, array.body.error]).toEqual([401, 'invalid_client']);
    const elsewhere = await withAssertion({ aud: 'https://other-bank.example' });
    expect([elsewhere.status, elsewhere.body.error]).toEqual([401, 'invalid_client']);
  });

  it('[CLI-2] rejects an assertion without sub', async () => {
    const { status, body } = await withAssertion({ sub: undefined });
    expect([status, body.error]).toEqual([401, 'invalid_client']);
  });

  it('[CLI-2] rejects an assertion whose nbf is more than 60 s in the future', async () => {
    const { status, body } = await withAssertion({ nbf: now() + 120, exp: now() + 180 });
    expect([status, body.error]).toEqual([401, 'invalid_client']);
  });

  it('[CLI-2] rejects a replayed assertion jti', async () => {
    const assertion = await tpp.clientAssertion(token.issuer);
    const first = await clientCredentials({}, { assertion });
    expect(first.status).toBe(200);
    const replay = await clientCredentials({}, { assertion });
    expect([replay.status, replay.body.error]).toEqual([401, 'invalid_client']);
  });

  it('rejects a repeated parameter with invalid_request', async () => {
    const { status, body } = await clientCredentials({ scope: ['accounts', 'payments'] });
    expect([status, body.error]).toEqual([400, 'invalid_request']);
  });

  it('rejects an unknown grant type with unsupported_grant_type and a missing one with invalid_request', async () => {
    const password = await clientCredentials({ grant_type: 'password' });
    expect([password.status, password.body.error]).toEqual([400, 'unsupported_grant_type']);
    const none = await clientCredentials({ grant_type: undefined });
    expect([none.status, none.body.error]).toEqual([400, 'invalid_request']);
  });

  it('[ROB-1] rejects a JSON body and any method but POST', async () => {
    const json = await fetch(token.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: string }).error).toBe('invalid_request');
    const get = await fetch(`${token.tokenEndpoint}?grant_type=client_credentials`);
    expect(get.status).toBe(405);
  });

  it('[ROB-1] answers garbage with an OAuth error, never a 500', async () => {
    for (const parameters of [
      { grant_type: 'authorization_code', code: 'x'.repeat(5000), redirect_uri: 'r', code_verifier: 'v' },
      { grant_type: 'authorization_code', code: 'a.b.c.d.e', redirect_uri: 'r', code_verifier: 'v' },
      { grant_type: 'refresh_token', refresh_token: 'not-a-token' },
      { grant_type: 'refresh_token' },
      { grant_type: 'authorization_code' },
    ]) {
      const { status, body } = await clientCredentials(parameters);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
      expect(typeof body.error).toBe('string');
    }
  });
});
