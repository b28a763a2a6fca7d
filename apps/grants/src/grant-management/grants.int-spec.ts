// The Grant Management API and the grant's reactions, on real PostgreSQL and the real Kafka broker:
// approvals create, update and replace a grant, revocations (TPP, PSU, consent) end it, and only
// the owning client, with a sender-constrained token carrying the right scope, sees or revokes it.
import { eventually } from '@grantline/testing';
import { GrantsWorld, SUBJECT, type Reply } from '../test/grants-world';

const world = new GrantsWorld();
let sequence = 0;
const newGrantId = () => `gr-int-${Date.now()}-${++sequence}`;

beforeAll(() => world.start());
afterAll(() => world.stop());

const account = (consentId: string) => ({ type: 'account_access', consent_id: consentId });

async function query(grantId: string, tpp = world.tpps[0]): Promise<Reply> {
  const token = await world.token(tpp, { scope: 'grant_management_query' });
  return world.call('GET', `/grants/${grantId}`, { token, tpp });
}

async function revoke(grantId: string, tpp = world.tpps[0]): Promise<Reply> {
  const token = await world.token(tpp, { scope: 'grant_management_revoke' });
  return world.call('DELETE', `/grants/${grantId}`, { token, tpp });
}

async function created(consentIds: string[] = ['aac-1']): Promise<string> {
  const grantId = newGrantId();
  await world.approve(world.tpps[0], {
    grantId,
    authorizationDetails: consentIds.map(account),
    consentIds,
  });
  await eventually(async () => expect((await query(grantId)).status).toBe(200));
  return grantId;
}

describe('grant lifecycle', () => {
  it('[GM-2] create, update and replace: GET shows the grant’s content after each', async () => {
    const grantId = newGrantId();
    const [tpp] = world.tpps;
    await world.approve(tpp, {
      grantId,
      scopes: ['openid', 'accounts'],
      authorizationDetails: [account('aac-a')],
      consentIds: ['aac-a'],
    });
    await eventually(async () => {
      const reply = await query(grantId);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        scopes: [{ scope: 'openid accounts' }],
        claims: [],
        authorization_details: [account('aac-a')],
      });
      expect(reply.headers['cache-control']).toBe('no-store');
    });

    await world.approve(tpp, {
      grantId,
      grantManagementAction: 'update',
      scopes: ['accounts', 'payments'],
      authorizationDetails: [account('aac-a'), { type: 'payment_initiation', consent_id: 'pdc-b' }],
      consentIds: ['aac-a', 'pdc-b'],
    });
    await eventually(async () =>
      expect((await query(grantId)).body).toEqual({
        scopes: [{ scope: 'openid accounts payments' }],
        claims: [],
        authorization_details: [account('aac-a'), { type: 'payment_initiation', consent_id: 'pdc-b' }],
      }),
    );

    await world.approve(tpp, {
      grantId,
      grantManagementAction: 'replace',
      scopes: ['accounts'],
      authorizationDetails: [account('aac-c')],
      consentIds: ['aac-c'],
    });
    await eventually(async () =>
      expect((await query(grantId)).body).toEqual({
        scopes: [{ scope: 'accounts' }],
        claims: [],
        authorization_details: [account('aac-c')],
      }),
    );
    expect((await world.grantEvents(grantId)).map((event) => event.type)).toEqual([
      'GrantCreated',
      'GrantUpdated',
      'GrantReplaced',
    ]);
  });

  it('[GM-2] DELETE answers 204, appends GrantRevoked by the TPP, and the grant is gone', async () => {
    const grantId = await created();
    const reply = await revoke(grantId);
    expect(reply.status).toBe(204);
    expect(reply.body).toBeUndefined();
    const events = await world.grantEvents(grantId);
    expect(events.at(-1)).toMatchObject({
      type: 'GrantRevoked',
      data: { grantId, clientId: world.tpps[0].clientId, revokedBy: 'tpp' },
      metadata: expect.objectContaining({ actor: { kind: 'tpp', id: world.tpps[0].clientId } }),
    });
    expect((await query(grantId)).status).toBe(404);
  });

  it('[GM-2] a second DELETE answers 404 and appends nothing', async () => {
    const grantId = await created();
    expect((await revoke(grantId)).status).toBe(204);
    const second = await revoke(grantId);
    expect(second.status).toBe(404);
    expect(second.body).toMatchObject({ error: 'invalid_grant_id' });
    expect((await world.grantEvents(grantId)).filter((event) => event.type === 'GrantRevoked')).toHaveLength(
      1,
    );
  });

  it('[GM-2] an unknown grant is 404 in OAuth JSON, for GET and DELETE', async () => {
    for (const reply of [await query('gr-never-issued'), await revoke('gr-never-issued')]) {
      expect(reply.status).toBe(404);
      expect(reply.body).toMatchObject({ error: 'invalid_grant_id' });
    }
    expect((await query('not%20a%20grant')).status).toBe(404);
  });

  it('[GM-2] once revoked, the grant’s own tokens are refused here too (denylist)', async () => {
    const grantId = await created();
    const token = await world.token(world.tpps[0], { scope: 'grant_management_query', grant_id: grantId });
    expect((await world.call('GET', `/grants/${grantId}`, { token })).status).toBe(200);
    expect((await revoke(grantId)).status).toBe(204);
    await eventually(async () => {
      const reply = await world.call('GET', `/grants/${grantId}`, { token });
      expect(reply.status).toBe(401);
      expect(reply.body).toMatchObject({ error: 'invalid_token' });
    });
  });

  it('[GM-1] an update of a revoked grant changes nothing', async () => {
    const grantId = await created(['aac-x']);
    expect((await revoke(grantId)).status).toBe(204);
    const eventId = await world.approve(world.tpps[0], {
      grantId,
      grantManagementAction: 'update',
      authorizationDetails: [account('aac-y')],
      consentIds: ['aac-y'],
    });
    await eventually(async () => expect(await world.processed(eventId)).toBe(true));
    expect((await world.grantEvents(grantId)).map((event) => event.type)).toEqual([
      'GrantCreated',
      'GrantRevoked',
    ]);
    expect(await world.view(grantId)).toMatchObject({
      status: 'revoked',
      content: { consentIds: ['aac-x'] },
    });
  });

  it('[GM-1] an update from another client leaves the grant as it was', async () => {
    const grantId = await created(['aac-own']);
    const eventId = await world.approve(world.tpps[1], {
      grantId,
      grantManagementAction: 'update',
      consentIds: ['aac-theirs'],
    });
    await eventually(async () => expect(await world.processed(eventId)).toBe(true));
    expect((await world.grantEvents(grantId)).map((event) => event.type)).toEqual(['GrantCreated']);
  });
});

