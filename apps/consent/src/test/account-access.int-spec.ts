// Account-access consents and the account APIs over HTTP, with the PSU's approval arriving over the
// real Kafka broker (CON-1, CON-4, CON-5, CON-6, CON-7, ROB-1).
import { createDpopProof, signDetachedJws } from '@grantline/crypto';
import { eventually } from '@grantline/testing';
import { BASE, ConsentWorld, ORIGIN } from './consent-world';

const FAR = new Date(Date.now() + 30 * 86_400_000).toISOString();
const aacBody = (data: object = {}) => ({
  Data: {
    Permissions: ['ReadAccountsDetail', 'ReadBalances', 'ReadTransactionsDetail', 'ReadTransactionsDebits'],
    ExpirationDateTime: FAR,
    TransactionFromDateTime: new Date(Date.now() - 30 * 86_400_000).toISOString(),
    TransactionToDateTime: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    ...data,
  },
  Risk: {},
});

describe('account-access consents and account APIs', () => {
  const world = new ConsentWorld();
  const [tpp, otherTpp] = world.tpps;
  let ccToken: string;

  beforeAll(async () => {
    await world.start();
    ccToken = await world.token(tpp, { scope: 'accounts' });
  });
  afterAll(() => world.stop());

  const create = async (body: object = aacBody(), key = `key-${Math.random()}`) =>
    world.call('POST', '/aisp/account-access-consents', {
      token: ccToken,
      body,
      headers: { 'x-idempotency-key': key },
    });

  async function authorisedConsent(accountIds = ['acc-alice-current'], body = aacBody()): Promise<string> {
    const created = await create(body);
    expect(created.status).toBe(201);
    const consentId: string = created.body.Data.ConsentId;
    await world.approve(tpp, { grantId: `grant-${consentId}`, consentIds: [consentId], accountIds });
    await eventually(
      async () => {
        const read = await world.call('GET', `/aisp/account-access-consents/${consentId}`, {
          token: ccToken,
        });
        expect(read.body.Data.Status).toBe('AUTH');
      },
      { timeoutMs: 30_000 },
    );
    return consentId;
  }

  const psuToken = (consentId: string, who = tpp) =>
    world.token(who, {
      scope: 'openid accounts',
      sub: 'sub-pseudonym-1',
      grant_id: `grant-${consentId}`,
      authorization_details: [{ type: 'account_access', consent_id: consentId }],
    });

  it('[CON-1] creates an AWAU consent with the OB body, links and the interaction id echoed', async () => {
    const interaction = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const created = await world.call('POST', '/aisp/account-access-consents', {
      token: ccToken,
      body: aacBody(),
      headers: { 'x-idempotency-key': 'k-create-1', 'x-fapi-interaction-id': interaction },
    });
    expect(created.status).toBe(201);
    expect(created.headers['x-fapi-interaction-id']).toBe(interaction);
    expect(created.body.Data).toMatchObject({ Status: 'AWAU', Permissions: aacBody().Data.Permissions });
    expect(created.body.Data.ConsentId).toMatch(/^aac-/);
    expect(created.body.Links.Self).toContain(
      `/open-banking/v4.0/aisp/account-access-consents/${created.body.Data.ConsentId}`,
    );
  });

  it('[CON-1] refuses Permissions that break the OB dependency rules, unknown ones, and a past expiry', async () => {
    for (const body of [
      aacBody({ Permissions: ['ReadTransactionsBasic'] }),
      aacBody({ Permissions: ['ReadTransactionsCredits'] }),
      aacBody({ Permissions: ['ReadEverything'] }),
      aacBody({ Permissions: [] }),
      aacBody({ ExpirationDateTime: '2020-01-01T00:00:00Z' }),
      aacBody({ TransactionFromDateTime: FAR, TransactionToDateTime: '2020-01-01T00:00:00Z' }),
    ]) {
      const response = await create(body);
      expect(response.status).toBe(400);
      expect(response.body.Errors[0].ErrorCode).toMatch(/^UK\.OBIE\./);
    }
  });

  it('[ROB-1] answers malformed JSON, a wrong shape and a missing body with OB error bodies, never 500', async () => {
    for (const call of [
      { rawBody: '{"Data":', headers: { 'x-idempotency-key': 'bad-1' } },
      { body: [1, 2], headers: { 'x-idempotency-key': 'bad-2' } },
      { body: { Data: 'x', Risk: {} }, headers: { 'x-idempotency-key': 'bad-3' } },
      { body: { ...aacBody(), Extra: true }, headers: { 'x-idempotency-key': 'bad-4' } },
    ]) {
      const response = await world.call('POST', '/aisp/account-access-consents', { token: ccToken, ...call });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        Code: '400',
        Errors: expect.arrayContaining([expect.objectContaining({ ErrorCode: expect.any(String) })]),
      });
    }
    const unknown = await world.call('GET', '/aisp/account-access-consents/%00%ff', { token: ccToken });
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    expect(unknown.status).toBeLessThan(500);
  });

  // Found by `npm run fuzz`: a deeply nested Risk overflowed the stack, a NUL character or an unpaired
  // surrogate failed the jsonb insert, and a missing or array Data passed @ValidateNested into the handler: all 500s.
  it('[ROB-1] answers deeply nested JSON, NUL characters and a missing or array Data with OB 400s, never 500', async () => {
    let nested: unknown = 'bottom';
    for (let depth = 0; depth < 3_000; depth++) nested = depth % 2 === 0 ? [nested] : { a: nested };
    const bodies = [
      ...[
        nested,
        { PaymentContextCode: 'a\u0000b' },
        { ['a\u0000']: 1 },
        { PaymentContextCode: ['\ud800'] },
      ].map((risk) => ({
        ...aacBody(),
        Risk: risk,
      })),
      { Risk: {} },
      { Data: [], Risk: {} },
    ];
    for (const [index, body] of bodies.entries()) {
      const response = await world.call('POST', '/aisp/account-access-consents', {
        token: ccToken,
        body,
        headers: { 'x-idempotency-key': `fuzz-found-${index}` },
      });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        Code: '400',
        Errors: expect.arrayContaining([expect.objectContaining({ ErrorCode: 'UK.OBIE.Field.Invalid' })]),
      });
    }
  });

  it('[CON-4] requires x-idempotency-key; a repeat returns the original, another body with it is refused', async () => {
    const missing = await world.call('POST', '/aisp/account-access-consents', {
      token: ccToken,
      body: aacBody(),
    });
    expect([missing.status, missing.body.Errors[0].ErrorCode]).toEqual([400, 'UK.OBIE.Header.Missing']);
    // Present but not a key: the OB code says so, rather than calling it missing.
    for (const key of ['k'.repeat(41), 'with space', 'tab\there']) {
      const invalid = await create(aacBody(), key);
      expect([key, invalid.status, invalid.body.Errors[0].ErrorCode]).toEqual([
        key,
        400,
        'UK.OBIE.Header.Invalid',
      ]);
    }
    const body = aacBody();
    const first = await create(body, 'same-key');
    const again = await create(body, 'same-key');
    expect(again.status).toBe(201);
    expect(again.body.Data.ConsentId).toBe(first.body.Data.ConsentId);
    const different = await create(aacBody({ Permissions: ['ReadAccountsBasic'] }), 'same-key');
    expect(different.status).toBe(400);
    const parallel = await Promise.all(Array.from({ length: 5 }, () => create(body, 'race-key')));
    expect(new Set(parallel.map((response) => response.body.Data.ConsentId)).size).toBe(1);
  });

  it('[CON-5] verifies x-jws-signature against the TPP’s registered key when present', async () => {
    const signed = await world.call('POST', '/aisp/account-access-consents', {
      token: ccToken,
      body: aacBody(),
      sign: true,
      headers: { 'x-idempotency-key': 'signed-1' },
    });
    expect(signed.status).toBe(201);
    const forged = await world.call('POST', '/aisp/account-access-consents', {
      token: ccToken,
      body: aacBody(),
      headers: { 'x-idempotency-key': 'signed-2', 'x-jws-signature': 'eyJhbGciOiJQUzI1NiJ9..c2ln' },
    });
    expect(forged.status).toBe(400);
    expect(forged.body.Errors[0].ErrorCode).toBe('UK.OBIE.Signature.Invalid');
  });

  it('[CON-5] refuses an x-jws-signature whose OB iss names another signer than the calling TPP', async () => {
    const body = JSON.stringify(aacBody());
    const signedAs = (issuer: string) => signDetachedJws(tpp.signingKey, body, { issuer, clock: Date.now });
    const call = async (issuer: string, key: string) =>
      world.call('POST', '/aisp/account-access-consents', {
        token: ccToken,
        rawBody: body,
        headers: { 'x-idempotency-key': key, 'x-jws-signature': await signedAs(issuer) },
      });
    const other = await call(otherTpp.clientId, 'iss-other');
    expect([other.status, other.body.Errors[0].ErrorCode]).toEqual([400, 'UK.OBIE.Signature.Invalid']);
    expect((await call(tpp.clientId, 'iss-own')).status).toBe(201);
  });

  it('[CON-6] hides a consent from every other client: read and delete answer 404', async () => {
    const consentId = (await create()).body.Data.ConsentId;
    const otherToken = await world.token(otherTpp, { scope: 'accounts' });
    const read = await world.call('GET', `/aisp/account-access-consents/${consentId}`, {
      token: otherToken,
      tpp: otherTpp,
    });
    expect(read.status).toBe(404);
    const deleted = await world.call('DELETE', `/aisp/account-access-consents/${consentId}`, {
      token: otherToken,
      tpp: otherTpp,
    });
    expect(deleted.status).toBe(404);
    const mine = await world.call('GET', `/aisp/account-access-consents/${consentId}`, { token: ccToken });
    expect(mine.body.Data.Status).toBe('AWAU');
  });

  it('[CON-6] an approval naming another client’s consent does not authorise it', async () => {
    const consentId = (await create()).body.Data.ConsentId;
    await world.approve(otherTpp, { grantId: 'grant-x', consentIds: [consentId] });
    const sentinel = (await create()).body.Data.ConsentId;
    await world.approve(tpp, { grantId: 'grant-y', consentIds: [sentinel] });
    await eventually(
      async () => {
        expect(
          (await world.call('GET', `/aisp/account-access-consents/${sentinel}`, { token: ccToken })).body.Data
            .Status,
        ).toBe('AUTH');
      },
      { timeoutMs: 30_000 },
    );
    expect(
      (await world.call('GET', `/aisp/account-access-consents/${consentId}`, { token: ccToken })).body.Data
        .Status,
    ).toBe('AWAU');
  });

  it('[CON-1] AuthorizationDenied over Kafka turns the consent RJCT', async () => {
    const consentId = (await create()).body.Data.ConsentId;
    await world.deny(tpp, [consentId]);
    await eventually(
      async () => {
        const read = await world.call('GET', `/aisp/account-access-consents/${consentId}`, {
          token: ccToken,
        });
        expect(read.body.Data.Status).toBe('RJCT');
      },
      { timeoutMs: 30_000 },
    );
  });

  it('[CON-7] serves accounts, balances and transactions only within permissions, accounts and window', async () => {
    const consentId = await authorisedConsent(['acc-alice-current']);
    const token = await psuToken(consentId);
    const accounts = await world.call('GET', '/aisp/accounts', { token });
    expect(accounts.status).toBe(200);
    expect(accounts.body.Data.Account.map((account: { AccountId: string }) => account.AccountId)).toEqual([
      'acc-alice-current',
    ]);
    const balances = await world.call('GET', '/aisp/accounts/acc-alice-current/balances', { token });
    expect(balances.body.Data.Balance[0]).toMatchObject({
      Type: 'InterimAvailable',
      Amount: { Currency: 'GBP' },
    });
    const outside = await world.call('GET', '/aisp/accounts/acc-alice-savings/balances', { token });
    expect(outside.status).toBe(404);
    const transactions = await world.call('GET', '/aisp/accounts/acc-alice-current/transactions', { token });
    const entries = transactions.body.Data.Transaction as Array<{
      CreditDebitIndicator: string;
      BookingDateTime: string;
    }>;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((entry) => entry.CreditDebitIndicator === 'Debit')).toBe(true);
    const from = Date.now() - 30 * 86_400_000;
    const to = Date.now() - 3 * 86_400_000;
    expect(
      entries.every(
        (entry) =>
          Date.parse(entry.BookingDateTime) >= from - 5000 && Date.parse(entry.BookingDateTime) <= to + 5000,
      ),
    ).toBe(true);
    const badDate = await world.call(
      'GET',
      '/aisp/accounts/acc-alice-current/transactions?fromBookingDateTime=yesterday',
      { token },
    );
    expect(badDate.status).toBe(400);
  });

  it('[CON-7] refuses data the consent does not grant, a client_credentials token, and another client’s consent', async () => {
    const consentId = await authorisedConsent(
      ['acc-alice-current'],
      aacBody({ Permissions: ['ReadAccountsBasic'] }),
    );
    const token = await psuToken(consentId);
    const listed = await world.call('GET', '/aisp/accounts', { token });
    expect(listed.status).toBe(200);
    expect(listed.body.Data.Account[0].Account).toBeUndefined();
    expect((await world.call('GET', '/aisp/accounts/acc-alice-current/balances', { token })).status).toBe(
      403,
    );
    expect((await world.call('GET', '/aisp/accounts/acc-alice-current/transactions', { token })).status).toBe(
      403,
    );
    expect((await world.call('GET', '/aisp/accounts', { token: ccToken })).status).toBe(403);
    const stolen = await psuToken(consentId, otherTpp);
    expect((await world.call('GET', '/aisp/accounts', { token: stolen, tpp: otherTpp })).status).toBe(403);
  });

  it('[CON-1] DELETE revokes (CANC): account data stops at once', async () => {
    const consentId = await authorisedConsent();
    const token = await psuToken(consentId);
    expect((await world.call('GET', '/aisp/accounts', { token })).status).toBe(200);
    expect(
      (await world.call('DELETE', `/aisp/account-access-consents/${consentId}`, { token: ccToken })).status,
    ).toBe(204);
    const read = await world.call('GET', `/aisp/account-access-consents/${consentId}`, { token: ccToken });
    expect(read.body.Data.Status).toBe('CANC');
    const refused = await world.call('GET', '/aisp/accounts', { token: await psuToken(consentId) });
    expect([401, 403]).toContain(refused.status);
    expect(
      (await world.call('DELETE', `/aisp/account-access-consents/${consentId}`, { token: ccToken })).status,
    ).toBe(400);
  });

  it('[CON-1] an expired consent becomes EXPD by time and its data is refused', async () => {
    const soon = new Date(Date.now() + 1500).toISOString();
    const consentId = await authorisedConsent(['acc-alice-current'], aacBody({ ExpirationDateTime: soon }));
    const token = await psuToken(consentId);
    await eventually(
      async () => {
        const read = await world.call('GET', `/aisp/account-access-consents/${consentId}`, {
          token: ccToken,
        });
        expect(read.body.Data.Status).toBe('EXPD');
      },
      { timeoutMs: 20_000 },
    );
    expect((await world.call('GET', '/aisp/accounts', { token })).status).toBe(403);
  });

  it('[SC-1] refuses a bearer presentation and a token without the accounts scope', async () => {
    const bearer = await world.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'GET',
        url: '/open-banking/v4.0/aisp/accounts',
        headers: { authorization: `Bearer ${ccToken}` },
      });
    expect(bearer.statusCode).toBe(401);
    const paymentsOnly = await world.token(tpp, { scope: 'payments' });
    expect((await create(aacBody())).status).toBe(201);
    const response = await world.call('POST', '/aisp/account-access-consents', {
      token: paymentsOnly,
      body: aacBody(),
      headers: { 'x-idempotency-key': 'scope-1' },
    });
    expect(response.status).toBe(403);
  });

  it('[DPOP-1] refuses a DPoP proof replayed at another replica of the service', async () => {
    const consentId = await authorisedConsent();
    const token = await psuToken(consentId);
    const replica = await world.startReplica();
    const url = `${BASE}/aisp/accounts`;
    const headers = {
      authorization: `DPoP ${token}`,
      dpop: await createDpopProof({
        key: tpp.dpopKey,
        method: 'GET',
        url: `${ORIGIN}${url}`,
        accessToken: token,
        clock: Date.now,
      }),
    };
    const send = (app: typeof replica) =>
      app.getHttpAdapter().getInstance().inject({ method: 'GET', url, headers });
    expect((await send(world.app)).statusCode).toBe(200);
    const replayed = await send(replica);
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json().error).toBe('invalid_dpop_proof');
    // The replica serves a fresh proof.
    expect((await world.call('GET', '/aisp/accounts', { token, replica })).status).toBe(200);
  });
});
