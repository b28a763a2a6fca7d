// Malformed OB input over HTTP gets an OB 400, never a 500 (ROB-1): date-times IsISO8601 passes but
// Date or PostgreSQL cannot take, and object keys that trip class-transformer or would be dropped.
import { eventually } from '@grantline/testing';
import { ConsentWorld } from './consent-world';

const FAR = new Date(Date.now() + 30 * 86_400_000).toISOString();
const aacBody = (data: object = {}, risk: object = {}) => ({
  Data: {
    Permissions: ['ReadAccountsDetail', 'ReadTransactionsDetail', 'ReadTransactionsDebits'],
    ExpirationDateTime: FAR,
    ...data,
  },
  Risk: risk,
});
const initiation = {
  InstructionIdentification: 'instr-1',
  EndToEndIdentification: 'e2e-1',
  InstructedAmount: { Amount: '10.00', Currency: 'GBP' },
  CreditorAccount: {
    SchemeName: 'UK.OBIE.SortCodeAccountNumber',
    Identification: '20000011112222',
    Name: 'Acme',
  },
};
/** Date-times that pass `@IsISO8601({ strict: true })` and used to answer 500. */
const UNTAKEABLE_DATE_TIMES = [
  '2030-W01-1',
  '20300101T000000Z',
  '2030-001T00:00:00Z',
  '9999-12-31T23:59:59-23:59',
  '0000-01-01T00:00:00Z',
];

describe('malformed OB input', () => {
  const world = new ConsentWorld();
  const [tpp] = world.tpps;
  let accountsToken: string;
  let paymentsToken: string;
  let keys = 0;
  const key = () => `malformed-${++keys}`;

  beforeAll(async () => {
    await world.start();
    accountsToken = await world.token(tpp, { scope: 'accounts' });
    paymentsToken = await world.token(tpp, { scope: 'payments' });
  });
  afterAll(() => world.stop());

  const post = (path: string, token: string, rawBody: string) =>
    world.call('POST', path, { token, rawBody, sign: true, headers: { 'x-idempotency-key': key() } });

  it('[ROB-1] refuses ISO week, basic, ordinal and out-of-range date-times in an account access consent with 400 UK.OBIE.Field.InvalidDate', async () => {
    for (const field of ['ExpirationDateTime', 'TransactionFromDateTime', 'TransactionToDateTime']) {
      for (const text of UNTAKEABLE_DATE_TIMES) {
        const response = await post(
          '/aisp/account-access-consents',
          accountsToken,
          JSON.stringify(aacBody({ [field]: text })),
        );
        expect([field, text, response.status]).toEqual([field, text, 400]);
        expect(response.body).toMatchObject({
          Code: '400',
          Errors: [
            expect.objectContaining({ ErrorCode: 'UK.OBIE.Field.InvalidDate', Path: `Data.${field}` }),
          ],
        });
      }
    }
  });

  it('[ROB-1] takes an RFC 3339 date-time with an offset and fractional seconds, stored in UTC', async () => {
    const created = await post(
      '/aisp/account-access-consents',
      accountsToken,
      JSON.stringify(aacBody({ ExpirationDateTime: '9999-12-31T23:59:59.5+01:00' })),
    );
    expect(created.status).toBe(201);
    expect(created.body.Data.ExpirationDateTime).toBe('9999-12-31T22:59:59.500Z');
  });

  it('[ROB-1] refuses out-of-range fromBookingDateTime and toBookingDateTime with 400 UK.OBIE.Field.InvalidDate', async () => {
    const created = await post('/aisp/account-access-consents', accountsToken, JSON.stringify(aacBody()));
    expect(created.status).toBe(201);
    const consentId: string = created.body.Data.ConsentId;
    await world.approve(tpp, {
      grantId: `grant-${consentId}`,
      consentIds: [consentId],
      accountIds: ['acc-alice-current'],
    });
    await eventually(
      async () => {
        const read = await world.call('GET', `/aisp/account-access-consents/${consentId}`, {
          token: accountsToken,
        });
        expect(read.body.Data.Status).toBe('AUTH');
      },
      { timeoutMs: 30_000 },
    );
    const token = await world.token(tpp, {
      scope: 'openid accounts',
      sub: 'sub-pseudonym-1',
      grant_id: `grant-${consentId}`,
      authorization_details: [{ type: 'account_access', consent_id: consentId }],
    });
    const transactions = (query: string) =>
      world.call('GET', `/aisp/accounts/acc-alice-current/transactions?${query}`, { token });
    for (const name of ['fromBookingDateTime', 'toBookingDateTime']) {
      for (const text of UNTAKEABLE_DATE_TIMES) {
        const response = await transactions(`${name}=${encodeURIComponent(text)}`);
        expect([name, text, response.status]).toEqual([name, text, 400]);
        expect(response.body.Errors).toEqual([
          expect.objectContaining({ ErrorCode: 'UK.OBIE.Field.InvalidDate', Path: name }),
        ]);
      }
    }
    const window = await transactions(
      'fromBookingDateTime=2020-01-01T00:00:00&toBookingDateTime=9999-12-31T23:59:59%2B00:00',
    );
    expect(window.status).toBe(200);
  });

  it('[ROB-1] refuses __proto__, constructor and prototype keys anywhere in a consent or payment body with 400 UK.OBIE.Field.Unexpected naming the path', async () => {
    const consent = (data: string, risk: string) =>
      `{"Data":{"Permissions":["ReadAccountsBasic"]${data}},"Risk":${risk}}`;
    const payment = (risk: string) => `{"Data":{"Initiation":${JSON.stringify(initiation)}},"Risk":${risk}}`;
    const order = (initiationText: string) =>
      `{"Data":{"ConsentId":"pdc-1","Initiation":${initiationText}},"Risk":{}}`;
    const psuPaymentsToken = await world.token(tpp, {
      scope: 'openid payments',
      sub: 'sub-pseudonym-1',
      grant_id: 'grant-none',
      authorization_details: [{ type: 'payment_initiation', consent_id: 'pdc-1' }],
    });
    const cases: Array<[string, string, string, string]> = [
      ['/aisp/account-access-consents', accountsToken, consent('', '{"constructor":{}}'), 'Risk.constructor'],
      [
        '/aisp/account-access-consents',
        accountsToken,
        consent('', '{"a":{"constructor":1}}'),
        'Risk.a.constructor',
      ],
      [
        '/aisp/account-access-consents',
        accountsToken,
        consent('', '{"__proto__":{"a":1}}'),
        'Risk.__proto__',
      ],
      ['/aisp/account-access-consents', accountsToken, consent(',"constructor":1', '{}'), 'Data.constructor'],
      ['/aisp/account-access-consents', accountsToken, consent(',"prototype":{}', '{}'), 'Data.prototype'],
      ['/pisp/domestic-payment-consents', paymentsToken, payment('{"constructor":{}}'), 'Risk.constructor'],
      [
        '/pisp/domestic-payment-consents',
        paymentsToken,
        payment('{"a":[{"__proto__":1}]}'),
        'Risk.a[0].__proto__',
      ],
      [
        '/pisp/domestic-payments',
        psuPaymentsToken,
        order('{"constructor":{}}'),
        'Data.Initiation.constructor',
      ],
    ];
    for (const [path, token, rawBody, field] of cases) {
      const response = await post(path, token, rawBody);
      expect([rawBody, response.status]).toEqual([rawBody, 400]);
      expect(response.body).toMatchObject({
        Code: '400',
        Errors: [expect.objectContaining({ ErrorCode: 'UK.OBIE.Field.Unexpected', Path: field })],
      });
    }
  });
});
