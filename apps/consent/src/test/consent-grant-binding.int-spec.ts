// A consent is used only under the authorisation that authorised it (CON-6). Two authorisation
// requests can name one AWAU consent (a payment link opened twice, by two PSUs): the first approval
// authorises it with that PSU's accounts; the second is refused by the consent's state, but its
// authorisation code still becomes a token naming the consent. That token must not read the first
// PSU's accounts nor pay from them: the consent is bound to the grant it was authorised under.
import { DataSource } from 'typeorm';
import { DemoCoreBank } from '@grantline/core-bank';
import { eventually } from '@grantline/testing';
import { ConsentWorld } from './consent-world';

const FAR = new Date(Date.now() + 30 * 86_400_000).toISOString();
const initiation = {
  InstructionIdentification: 'instr-g',
  EndToEndIdentification: 'e2e-g',
  InstructedAmount: { Amount: '12.00', Currency: 'GBP' },
  CreditorAccount: {
    SchemeName: 'UK.OBIE.SortCodeAccountNumber',
    Identification: '20000011112222',
    Name: 'Acme Ltd',
  },
};
const risk = { PaymentContextCode: 'EcommerceGoods' };

describe('consents bound to the grant that authorised them', () => {
  const world = new ConsentWorld();
  const [tpp] = world.tpps;
  let keys = 0;
  const key = () => `grant-binding-${++keys}`;

  beforeAll(async () => {
    await world.start();
  });
  afterAll(() => world.stop());

  async function authorised(kind: 'aisp' | 'pisp', grantId: string): Promise<string> {
    const scope = kind === 'aisp' ? 'accounts' : 'payments';
    const path = kind === 'aisp' ? '/aisp/account-access-consents' : '/pisp/domestic-payment-consents';
    const ccToken = await world.token(tpp, { scope });
    const body =
      kind === 'aisp'
        ? { Data: { Permissions: ['ReadAccountsDetail', 'ReadBalances'], ExpirationDateTime: FAR }, Risk: {} }
        : { Data: { Initiation: initiation }, Risk: risk };
    const created = await world.call('POST', path, {
      token: ccToken,
      body,
      sign: kind === 'pisp',
      headers: { 'x-idempotency-key': key() },
    });
    expect(created.status).toBe(201);
    const consentId: string = created.body.Data.ConsentId;
    await world.approve(tpp, { grantId, consentIds: [consentId], accountIds: ['acc-alice-current'] });
    await eventually(
      async () => {
        const read = await world.call('GET', `${path}/${consentId}`, { token: ccToken });
        expect(read.body.Data.Status).toBe('AUTH');
      },
      { timeoutMs: 30_000 },
    );
    return consentId;
  }

  const psuToken = (type: string, scope: string, consentId: string, grantId: string, sub: string) =>
    world.token(tpp, {
      scope: `openid ${scope}`,
      sub,
      grant_id: grantId,
      authorization_details: [{ type, consent_id: consentId }],
    });

  it('[CON-6] refuses account data to a token of another authorisation of the same consent', async () => {
    const consentId = await authorised('aisp', 'grant-psu-a');
    const other = await psuToken('account_access', 'accounts', consentId, 'grant-psu-b', 'sub-psu-b');
    const refused = await world.call('GET', '/aisp/accounts/acc-alice-current/balances', { token: other });
    expect(refused.status).toBe(403);
    expect(refused.body.Errors[0].ErrorCode).toBe('UK.OBIE.Forbidden');
    expect(JSON.stringify(refused.body)).not.toContain('Amount');

    const own = await psuToken('account_access', 'accounts', consentId, 'grant-psu-a', 'sub-psu-a');
    const served = await world.call('GET', '/aisp/accounts/acc-alice-current/balances', { token: own });
    expect(served.status).toBe(200);
  });

  it('[CON-6] [CON-3] refuses a payment from a token of another authorisation of the same consent', async () => {
    const bank = new DemoCoreBank(world.app.get(DataSource));
    const before = (await bank.balancesOf('acc-alice-current'))[0].amount;
    const consentId = await authorised('pisp', 'grant-payer-a');
    const pay = async (grantId: string, sub: string) =>
      world.call('POST', '/pisp/domestic-payments', {
        token: await psuToken('payment_initiation', 'payments', consentId, grantId, sub),
        body: { Data: { ConsentId: consentId, Initiation: initiation }, Risk: risk },
        sign: true,
        headers: { 'x-idempotency-key': key() },
      });

    const refused = await pay('grant-payer-b', 'sub-payer-b');
    expect(refused.status).toBe(403);
    expect(refused.body.Errors[0].ErrorCode).toBe('UK.OBIE.Forbidden');
    expect((await bank.balancesOf('acc-alice-current'))[0].amount).toBe(before);

    const paid = await pay('grant-payer-a', 'sub-payer-a');
    expect(paid.status).toBe(201);
  });
});