describe('[GM-3] only the owning client, with a sender-constrained token and the right scope', () => {
  it('[GM-3] another client’s grant is 404 for GET and DELETE, and stays active', async () => {
    const grantId = await created();
    const [, other] = world.tpps;
    for (const reply of [await query(grantId, other), await revoke(grantId, other)]) {
      expect(reply.status).toBe(404);
      expect(reply.body).toMatchObject({ error: 'invalid_grant_id' });
    }
    expect((await query(grantId)).status).toBe(200);
  });

  it('[GM-3] a bearer token (not sender-constrained) is refused with 401', async () => {
    const grantId = await created();
    const token = await world.token(world.tpps[0], { scope: 'grant_management_query', cnf: null });
    const reply = await world.call('GET', `/grants/${grantId}`, { token, scheme: 'Bearer' });
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({ error: 'invalid_token' });
    expect(String(reply.headers['www-authenticate'])).toMatch(/error="invalid_token"/);
  });

  it('[GM-3] a DPoP-bound token sent as a bearer token is refused', async () => {
    const grantId = await created();
    const token = await world.token(world.tpps[0], { scope: 'grant_management_query' });
    expect((await world.call('GET', `/grants/${grantId}`, { token, scheme: 'Bearer' })).status).toBe(401);
  });

  it('[GM-3] a query token cannot DELETE (403 insufficient_scope), and the grant stays', async () => {
    const grantId = await created();
    const token = await world.token(world.tpps[0], { scope: 'grant_management_query' });
    const reply = await world.call('DELETE', `/grants/${grantId}`, { token });
    expect(reply.status).toBe(403);
    expect(reply.body).toMatchObject({ error: 'insufficient_scope' });
    expect(String(reply.headers['www-authenticate'])).toMatch(/insufficient_scope/);
    expect((await query(grantId)).status).toBe(200);
  });

  it('[GM-3] a revoke token cannot GET (403 insufficient_scope)', async () => {
    const grantId = await created();
    const token = await world.token(world.tpps[0], { scope: 'grant_management_revoke' });
    expect((await world.call('GET', `/grants/${grantId}`, { token })).status).toBe(403);
  });

  it('[GM-3] no token is 401 with a WWW-Authenticate challenge', async () => {
    const grantId = await created();
    for (const method of ['GET', 'DELETE'] as const) {
      const reply = await world.call(method, `/grants/${grantId}`);
      expect(reply.status).toBe(401);
      expect(reply.headers['www-authenticate']).toEqual(expect.stringMatching(/^DPoP|Bearer/));
    }
    expect((await query(grantId)).status).toBe(200);
  });
});

