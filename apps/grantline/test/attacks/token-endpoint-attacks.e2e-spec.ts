// Attacks at the token endpoint against the embedded runtime: a code stolen from the victim's
// callback and redeemed by another client (code injection), without or with a wrong PKCE verifier,
// without proof of possession or with another DPoP key than the code is bound to; a refresh token
// used by another client, without client authentication or with another key (seed 004 ⑤ ⑧ and the
// survey's findings ① ②; FAPI 2.0 conformance negative modules).
import { TestTpp } from '@grantline/testing';
import { AttackPlatform, oauthError } from './attack-platform';

describe('attacks at the token endpoint', () => {
  const platform = new AttackPlatform();
  const { victim, attacker } = platform;
  /** A key nobody registered: what a thief holding a stolen token would prove with. */
  const thief = new TestTpp();

  beforeAll(() => platform.start(), 120_000);
  afterAll(() => platform.stop());

  it('[CODE-3] fapi2 ensure-authorization-code-is-bound-to-client: a code redeemed by another client is refused', async () => {
    const issued = await platform.issueCode(victim);
    const stolen = await platform.redeem(attacker, issued);
    expect(stolen).toMatchObject({ status: 400, body: oauthError('invalid_grant') });
    expect(stolen.body.access_token).toBeUndefined();
  });

  it("[CODE-3] [CLI-3] seed 004 code injection: the victim's code, verifier and redirect URI are useless to another client", async () => {
    const issued = await platform.issueCode(victim);
    // The attacker has everything the victim's callback and the victim's verifier carry.
    const attempts = [
      platform.redeem(attacker, issued, { redirect_uri: victim.redirectUri }),
      platform.redeem(attacker, issued, { redirect_uri: victim.redirectUri, client_id: victim.clientId }),
      // … and even the victim's DPoP key: still the attacker's client authentication.
      platform.redeem(attacker, issued, { redirect_uri: victim.redirectUri }, { dpopBy: victim }),
    ];
    for (const attempt of await Promise.all(attempts)) {
      expect(attempt.status).toBeGreaterThanOrEqual(400);
      expect(attempt.status).toBeLessThan(500);
      expect(attempt.body.access_token).toBeUndefined();
    }
    // Injected into the attacker's own session (its own PKCE verifier): refused too.
    const injected = await platform.redeem(attacker, {
      ...issued,
      pkce: attacker.newPkce(),
    });
    expect(injected.body.access_token).toBeUndefined();
  });

  it("[CLI-3] fapi2 ensure-client-id-in-token-endpoint: a client cannot act with another client's client_id", async () => {
    const issued = await platform.issueCode(victim);
    const wrongId = await platform.redeem(victim, issued, { client_id: attacker.clientId });
    expect(wrongId.status).toBe(401);
    expect(wrongId.body).toEqual(oauthError('invalid_client'));
    // An assertion naming the victim but signed with the attacker's key.
    const impersonation = await attacker.clientAssertion(platform.origin, {
      iss: victim.clientId,
      sub: victim.clientId,
    });
    const forged = await platform.redeem(victim, issued, {}, { assertion: impersonation });
    expect(forged).toMatchObject({ status: 401, body: oauthError('invalid_client') });
  });

  it('[CLI-1] fapi2 ensure-client-assertion-in-token-endpoint: a code redemption without client authentication is refused', async () => {
    const issued = await platform.issueCode(victim);
    const anonymous = await platform.redeem(
      victim,
      issued,
      { client_id: victim.clientId },
      { assertion: null },
    );
    expect(anonymous).toMatchObject({ status: 401, body: oauthError('invalid_client') });
  });

  it('[SC-1] fapi2 ensure-holder-of-key-required: a code redemption with neither DPoP proof nor certificate is refused', async () => {
    const issued = await platform.issueCode(victim);
    const bare = await platform.redeem(victim, issued, {}, { dpopBy: null });
    expect(bare.status).toBe(400);
    expect(bare.body.access_token).toBeUndefined();
  });

  it('[PKCE-2] fapi2 ensure-pkce-code-verifier-required: a redemption without code_verifier fails with invalid_grant', async () => {
    const issued = await platform.issueCode(victim);
    const missing = await platform.redeem(victim, issued, { code_verifier: undefined });
    expect(missing).toMatchObject({ status: 400, body: oauthError('invalid_grant') });
  });

  it('[PKCE-2] fapi2 incorrect-pkce-code-verifier-rejected: a wrong code_verifier fails with invalid_grant', async () => {
    const issued = await platform.issueCode(victim);
    const wrong = await platform.redeem(victim, issued, { code_verifier: victim.newPkce().verifier });
    expect(wrong).toMatchObject({ status: 400, body: oauthError('invalid_grant') });
  });

  it('[CODE-3] [DPOP-3] fapi2 ensure-mismatched-dpop-jkt-fails: PAR with dpop_jkt of one key and a DPoP proof by another is refused', async () => {
    const pkce = victim.newPkce();
    const request = await platform.goodRequest(victim, pkce);
    const proof = await thief.dpopProof('POST', `${platform.origin}/par`);
    const pushed = await platform.par(victim, request, { dpop: proof });
    expect(pushed).toMatchObject({ status: 400, body: oauthError('invalid_dpop_proof') });
  });

  it('[DPOP-3] fapi2 ensure-token-endpoint-fails-with-mismatched-dpop-proof-jkt: a code bound by dpop_jkt, redeemed with another key, is refused', async () => {
    const issued = await platform.issueCode(victim);
    const other = await platform.redeem(victim, issued, {}, { dpopBy: thief });
    expect(other.status).toBe(400);
    expect(['invalid_grant', 'invalid_dpop_proof']).toContain(other.body.error);
  });

  it('[DPOP-3] fapi2 ensure-token-endpoint-fails-with-mismatched-dpop-jkt: a code bound by the PAR DPoP proof, redeemed with another key, is refused', async () => {
    // No dpop_jkt: the DPoP proof sent to PAR binds the code to the victim's key.
    const proof = await victim.dpopProof('POST', `${platform.origin}/par`);
    const issued = await platform.issueCode(victim, { dpop_jkt: undefined }, { dpop: proof });
    const other = await platform.redeem(victim, issued, {}, { dpopBy: thief });
    expect(other.status).toBe(400);
    expect(other.body.access_token).toBeUndefined();
    const own = await platform.redeem(victim, issued);
    expect(own.status).toBe(200);
  });

  it('[TOK-3] fapi2 refresh-token: the refresh token is not rotated and keeps working for its own client and key', async () => {
    const issued = await platform.issueCode(victim);
    const tokens = await platform.redeem(victim, issued);
    expect(tokens.status).toBe(200);
    const refreshToken = String(tokens.body.refresh_token);
    for (let round = 0; round < 2; round++) {
      const refreshed = await platform.token(victim, {
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
      });
      expect(refreshed.status).toBe(200);
      expect([undefined, refreshToken]).toContain(refreshed.body.refresh_token);
      expect(refreshed.body.access_token).not.toBe(tokens.body.access_token);
    }
  });

  it('[TOK-3] seed 004 refresh-token misuse: another client, no client authentication, another key or a bare request all fail', async () => {
    const issued = await platform.issueCode(victim);
    const tokens = await platform.redeem(victim, issued);
    const refresh = { grant_type: 'refresh_token', refresh_token: String(tokens.body.refresh_token) };

    const byAttacker = await platform.token(attacker, refresh);
    expect(byAttacker).toMatchObject({ status: 400, body: oauthError('invalid_grant') });
    const byAttackerAsVictim = await platform.token(attacker, { ...refresh, client_id: victim.clientId });
    expect(byAttackerAsVictim.status).toBeGreaterThanOrEqual(400);
    const anonymous = await platform.token(
      victim,
      { ...refresh, client_id: victim.clientId },
      { assertion: null },
    );
    expect(anonymous).toMatchObject({ status: 401, body: oauthError('invalid_client') });
    const otherKey = await platform.token(victim, refresh, { dpopBy: thief });
    expect(otherKey.status).toBe(400);
    const noProof = await platform.token(victim, refresh, { dpopBy: null });
    expect(noProof.status).toBe(400);
    for (const attempt of [byAttacker, byAttackerAsVictim, anonymous, otherKey, noProof])
      expect(attempt.body.access_token).toBeUndefined();

    // None of it disturbed the owner.
    const own = await platform.token(victim, refresh);
    expect(own.status).toBe(200);
  });
});
