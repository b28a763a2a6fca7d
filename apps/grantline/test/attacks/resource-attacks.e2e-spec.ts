// Attacks on what the tokens protect, against the embedded runtime: guessing credentials (their
// entropy), access tokens in query strings at every resource server, and grant management by the
// wrong client (seed 004 ① ③ and finding ④; FAPI 2.0 grant-management negative modules).
import { OPEN_BANKING, type Reply, TestTpp } from '@grantline/testing';
import { AttackPlatform, oauthError } from './attack-platform';
import { entropyReport } from './credential-entropy';

describe('attacks on resources and credentials', () => {
  const platform = new AttackPlatform();
  const { victim, attacker } = platform;

  beforeAll(() => platform.start(), 120_000);
  afterAll(() => platform.stop());

  async function journey(tpp: TestTpp = victim) {
    const issued = await platform.issueCode(tpp);
    const tokens = await platform.redeem(tpp, issued);
    if (tokens.status !== 200) throw new Error(`token ${tokens.status}: ${JSON.stringify(tokens.body)}`);
    const consentId = String(tokens.body.authorization_details[0].consent_id);
    return { issued, tokens: tokens.body, consentId, grantId: String(tokens.body.grant_id) };
  }

  it('[ALG-3] seed 004 credential entropy: codes, request_uris, tokens, grant and consent ids carry ≥ 128 bits, never repeat, share no prefix or sequence', async () => {
    const samples: Record<string, string[]> = {
      code: [],
      request_uri: [],
      access_token_jti: [],
      refresh_token: [],
      grant_id: [],
      consent_id: [],
      client_credentials_jti: [],
    };
    const jti = (jwt: string) =>
      String(JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')).jti);
    for (let round = 0; round < 12; round++) {
      const { issued, tokens, consentId, grantId } = await journey();
      samples.code.push(issued.code);
      samples.request_uri.push(issued.requestUri);
      samples.access_token_jti.push(jti(String(tokens.access_token)));
      samples.refresh_token.push(String(tokens.refresh_token));
      samples.grant_id.push(grantId);
      samples.consent_id.push(consentId);
      samples.client_credentials_jti.push(jti(await platform.client(victim).clientCredentials('accounts')));
    }
    const reports = Object.entries(samples).map(([kind, values]) => entropyReport(kind, values));
    process.stdout.write(
      `credential entropy (bits, upper bound): ${reports.map((r) => `${r.kind} ${r.estimatedBits}`).join(', ')}\n`,
    );
    const weak = reports.filter((report) => report.problems.length > 0);
    expect(weak).toEqual([]);
  });

  /** A resource request with the access token only in the query string (a DPoP proof beside it). */
  async function withTokenInQuery(path: string, token: string, client = victim): Promise<Reply> {
    const url = `${platform.origin}${path}${path.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}`;
    const response = await fetch(url, {
      headers: { dpop: await client.dpopProof('GET', `${platform.origin}${path.split('?')[0]}`, token) },
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  it('[TOK-7] seed 004 token in query string: accounts, consents and grants refuse an access token in the query, alone or beside the header', async () => {
    const { tokens, consentId, grantId } = await journey();
    const psuToken = String(tokens.access_token);
    const ccToken = await platform.client(victim).clientCredentials('accounts');
    const queryToken = await platform.client(victim).clientCredentials('grant_management_query');
    const targets: Array<[string, string]> = [
      [`${OPEN_BANKING}/aisp/accounts`, psuToken],
      [`${OPEN_BANKING}/aisp/account-access-consents/${consentId}`, ccToken],
      [`/grants/${grantId}`, queryToken],
    ];
    for (const [path, token] of targets) {
      // The same request with the token in the header works: the refusal is about where it travels.
      const proper = await platform.client(victim).call('GET', path, token);
      expect({ path, status: proper.status }).toEqual({ path, status: 200 });

      const inQuery = await withTokenInQuery(path, token);
      expect({ path, refused: [400, 401].includes(inQuery.status) }).toEqual({ path, refused: true });
      expect(JSON.stringify(inQuery.body)).not.toContain(token);

      const both = await platform
        .client(victim)
        .call('GET', `${path}?access_token=${encodeURIComponent(token)}`, token);
      expect({ path, status: both.status }).toEqual({ path, status: 400 });
      expect(JSON.stringify(both.body)).not.toContain(token);
    }
  });

  it("[DPOP-1] [SC-1] fapi2 dpop-negative-tests: at the resource server a stolen token fails as bearer, with the thief's key, a replayed or mismatched proof", async () => {
    const { tokens } = await journey();
    const token = String(tokens.access_token);
    const url = `${platform.origin}${OPEN_BANKING}/aisp/accounts`;
    const thief = new TestTpp();
    const status = async (headers: Record<string, string>) => (await fetch(url, { headers })).status;
    const dpop = (proof: string) => ({ authorization: `DPoP ${token}`, dpop: proof });

    const good = await victim.dpopProof('GET', url, token);
    expect(await status(dpop(good))).toBe(200);
    const attempts: Record<string, Record<string, string>> = {
      'replayed proof': dpop(good),
      'bearer presentation': { authorization: `Bearer ${token}` },
      'no proof': { authorization: `DPoP ${token}` },
      "the thief's key": dpop(await thief.dpopProof('GET', url, token)),
      'no ath': dpop(await victim.dpopProof('GET', url)),
      'ath of another token': dpop(await victim.dpopProof('GET', url, `${token}x`)),
      'another method': dpop(await victim.dpopProof('POST', url, token)),
      'another URL': dpop(await victim.dpopProof('GET', `${platform.origin}/grants/x`, token)),
    };
    for (const [attempt, headers] of Object.entries(attempts)) {
      const answered = await status(headers);
      expect({ attempt, refused: answered === 400 || answered === 401 }).toEqual({ attempt, refused: true });
    }
  });

  it('[GM-1] fapi2 grant-management-ensure-invalid-grant-id-fails: an update of an unknown grant_id is refused at PAR', async () => {
    const pkce = victim.newPkce();
    const pushed = await platform.par(
      victim,
      await platform.goodRequest(victim, pkce, {
        grant_management_action: 'update',
        grant_id: 'no-such-grant',
      }),
    );
    expect(pushed).toMatchObject({ status: 400, body: oauthError('invalid_grant_id') });
  });

  it('[GM-2] fapi2 grant-management-ensure-query-nonexistent-grant-fails: an unknown grant is 404', async () => {
    const queryToken = await platform.client(victim).clientCredentials('grant_management_query');
    const read = await platform.client(victim).call('GET', '/grants/no-such-grant', queryToken);
    expect(read.status).toBe(404);
  });

  it('[GM-3] fapi2 grant-management-ensure-wrong-client-cannot-query-grant: another client reads nothing of the grant', async () => {
    const { grantId } = await journey();
    const attackerToken = await platform.client(attacker).clientCredentials('grant_management_query');
    const read = await platform.client(attacker).call('GET', `/grants/${grantId}`, attackerToken);
    expect([403, 404]).toContain(read.status);
    expect(JSON.stringify(read.body)).not.toContain('account_access');
  });

  it('[GM-3] fapi2 grant-management-ensure-wrong-client-cannot-revoke-grant: another client cannot revoke the grant', async () => {
    const { grantId, tokens } = await journey();
    const attackerToken = await platform.client(attacker).clientCredentials('grant_management_revoke');
    const revoked = await platform.client(attacker).call('DELETE', `/grants/${grantId}`, attackerToken);
    expect([403, 404]).toContain(revoked.status);
    const queryToken = await platform.client(victim).clientCredentials('grant_management_query');
    expect((await platform.client(victim).call('GET', `/grants/${grantId}`, queryToken)).status).toBe(200);
    expect((await platform.client(victim).accounts(String(tokens.access_token))).status).toBe(200);
  });

  it('[GM-2] fapi2 grant-management-ensure-query-after-revoke-fails: a revoked grant is no longer found', async () => {
    const { grantId } = await journey();
    const revokeToken = await platform.client(victim).clientCredentials('grant_management_revoke');
    const revoked = await platform.client(victim).call('DELETE', `/grants/${grantId}`, revokeToken);
    expect(revoked.status).toBe(204);
    const queryToken = await platform.client(victim).clientCredentials('grant_management_query');
    expect((await platform.client(victim).call('GET', `/grants/${grantId}`, queryToken)).status).toBe(404);
  });
});
