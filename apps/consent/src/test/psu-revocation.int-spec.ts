// The consent service's reaction to the PSU withdrawing access on the self-service page (UX-1 "how
// to revoke later"): PsuRevokedAccess over the real Kafka broker revokes the listed AUTH consents of
// that client and PSU (ConsentRevoked, revokedBy psu, OB status CANC), and nothing else. Negative
// tests first.
import { DataSource } from 'typeorm';
import { eventually } from '@grantline/testing';
import { ConsentWorld } from './consent-world';

const aacBody = () => ({
  Data: {
    Permissions: ['ReadAccountsDetail', 'ReadBalances'],
    ExpirationDateTime: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  },
  Risk: {},
});

describe('PSU revocation from the self-service page', () => {
  const world = new ConsentWorld();
  const [tpp, otherTpp] = world.tpps;
  let ccToken: string;

  beforeAll(async () => {
    await world.start();
    ccToken = await world.token(tpp, { scope: 'accounts' });
  });
  afterAll(() => world.stop());

  async function createdConsent(): Promise<string> {
    const created = await world.call('POST', '/aisp/account-access-consents', {
      token: ccToken,
      body: aacBody(),
      headers: { 'x-idempotency-key': `key-${Math.random()}` },
    });
    expect(created.status).toBe(201);
    return created.body.Data.ConsentId;
  }

  const statusOf = async (consentId: string): Promise<string> =>
    (await world.call('GET', `/aisp/account-access-consents/${consentId}`, { token: ccToken })).body.Data
      .Status;

  async function authorisedConsent(): Promise<string> {
    const consentId = await createdConsent();
    await world.approve(tpp, { grantId: `grant-${consentId}`, consentIds: [consentId] });
    await eventually(async () => expect(await statusOf(consentId)).toBe('AUTH'), { timeoutMs: 30_000 });
    return consentId;
  }

  const processed = (eventIds: string[]) =>
    eventually(
      async () => {
        const rows: unknown[] = await world.app
          .get(DataSource)
          .query('SELECT DISTINCT event_id FROM processed_events WHERE event_id = ANY($1::uuid[])', [
            eventIds,
          ]);
        expect(rows).toHaveLength(eventIds.length);
      },
      { timeoutMs: 30_000 },
    );

  const revocations = async (consentId: string): Promise<Array<{ revoked_by: string }>> =>
    world.app
      .get(DataSource)
      .query(
        `SELECT data->>'revokedBy' AS revoked_by FROM events WHERE type = 'ConsentRevoked' AND data->>'consentId' = $1`,
        [consentId],
      );

  it('[UX-1] leaves alone a consent of another client, of another PSU, or one that is not authorised', async () => {
    const authorised = await authorisedConsent();
    const awaiting = await createdConsent();
    const events = [
      await world.psuRevoked(otherTpp, { grantId: `grant-${authorised}`, consentIds: [authorised] }),
      await world.psuRevoked(tpp, { subject: 'another-psu', consentIds: [authorised] }),
      await world.psuRevoked(tpp, { consentIds: [awaiting, 'aac-no-such-consent'] }),
    ];
    await processed(events);
    expect(await statusOf(authorised)).toBe('AUTH');
    expect(await statusOf(awaiting)).toBe('AWAU');
    await expect(revocations(authorised)).resolves.toEqual([]);
    await expect(revocations(awaiting)).resolves.toEqual([]);
  });

  it('[UX-1] revokes the listed AUTH consents (ConsentRevoked by the PSU): the TPP’s account calls stop, and a redelivery changes nothing', async () => {
    const consentId = await authorisedConsent();
    const token = await world.token(tpp, {
      scope: 'openid accounts',
      sub: 'sub-pseudonym-1',
      grant_id: `grant-${consentId}`,
      authorization_details: [{ type: 'account_access', consent_id: consentId }],
    });
    expect((await world.call('GET', '/aisp/accounts', { token })).status).toBe(200);

    await world.psuRevoked(tpp, { grantId: `grant-${consentId}`, consentIds: [consentId] });
    await eventually(async () => expect(await statusOf(consentId)).toBe('CANC'), { timeoutMs: 30_000 });
    await expect(revocations(consentId)).resolves.toEqual([{ revoked_by: 'psu' }]);
    const refused = await world.call('GET', '/aisp/accounts', { token });
    expect([401, 403]).toContain(refused.status);

    await processed([await world.psuRevoked(tpp, { consentIds: [consentId] })]);
    await expect(revocations(consentId)).resolves.toHaveLength(1);
  });
});