describe('revocations decided elsewhere', () => {
  it('a revoked consent is removed from the grants that hold it among others, with its details', async () => {
    const grantId = await created(['aac-keep', 'aac-drop']);
    await world.publish('ConsentRevoked', {
      consentId: 'aac-drop',
      clientId: world.tpps[0].clientId,
      revokedBy: 'psu',
      statusReason: 'revoked by the PSU',
    });
    await eventually(async () =>
      expect((await query(grantId)).body).toMatchObject({ authorization_details: [account('aac-keep')] }),
    );
    expect(await world.view(grantId)).toMatchObject({
      status: 'active',
      content: { consentIds: ['aac-keep'] },
    });
  });

  it('a grant whose only consent is revoked is revoked by the system', async () => {
    const grantId = await created(['aac-only']);
    await world.publish('ConsentRevoked', {
      consentId: 'aac-only',
      clientId: world.tpps[0].clientId,
      revokedBy: 'tpp',
      statusReason: 'DELETE by the TPP',
    });
    await eventually(async () => expect((await query(grantId)).status).toBe(404));
    expect((await world.grantEvents(grantId)).at(-1)).toMatchObject({
      type: 'GrantRevoked',
      data: { revokedBy: 'system', reason: expect.stringContaining('aac-only') },
    });
  });

  it('a RAR-first payment consent revoked is removed from the grant by its derived id', async () => {
    const grantId = newGrantId();
    const payment = {
      type: 'payment_initiation',
      instructedAmount: { amount: '12.00', currency: 'GBP' },
      creditorName: 'ACME',
      creditorAccount: { identification: '12345678901234' },
    };
    await world.approve(world.tpps[0], {
      grantId,
      authorizationDetails: [account('aac-rar'), payment],
      consentIds: ['aac-rar'],
    });
    await eventually(async () =>
      expect((await query(grantId)).body.authorization_details).toEqual([
        account('aac-rar'),
        { ...payment, consent_id: `rar-${grantId}-1` },
      ]),
    );
    await world.publish('ConsentRevoked', {
      consentId: `rar-${grantId}-1`,
      clientId: world.tpps[0].clientId,
      revokedBy: 'bank',
      statusReason: 'cancelled',
    });
    await eventually(async () =>
      expect((await query(grantId)).body.authorization_details).toEqual([account('aac-rar')]),
    );
  });

  it('PsuRevokedAccess with the grant revokes it (revokedBy psu); another PSU’s request does not', async () => {
    const grantId = await created();
    const ignored = await world.publish('PsuRevokedAccess', {
      clientId: world.tpps[0].clientId,
      subject: 'sub-someone-else',
      grantId,
      consentIds: [],
    });
    await eventually(async () => expect(await world.processed(ignored)).toBe(true));
    expect((await query(grantId)).status).toBe(200);

    await world.publish('PsuRevokedAccess', {
      clientId: world.tpps[0].clientId,
      subject: SUBJECT,
      grantId,
      consentIds: ['aac-1'],
    });
    await eventually(async () => expect((await query(grantId)).status).toBe(404));
    expect((await world.grantEvents(grantId)).at(-1)).toMatchObject({
      type: 'GrantRevoked',
      data: { revokedBy: 'psu' },
    });
  });
});
