// Domestic payment consents, funds confirmation and payment orders over HTTP, with approvals over
// the real Kafka broker and the demo core bank on real PostgreSQL (CON-2, CON-3, CON-4, CON-5).
import { DataSource } from 'typeorm';
import { CORE_BANK, type CoreBank, DemoCoreBank } from '@grantline/core-bank';
import { eventually } from '@grantline/testing';
import { PaymentHandOverSweep } from '../domestic-payments/payment-hand-over-sweep';
import { ConsentWorld, type Tpp } from './consent-world';

const initiation = (amount = '10.00') => ({
  InstructionIdentification: 'instr-1',
  EndToEndIdentification: 'e2e-1',
  InstructedAmount: { Amount: amount, Currency: 'GBP' },
  CreditorAccount: {
    SchemeName: 'UK.OBIE.SortCodeAccountNumber',
    Identification: '20000011112222',
    Name: 'Acme Ltd',
  },
  RemittanceInformation: { Reference: 'Invoice 42' },
});
const consentBody = (amount?: string) => ({
  Data: { Initiation: initiation(amount) },
  Risk: { PaymentContextCode: 'EcommerceGoods' },
});

describe('domestic payment consents and payment orders', () => {
  const world = new ConsentWorld();
  const [tpp, otherTpp] = world.tpps;
  let ccToken: string;
  let bank: DemoCoreBank;
  let keys = 0;
  const key = () => `pay-key-${++keys}`;

  beforeAll(async () => {
    // The security profile is read from the environment, as checkEnvironment reads it.
    process.env['REQUIRE_PAYMENT_JWS_SIGNATURE'] = 'true';
    await world.start();
    ccToken = await world.token(tpp, { scope: 'payments' });
    bank = new DemoCoreBank(world.app.get(DataSource));
  });
  afterAll(async () => {
    delete process.env['REQUIRE_PAYMENT_JWS_SIGNATURE'];
    await world.stop();
  });

  const balance = async (accountId: string) => Number((await bank.balancesOf(accountId))[0].amount);

  async function authorisedPaymentConsent(amount?: string, debtor = 'acc-alice-current'): Promise<string> {
    const created = await world.call('POST', '/pisp/domestic-payment-consents', {
      token: ccToken,
      body: consentBody(amount),
      sign: true,
      headers: { 'x-idempotency-key': key() },
    });
    expect(created.status).toBe(201);
    const consentId: string = created.body.Data.ConsentId;
    await world.approve(tpp, {
      grantId: `grant-${consentId}`,
      consentIds: [consentId],
      accountIds: [debtor, 'acc-alice-savings'],
    });
    await eventually(
      async () => {
        const read = await world.call('GET', `/pisp/domestic-payment-consents/${consentId}`, {
          token: ccToken,
        });
        expect(read.body.Data.Status).toBe('AUTH');
      },
      { timeoutMs: 30_000 },
    );
    return consentId;
  }

  const psuToken = (consentId: string, who: Tpp = tpp) =>
    world.token(who, {
      scope: 'openid payments',
      sub: 'sub-pseudonym-1',
      grant_id: `grant-${consentId}`,
      authorization_details: [{ type: 'payment_initiation', consent_id: consentId }],
    });

  const pay = async (
    consentId: string,
    token: string,
    body: object = { Data: { ConsentId: consentId, Initiation: initiation() }, Risk: consentBody().Risk },
    idempotencyKey = key(),
  ) =>
    world.call('POST', '/pisp/domestic-payments', {
      token,
      body,
      sign: true,
      headers: { 'x-idempotency-key': idempotencyKey },
    });

  it('[CON-5] refuses a payment consent POST without x-jws-signature when the profile requires it', async () => {
    const unsigned = await world.call('POST', '/pisp/domestic-payment-consents', {
      token: ccToken,
      body: consentBody(),
      headers: { 'x-idempotency-key': key() },
    });
    expect(unsigned.status).toBe(400);
    expect(unsigned.body.Errors[0].ErrorCode).toBe('UK.OBIE.Signature.Missing');
    const wrongKey = await world.call('POST', '/pisp/domestic-payment-consents', {
      token: await world.token(otherTpp, { scope: 'payments' }),
      tpp: { ...otherTpp, signingKey: tpp.signingKey },
      body: consentBody(),
      sign: true,
      headers: { 'x-idempotency-key': key() },
    });
    expect(wrongKey.status).toBe(400);
  });

  // Found by `npm run fuzz`: a missing or array Data passed @ValidateNested and the handler then
  // read properties of undefined (500).
  it('[ROB-1] answers a payment consent or order without an object Data, Initiation or amount with an OB 400', async () => {
    const bodies: Array<[string, object]> = [
      ['/pisp/domestic-payment-consents', { Risk: {} }],
      ['/pisp/domestic-payment-consents', { Data: [], Risk: {} }],
      ['/pisp/domestic-payment-consents', { Data: { Initiation: [] }, Risk: {} }],
      [
        '/pisp/domestic-payment-consents',
        { Data: { Initiation: { ...initiation(), InstructedAmount: [] } }, Risk: {} },
      ],
      ['/pisp/domestic-payments', { Data: [], Risk: {} }],
    ];
    for (const [path, body] of bodies) {
      const response = await world.call('POST', path, {
        token: ccToken,
        body,
        sign: true,
        headers: { 'x-idempotency-key': key() },
      });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        Code: '400',
        Errors: expect.arrayContaining([expect.objectContaining({ ErrorCode: expect.any(String) })]),
      });
    }
  });

  it('[CON-2] funds confirmation only when AUTH, on the selected debtor account, with the PSU’s token', async () => {
    const created = await world.call('POST', '/pisp/domestic-payment-consents', {
      token: ccToken,
      body: consentBody(),
      sign: true,
      headers: { 'x-idempotency-key': key() },
    });
    expect(created.body.Data).toMatchObject({ Status: 'AWAU', Initiation: initiation() });
    const awaiting: string = created.body.Data.ConsentId;
    const early = await world.call('GET', `/pisp/domestic-payment-consents/${awaiting}/funds-confirmation`, {
      token: await psuToken(awaiting),
    });
    expect(early.status).toBe(400);
    const rich = await authorisedPaymentConsent('10.00');
    const yes = await world.call('GET', `/pisp/domestic-payment-consents/${rich}/funds-confirmation`, {
      token: await psuToken(rich),
    });
    expect(yes.body.Data.FundsAvailableResult.FundsAvailable).toBe(true);
    const poor = await authorisedPaymentConsent('999999.00');
    const no = await world.call('GET', `/pisp/domestic-payment-consents/${poor}/funds-confirmation`, {
      token: await psuToken(poor),
    });
    expect(no.body.Data.FundsAvailableResult.FundsAvailable).toBe(false);
    // OB v4: the PSU's authorisation-code token for this consent, not the TPP's own, nor one for another.
    for (const token of [ccToken, await psuToken(poor)]) {
      const refused = await world.call('GET', `/pisp/domestic-payment-consents/${rich}/funds-confirmation`, {
        token,
      });
      expect([refused.status, refused.body.Errors[0].ErrorCode]).toEqual([403, 'UK.OBIE.Forbidden']);
    }
  });

  it('[CON-3] pays once: consent COND, debtor debited, a second payment refused with a clear 4xx', async () => {
    const consentId = await authorisedPaymentConsent('12.00');
    const token = await psuToken(consentId);
    const before = await balance('acc-alice-current');
    const paid = await pay(consentId, token, {
      Data: { ConsentId: consentId, Initiation: initiation('12.00') },
      Risk: consentBody().Risk,
    });
    expect(paid.status).toBe(201);
    expect(paid.body.Data).toMatchObject({ ConsentId: consentId, Status: 'ACSC' });
    expect(paid.headers['x-jws-signature']).toBeUndefined();
    expect(await balance('acc-alice-current')).toBeCloseTo(before - 12, 5);
    const consent = await world.call('GET', `/pisp/domestic-payment-consents/${consentId}`, {
      token: ccToken,
    });
    expect(consent.body.Data.Status).toBe('COND');
    const second = await pay(consentId, token, {
      Data: { ConsentId: consentId, Initiation: initiation('12.00') },
      Risk: consentBody().Risk,
    });
    expect(second.status).toBe(400);
    expect(second.body.Errors[0].ErrorCode).toBe('UK.OBIE.Resource.InvalidConsentStatus');
    const read = await world.call('GET', `/pisp/domestic-payments/${paid.body.Data.DomesticPaymentId}`, {
      token: ccToken,
    });
    expect(read.body.Data.Status).toBe('ACSC');
  });

  it('[CON-3] 20 parallel submissions against one consent: exactly one payment and one debit', async () => {
    const consentId = await authorisedPaymentConsent('7.00');
    const token = await psuToken(consentId);
    const before = await balance('acc-alice-current');
    const body = { Data: { ConsentId: consentId, Initiation: initiation('7.00') }, Risk: consentBody().Risk };
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => pay(consentId, token, body)));
    const created = outcomes.filter((outcome) => outcome.status === 201);
    expect(created).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.status >= 400 && outcome.status < 500)).toHaveLength(19);
    expect(await balance('acc-alice-current')).toBeCloseTo(before - 7, 5);
    const debits = (await bank.transactionsOf('acc-alice-current')).filter((entry) =>
      entry.transactionId.startsWith(`${created[0].body.Data.DomesticPaymentId}:`),
    );
    expect(debits).toHaveLength(1);
  });

  /**
   * Pays `amount` while the real bank fails once at hand-over, as a bank outage or a stopped
   * process would: the order is recorded and answered PDNG, and no money has moved.
   */
  async function payWhileTheBankFailsOnce(amount: string) {
    const consentId = await authorisedPaymentConsent(amount);
    const token = await psuToken(consentId);
    const before = await balance('acc-alice-current');
    const liveBank = world.app.get<CoreBank>(CORE_BANK);
    const execute = liveBank.executePayment.bind(liveBank);
    liveBank.executePayment = async () => {
      liveBank.executePayment = execute;
      throw new Error('connection to the core bank lost');
    };
    const paid = await pay(consentId, token, {
      Data: { ConsentId: consentId, Initiation: initiation(amount) },
      Risk: consentBody().Risk,
    });
    expect(paid.status).toBe(201);
    expect(paid.body.Data).toMatchObject({ ConsentId: consentId, Status: 'PDNG' });
    expect(await balance('acc-alice-current')).toBeCloseTo(before, 5);
    return { path: `/pisp/domestic-payments/${paid.body.Data.DomesticPaymentId}`, before };
  }

  // Found by the fault-injection journeys: consent stopped between recording an order and handing it
  // to the bank, and the order stayed pending for good (the bank had no record for GET to follow).
  it('[CON-3] [ROB-2] an order the bank never received stays pending, and the next GET hands it over once', async () => {
    const { path, before } = await payWhileTheBankFailsOnce('5.00');
    const [read, raced] = await Promise.all([
      world.call('GET', path, { token: ccToken }),
      world.call('GET', path, { token: ccToken }),
    ]);
    expect(read.body.Data.Status).toBe('ACSC');
    expect(raced.body.Data.Status).toBe('ACSC');
    expect(await balance('acc-alice-current')).toBeCloseTo(before - 5, 5);
  });

  it('[CON-3] [ROB-2] an order the bank never received is handed over by the sweep, also when nobody asks', async () => {
    const { path, before } = await payWhileTheBankFailsOnce('6.00');
    const sweep = world.app.get(PaymentHandOverSweep);
    // Not before the grace period: the submission itself may still be handing it over.
    expect(await sweep.sweep(new Date())).toBe(0);
    expect(await sweep.sweep(new Date(Date.now() + 60_000))).toBe(1);
    expect(await balance('acc-alice-current')).toBeCloseTo(before - 6, 5);
    expect((await world.call('GET', path, { token: ccToken })).body.Data.Status).toBe('ACSC');
    // Settled orders are no longer swept.
    expect(await sweep.sweep(new Date(Date.now() + 60_000))).toBe(0);
  });

  it('[CON-4] a repeated payment POST with the same key returns the original payment, never a second one', async () => {
    const consentId = await authorisedPaymentConsent('3.00');
    const token = await psuToken(consentId);
    const body = { Data: { ConsentId: consentId, Initiation: initiation('3.00') }, Risk: consentBody().Risk };
    const first = await pay(consentId, token, body, 'replay-me');
    const again = await pay(consentId, token, body, 'replay-me');
    expect(again.status).toBe(201);
    expect(again.body.Data.DomesticPaymentId).toBe(first.body.Data.DomesticPaymentId);
  });

  it('[CON-3] refuses an order whose Initiation or Risk differs from the consent', async () => {
    const consentId = await authorisedPaymentConsent('5.00');
    const token = await psuToken(consentId);
    const changed = await pay(consentId, token, {
      Data: { ConsentId: consentId, Initiation: initiation('500.00') },
      Risk: consentBody().Risk,
    });
    expect(changed.status).toBe(400);
    expect(changed.body.Errors[0].ErrorCode).toBe('UK.OBIE.Resource.ConsentMismatch');
    const risk = await pay(consentId, token, {
      Data: { ConsentId: consentId, Initiation: initiation('5.00') },
      Risk: {},
    });
    expect(risk.status).toBe(400);
  });

  it('[CON-6] another client cannot see or use a payment consent', async () => {
    const consentId = await authorisedPaymentConsent('2.00');
    const otherCc = await world.token(otherTpp, { scope: 'payments' });
    expect(
      (
        await world.call('GET', `/pisp/domestic-payment-consents/${consentId}`, {
          token: otherCc,
          tpp: otherTpp,
        })
      ).status,
    ).toBe(404);
    const stolen = await psuToken(consentId, otherTpp);
    const response = await world.call('POST', '/pisp/domestic-payments', {
      token: stolen,
      tpp: otherTpp,
      body: { Data: { ConsentId: consentId, Initiation: initiation('2.00') }, Risk: consentBody().Risk },
      sign: true,
      headers: { 'x-idempotency-key': key() },
    });
    expect(response.status).toBe(404);
    const unrelated = await psuToken('pdc-someone-else');
    expect(
      (
        await pay(consentId, unrelated, {
          Data: { ConsentId: consentId, Initiation: initiation('2.00') },
          Risk: consentBody().Risk,
        })
      ).status,
    ).toBe(403);
  });

  it('[CON-3] insufficient funds: the order is RJCT with the bank’s reason', async () => {
    const consentId = await authorisedPaymentConsent('999999.00', 'acc-bob-current');
    const token = await psuToken(consentId);
    const paid = await pay(consentId, token, {
      Data: { ConsentId: consentId, Initiation: initiation('999999.00') },
      Risk: consentBody().Risk,
    });
    expect(paid.status).toBe(201);
    expect(paid.body.Data).toMatchObject({
      Status: 'RJCT',
      StatusReason: [expect.objectContaining({ StatusReasonCode: 'InsufficientFunds' })],
    });
  });

  it('[CON-2] a RAR-first payment_initiation detail becomes an authorised consent the token can pay with', async () => {
    const grantId = `grant-rar-${Date.now()}`;
    const detail = {
      type: 'payment_initiation',
      instructedAmount: { amount: '4.50', currency: 'GBP' },
      creditorName: 'Corner Shop',
      creditorAccount: { schemeName: 'UK.OBIE.SortCodeAccountNumber', identification: '20000099998888' },
      remittanceInformationUnstructured: 'Order 9',
    };
    await world.approve(tpp, { grantId, authorizationDetails: [detail], accountIds: ['acc-alice-current'] });
    const consentId = `rar-${grantId}-0`;
    let consent: { Initiation: object } | undefined;
    await eventually(
      async () => {
        const read = await world.call('GET', `/pisp/domestic-payment-consents/${consentId}`, {
          token: ccToken,
        });
        expect(read.body.Data.Status).toBe('AUTH');
        consent = read.body.Data;
      },
      { timeoutMs: 30_000 },
    );
    const token = await world.token(tpp, {
      scope: 'payments',
      sub: 'sub-pseudonym-1',
      grant_id: grantId,
      authorization_details: [detail],
    });
    const paid = await pay(consentId, token, {
      Data: { ConsentId: consentId, Initiation: consent?.Initiation },
      Risk: {},
    });
    expect(paid.status).toBe(201);
    expect(paid.body.Data.Status).toBe('ACSC');
  });

  it('[CON-2] [RAR-1] a grant update approving a second RAR-first payment creates that consent, not the first again', async () => {
    const grantId = `grant-rar-update-${Date.now()}`;
    const detail = (amount: string, consentId: string) => ({
      type: 'payment_initiation',
      consent_id: consentId,
      instructedAmount: { amount, currency: 'GBP' },
      creditorName: 'Corner Shop',
      creditorAccount: { schemeName: 'UK.OBIE.SortCodeAccountNumber', identification: '20000099998888' },
    });
    const approvals = [
      { action: 'create', amount: '4.50', consentId: `rar-a-${Date.now()}` },
      { action: 'update', amount: '7.25', consentId: `rar-b-${Date.now()}` },
    ] as const;
    for (const { action, amount, consentId } of approvals) {
      await world.approve(tpp, {
        grantId,
        grantManagementAction: action,
        authorizationDetails: [detail(amount, consentId)],
        consentIds: [consentId],
        createdConsentIds: [consentId],
        accountIds: ['acc-alice-current'],
      });
    }
    for (const { amount, consentId } of approvals) {
      await eventually(
        async () => {
          const read = await world.call('GET', `/pisp/domestic-payment-consents/${consentId}`, {
            token: ccToken,
          });
          expect(read.body.Data).toMatchObject({
            Status: 'AUTH',
            Initiation: { InstructedAmount: { Amount: amount, Currency: 'GBP' } },
          });
        },
        { timeoutMs: 30_000 },
      );
    }
    // Nothing under the id an approval from before would have derived for both.
    const derived = await world.call('GET', `/pisp/domestic-payment-consents/rar-${grantId}-0`, {
      token: ccToken,
    });
    expect(derived.status).toBe(404);
  });
});
