// A payment consent whose Initiation names the DebtorAccount is paid from that account only (UK Open
// Banking v4 domestic payment consents): the PSU's approval authorises it only with that account
// selected, and that account is the one debited, whichever the PSU's selection lists first.
import { DataSource } from 'typeorm';
import { DemoCoreBank } from '@grantline/core-bank';
import { eventually } from '@grantline/testing';
import { ConsentWorld } from './consent-world';

const ALICE_SAVINGS = { SchemeName: 'UK.OBIE.SortCodeAccountNumber', Identification: '04000412349999' };
const initiation = {
  InstructionIdentification: 'instr-debtor',
  EndToEndIdentification: 'e2e-debtor',
  InstructedAmount: { Amount: '7.00', Currency: 'GBP' },
  CreditorAccount: {
    SchemeName: 'UK.OBIE.SortCodeAccountNumber',
    Identification: '20000011112222',
    Name: 'Acme Ltd',
  },
  DebtorAccount: ALICE_SAVINGS,
};
const risk = { PaymentContextCode: 'EcommerceGoods' };

describe('a payment consent that names its debtor account', () => {
  const world = new ConsentWorld();
  const [tpp] = world.tpps;
  let keys = 0;
  const key = () => `debtor-${++keys}`;
  let bank: DemoCoreBank;

  beforeAll(async () => {
    await world.start();
    bank = new DemoCoreBank(world.app.get(DataSource));
  });
  afterAll(() => world.stop());

  const balance = async (accountId: string) => (await bank.balancesOf(accountId))[0].amount;

  async function createdConsent(): Promise<string> {
    const created = await world.call('POST', '/pisp/domestic-payment-consents', {
      token: await world.token(tpp, { scope: 'payments' }),
      body: { Data: { Initiation: initiation }, Risk: risk },
      sign: true,
      headers: { 'x-idempotency-key': key() },
    });
    expect(created.status).toBe(201);
    return created.body.Data.ConsentId;
  }

  async function approvedWith(accountIds: string[], status: string): Promise<string> {
    const consentId = await createdConsent();
    await world.approve(tpp, { grantId: `grant-${consentId}`, consentIds: [consentId], accountIds });
    await eventually(
      async () => {
        const read = await world.call('GET', `/pisp/domestic-payment-consents/${consentId}`, {
          token: await world.token(tpp, { scope: 'payments' }),
        });
        expect(read.body.Data.Status).toBe(status);
      },
      { timeoutMs: 30_000 },
    );
    return consentId;
  }

  it('[CON-2] [UX-1] announces the named DebtorAccount in ConsentCreated, for the consent page to offer only it', async () => {
    const [event]: Array<{ data: Record<string, unknown> }> = await world.app
      .get(DataSource)
      .query(`SELECT data FROM events WHERE type = 'ConsentCreated' AND data->>'consentId' = $1`, [
        await createdConsent(),
      ]);
    expect(event?.data).toMatchObject({
      debtorAccountSchemeName: ALICE_SAVINGS.SchemeName,
      debtorAccountIdentification: ALICE_SAVINGS.Identification,
    });
  });

  it('[CON-2] rejects the approval when the PSU did not select the account the payment names', async () => {
    await approvedWith(['acc-alice-current'], 'RJCT');
  });

  it('[CON-2] [CON-3] pays from the named account, though the PSU listed another first', async () => {
    const [current, savings] = [await balance('acc-alice-current'), await balance('acc-alice-savings')];
    const consentId = await approvedWith(['acc-alice-current', 'acc-alice-savings'], 'AUTH');
    const paid = await world.call('POST', '/pisp/domestic-payments', {
      token: await world.token(tpp, {
        scope: 'openid payments',
        sub: 'sub-pseudonym-1',
        grant_id: `grant-${consentId}`,
        authorization_details: [{ type: 'payment_initiation', consent_id: consentId }],
      }),
      body: { Data: { ConsentId: consentId, Initiation: initiation }, Risk: risk },
      sign: true,
      headers: { 'x-idempotency-key': key() },
    });
    expect(paid.status).toBe(201);
    await eventually(
      async () => expect(Number(await balance('acc-alice-savings'))).toBeCloseTo(Number(savings) - 7),
      {
        timeoutMs: 30_000,
      },
    );
    expect(await balance('acc-alice-current')).toBe(current);
  });
});
