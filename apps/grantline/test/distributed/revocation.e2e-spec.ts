// Grant management and revocation across the cluster (GM-1, GM-2, TOK-6, CON-1, UX-1; DESIGN.md
// journey 7): authorize, token, consent, grants and audit each as its own process from dist/, one
// PostgreSQL, events over the real Kafka broker, the public origin in front (one cluster for the
// file: starting six processes is most of its time). Each revocation entry point ends in its events,
// then in every service refusing the old credentials: the accounts API (401), the refresh
// (invalid_grant) and introspection (inactive).
import { eventually, OPEN_BANKING, PsuBrowser } from '@grantline/testing';
import { alice, DistributedCluster } from './distributed-cluster';

const account = (consentId: string) =>
  expect.objectContaining({ type: 'account_access', consent_id: consentId });

describe('revocation across separate service processes over Kafka', () => {
  const cluster = new DistributedCluster();
  let ccToken: string;
  let queryToken: string;
  let revokeToken: string;

  beforeAll(async () => {
    await cluster.start('distributed_revocation');
    ccToken = await cluster.client.clientCredentials('accounts');
    queryToken = await cluster.client.clientCredentials('grant_management_query');
    revokeToken = await cluster.client.clientCredentials('grant_management_revoke');
  }, 300_000);

  afterAll(async () => {
    await cluster.stop();
  });

  it('[CON-1] [GM-2] an AISP journey through the public origin: consent, PAR, PSU approval, token, accounts', async () => {
    const tokens = await cluster.client.accountAccess(alice, ccToken);
    expect(tokens.response).toMatchObject({
      token_type: 'DPoP',
      grant_id: expect.any(String),
      authorization_details: [
        expect.objectContaining({ type: 'account_access', consent_id: tokens.consentId }),
      ],
    });
    await cluster.expectWorking(tokens);
    const accounts = await cluster.client.accounts(tokens.accessToken);
    expect(accounts.body.Data.Account.length).toBeGreaterThan(0);
    const refreshed = await cluster.client.refresh(tokens.refreshToken);
    expect(refreshed).toMatchObject({ status: 200, body: { access_token: expect.any(String) } });
  });

  it('[CON-1] [TOK-6] the TPP deletes the account-access consent: ConsentRevoked, then the old tokens fail everywhere', async () => {
    const tokens = await cluster.client.accountAccess(alice, ccToken);
    await cluster.expectWorking(tokens);

    const deleted = await cluster.client.call(
      'DELETE',
      `${OPEN_BANKING}/aisp/account-access-consents/${tokens.consentId}`,
      ccToken,
    );
    expect(deleted.status).toBe(204);

    await cluster.recorded('consent', 'ConsentRevoked', { consentId: tokens.consentId });
    await cluster.recorded('token', 'TokenRevoked', { grantId: tokens.grantId, tokenKind: 'access_token' });
    await cluster.expectRevokedEverywhere(tokens);
    const read = await cluster.client.call(
      'GET',
      `${OPEN_BANKING}/aisp/account-access-consents/${tokens.consentId}`,
      ccToken,
    );
    expect(read.body.Data.Status).toBe('CANC');
  });

  it('[TOK-6] the TPP revokes the refresh token at /revoke: TokenRevoked, then the old tokens fail everywhere', async () => {
    const tokens = await cluster.client.accountAccess(alice, ccToken);
    await cluster.expectWorking(tokens);

    const revoked = await cluster.client.revoke(tokens.refreshToken, 'refresh_token');
    expect(revoked.status).toBe(200);

    await cluster.recorded('token', 'TokenRevoked', { grantId: tokens.grantId, tokenKind: 'refresh_token' });
    await cluster.recorded('token', 'TokenRevoked', { grantId: tokens.grantId, tokenKind: 'access_token' });
    await cluster.expectRevokedEverywhere(tokens);
  });

  it('[UX-1] [TOK-6] the PSU revokes the grant on the self-service page: PsuRevokedAccess, ConsentRevoked and GrantRevoked, then the old tokens fail everywhere', async () => {
    const tokens = await cluster.client.accountAccess(alice, ccToken);
    await cluster.expectWorking(tokens);

    const browser = new PsuBrowser();
    try {
      // The page lists the grant once authorize's read model has it.
      await eventually(
        () => browser.revokeOnSelfServicePage(cluster.grantline.publicUrl, alice, tokens.grantId),
        { timeoutMs: 30_000, intervalMs: 200 },
      );
    } finally {
      await browser.close();
    }

    await cluster.recorded('authorize', 'PsuRevokedAccess', {
      grantId: tokens.grantId,
      consentIds: [tokens.consentId],
    });
    await cluster.recorded('consent', 'ConsentRevoked', { consentId: tokens.consentId, revokedBy: 'psu' });
    await cluster.recorded('grants', 'GrantRevoked', { grantId: tokens.grantId, revokedBy: 'psu' });
    await cluster.recorded('token', 'TokenRevoked', { grantId: tokens.grantId, tokenKind: 'access_token' });
    await cluster.expectRevokedEverywhere(tokens);
  });

  /** GET /grants/{id} until it shows `content` (the grants service learns approvals over Kafka). */
  async function grantShows(grantId: string, content: Record<string, unknown>): Promise<void> {
    await eventually(
      async () => {
        const reply = await cluster.client.call('GET', `/grants/${grantId}`, queryToken);
        expect(reply.status).toBe(200);
        expect(reply.body).toEqual(content);
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  }

  it('[GM-1] [GM-2] create, then update and replace in later authorizations: GET /grants/{id} after each', async () => {
    const created = await cluster.client.accountAccess(alice, ccToken, { grant_management_action: 'create' });
    await grantShows(created.grantId, {
      scopes: [{ scope: 'openid accounts' }],
      claims: [],
      authorization_details: [account(created.consentId)],
    });

    const updated = await cluster.client.accountAccess(alice, ccToken, {
      grant_management_action: 'update',
      grant_id: created.grantId,
    });
    expect(updated.grantId).toBe(created.grantId);
    await grantShows(created.grantId, {
      scopes: [{ scope: 'openid accounts' }],
      claims: [],
      authorization_details: [account(created.consentId), account(updated.consentId)],
    });

    const replaced = await cluster.client.accountAccess(alice, ccToken, {
      grant_management_action: 'replace',
      grant_id: created.grantId,
    });
    expect(replaced.grantId).toBe(created.grantId);
    await grantShows(created.grantId, {
      scopes: [{ scope: 'openid accounts' }],
      claims: [],
      authorization_details: [account(replaced.consentId)],
    });
    const types = (await cluster.events('grants', ['GrantCreated', 'GrantUpdated', 'GrantReplaced']))
      .filter((event) => event.data['grantId'] === created.grantId)
      .map((event) => event.type);
    expect(types).toEqual(['GrantCreated', 'GrantUpdated', 'GrantReplaced']);
  });

  it('[GM-2] DELETE /grants/{id} with a grant_management_revoke token: GrantRevoked, then the old tokens fail everywhere', async () => {
    const tokens = await cluster.client.accountAccess(alice, ccToken);
    await cluster.expectWorking(tokens);
    await grantShows(tokens.grantId, {
      scopes: [{ scope: 'openid accounts' }],
      claims: [],
      authorization_details: [account(tokens.consentId)],
    });

    const deleted = await cluster.client.call('DELETE', `/grants/${tokens.grantId}`, revokeToken);
    expect(deleted.status).toBe(204);

    await cluster.recorded('grants', 'GrantRevoked', { grantId: tokens.grantId, revokedBy: 'tpp' });
    await cluster.recorded('token', 'TokenRevoked', {
      grantId: tokens.grantId,
      tokenKind: 'refresh_token',
      reason: 'grant_revoked',
    });
    await cluster.expectRevokedEverywhere(tokens);
    expect((await cluster.client.call('GET', `/grants/${tokens.grantId}`, queryToken)).status).toBe(404);
  });
});
