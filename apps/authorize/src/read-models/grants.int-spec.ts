// The grants read model behind GM-1 and the PSU self-service page (UX-1): what an approval writes
// inline (create, update as a merge, replace), what the grants service's content events overwrite
// (the whole content after the change), and GrantRevoked, on real PostgreSQL through the service's
// own event delivery.
import { eventually } from '@grantline/testing';
import { type AuthorizeHarness, startAuthorize } from '../test/authorize-harness';
import { type ApprovedGrant, type GrantRecord, GrantsReadModel } from './grants';

describe('grants read model', () => {
  let authorize: AuthorizeHarness;
  let grants: GrantsReadModel;

  beforeAll(async () => {
    authorize = await startAuthorize();
    grants = authorize.app.get(GrantsReadModel);
  });

  afterAll(async () => {
    await authorize?.close();
  });

  const approval = (grantId: string, overrides: Partial<ApprovedGrant> = {}): ApprovedGrant => ({
    action: 'create',
    grantId,
    clientId: 'client-a',
    subject: 'subject-a',
    psuLink: 'link-alice',
    scopes: ['openid', 'accounts'],
    authorizationDetails: [{ type: 'account_access', permissions: ['ReadBalances'] }],
    consentIds: ['aac-1'],
    accountIds: ['acc-1'],
    at: new Date('2026-11-23T10:00:00Z'),
    ...overrides,
  });

  const approve = (grant: ApprovedGrant) =>
    authorize.dataSource.transaction((transaction) => grants.approved(transaction, grant));

  const publish = (type: string, data: object) =>
    authorize.events.append(`grant-test-${type}-${Math.random()}`, 'no-stream', [{ type, data }], {
      correlationId: 'grants-read-model-test',
      actor: { kind: 'system', id: 'grants' },
    });

  it('[GM-1] an update merges scopes, details, consents and accounts into the grant; a replace overwrites them', async () => {
    await approve(approval('gr-merge'));
    await approve(
      approval('gr-merge', {
        action: 'update',
        scopes: ['openid', 'payments'],
        authorizationDetails: [{ type: 'payment_initiation', consent_id: 'pdc-1' }],
        consentIds: ['pdc-1'],
        accountIds: ['acc-2'],
        at: new Date('2026-11-23T11:00:00Z'),
      }),
    );
    expect(await grants.find('gr-merge')).toMatchObject<Partial<GrantRecord>>({
      status: 'active',
      psuLink: 'link-alice',
      scopes: ['openid', 'accounts', 'payments'],
      consentIds: ['aac-1', 'pdc-1'],
      accountIds: ['acc-1', 'acc-2'],
      grantedAt: new Date('2026-11-23T10:00:00Z'),
      updatedAt: new Date('2026-11-23T11:00:00Z'),
    });
    expect((await grants.find('gr-merge'))?.authorizationDetails).toHaveLength(2);

    await approve(
      approval('gr-merge', { action: 'replace', scopes: ['openid'], consentIds: [], accountIds: ['acc-3'] }),
    );
    expect(await grants.find('gr-merge')).toMatchObject({
      scopes: ['openid'],
      consentIds: [],
      accountIds: ['acc-3'],
    });
  });

  it('[UX-1] lists a PSU’s grants by their link only, and records a revocation request once', async () => {
    await approve(approval('gr-alice-2', { clientId: 'client-b', subject: 'subject-b' }));
    await approve(approval('gr-bob', { psuLink: 'link-bob' }));
    const ofAlice = (await grants.ofPsu('link-alice')).map((grant) => grant.grantId);
    expect(ofAlice).toContain('gr-alice-2');
    expect(ofAlice).not.toContain('gr-bob');
    const at = new Date();
    const requests = await authorize.dataSource.transaction(async (transaction) => [
      await grants.revocationRequested(transaction, 'gr-alice-2', at),
      await grants.revocationRequested(transaction, 'gr-alice-2', at),
    ]);
    expect(requests).toEqual([true, false]);
  });

  it('[GM-1] [UX-1] GrantUpdated and GrantReplaced set the whole content, keep the PSU link and accounts; GrantRevoked closes the grant', async () => {
    await approve(approval('gr-events'));
    await publish('GrantUpdated', {
      grantId: 'gr-events',
      clientId: 'client-a',
      subject: 'subject-a',
      scopes: ['openid', 'accounts', 'grant_management_query'],
      claims: [],
      authorizationDetails: [{ type: 'account_access', permissions: ['ReadBalances', 'ReadParty'] }],
      consentIds: ['aac-1', 'aac-2'],
    });
    await eventually(async () =>
      expect(await grants.find('gr-events')).toMatchObject({
        scopes: ['openid', 'accounts', 'grant_management_query'],
        consentIds: ['aac-1', 'aac-2'],
        psuLink: 'link-alice',
        accountIds: ['acc-1'],
      }),
    );
    await publish('GrantReplaced', {
      grantId: 'gr-events',
      clientId: 'client-a',
      subject: 'subject-a',
      scopes: ['openid'],
      claims: [],
      authorizationDetails: [],
      consentIds: [],
    });
    await eventually(async () =>
      expect(await grants.find('gr-events')).toMatchObject({ scopes: ['openid'], consentIds: [] }),
    );
    await publish('GrantRevoked', {
      grantId: 'gr-events',
      clientId: 'client-a',
      revokedBy: 'psu',
      reason: 'PSU',
    });
    await eventually(async () => {
      const revoked = await grants.find('gr-events');
      expect(revoked?.status).toBe('revoked');
      expect(revoked?.revokedAt).toBeInstanceOf(Date);
    });
  });
});
