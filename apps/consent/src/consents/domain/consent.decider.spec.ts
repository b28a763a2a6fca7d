// Every legal and illegal transition of a consent, as given events / when command / then events.
import { given, stateFrom } from '@grantline/event-store';
import type { ConsentCreatedV1 } from '@grantline/contracts';
import { consentDecider, type ConsentCommand, type ConsentEvent } from './consent.decider';
import { ConsentRefused } from './consent.errors';

const ids = { consentId: 'aac-1', clientId: 'tpp-1' };
const created = (data: Partial<ConsentCreatedV1> = {}): ConsentEvent => ({
  type: 'ConsentCreated',
  data: {
    ...ids,
    consentType: 'account-access',
    permissions: ['ReadAccountsBasic'],
    expirationDateTime: '2026-12-01T00:00:00.000Z',
    ...data,
  },
});
const paymentCreated = created({ consentType: 'domestic-payment', permissions: undefined });
const authorised: ConsentEvent = {
  type: 'ConsentAuthorised',
  data: { ...ids, subject: 'sub-1', grantId: 'grant-1', accountIds: ['acc-1'] },
};
const rejected: ConsentEvent = { type: 'ConsentRejected', data: { ...ids, statusReason: 'psu_denied' } };
const revoked: ConsentEvent = {
  type: 'ConsentRevoked',
  data: { ...ids, revokedBy: 'tpp', statusReason: 'Revoked by the TPP' },
};
const expired: ConsentEvent = {
  type: 'ConsentExpired',
  data: { ...ids, expiredAt: '2026-12-01T00:00:00.000Z' },
};
const consumed: ConsentEvent = { type: 'ConsentConsumed', data: { ...ids, paymentId: 'pay-1' } };

const authorise: ConsentCommand = {
  kind: 'authorise',
  clientId: 'tpp-1',
  subject: 'sub-1',
  grantId: 'grant-1',
  accountIds: ['acc-1'],
};
const reject: ConsentCommand = { kind: 'reject', statusReason: 'psu_denied' };
const revoke: ConsentCommand = {
  kind: 'revoke',
  clientId: 'tpp-1',
  revokedBy: 'tpp',
  statusReason: 'Revoked by the TPP',
};
const expireLater: ConsentCommand = { kind: 'expire', now: new Date('2026-12-01T00:00:00.000Z') };
const consume: ConsentCommand = { kind: 'consume', clientId: 'tpp-1', paymentId: 'pay-1' };

function refusal(history: ConsentEvent[], command: ConsentCommand): ConsentRefused {
  try {
    given(consentDecider, history).when(command);
  } catch (error) {
    if (error instanceof ConsentRefused) return error;
    throw error;
  }
  throw new Error('expected the command to be refused');
}

describe('account-access consent [CON-1]', () => {
  it('[CON-1] is created awaiting authorisation, once', () => {
    expect(
      given(consentDecider, []).when({ kind: 'create', consent: created().data as ConsentCreatedV1 }),
    ).toEqual([created()]);
    expect(refusal([created()], { kind: 'create', consent: created().data as ConsentCreatedV1 }).status).toBe(
      409,
    );
  });

  it('[CON-2] a payment consent keeps the DebtorAccount its Initiation named, and only a whole one', () => {
    const naming = created({
      consentType: 'domestic-payment',
      debtorAccountSchemeName: 'UK.OBIE.IBAN',
      debtorAccountIdentification: 'GB29NWBK60161331926819',
    });
    expect(stateFrom(consentDecider, [naming])?.debtorAccount).toEqual({
      schemeName: 'UK.OBIE.IBAN',
      identification: 'GB29NWBK60161331926819',
    });
    expect(stateFrom(consentDecider, [paymentCreated])?.debtorAccount).toBeUndefined();
    const schemeOnly = created({ consentType: 'domestic-payment', debtorAccountSchemeName: 'UK.OBIE.IBAN' });
    expect(stateFrom(consentDecider, [schemeOnly])?.debtorAccount).toBeUndefined();
  });

  it('[CON-1] AWAU → AUTH for the accounts the PSU selected', () => {
    expect(given(consentDecider, [created()]).when(authorise)).toEqual([authorised]);
  });

  it('[CON-1] refuses authorisation without accounts, for another client, or twice', () => {
    expect(refusal([created()], { ...authorise, accountIds: [] }).message).toMatch(/account/);
    expect(refusal([created()], { ...authorise, clientId: 'tpp-2' }).status).toBe(404);
    expect(refusal([created(), authorised], authorise).message).toMatch(/AUTH/);
    for (const history of [
      [created(), rejected],
      [created(), revoked],
      [created(), expired],
    ]) {
      expect(refusal(history, authorise)).toBeInstanceOf(ConsentRefused);
    }
  });

  it('[CON-1] AWAU → RJCT when the PSU denies; nothing else can be rejected', () => {
    expect(given(consentDecider, [created()]).when(reject)).toEqual([rejected]);
    for (const history of [
      [created(), authorised],
      [created(), rejected],
      [created(), revoked],
      [created(), expired],
    ]) {
      expect(refusal(history, reject)).toBeInstanceOf(ConsentRefused);
    }
  });

  it('[CON-1] AUTH → CANC (and AWAU → CANC) when the TPP deletes it; never twice or after RJCT/EXPD', () => {
    expect(given(consentDecider, [created(), authorised]).when(revoke)).toEqual([revoked]);
    expect(given(consentDecider, [created()]).when(revoke)).toEqual([revoked]);
    for (const history of [
      [created(), revoked],
      [created(), rejected],
      [created(), authorised, expired],
    ]) {
      expect(refusal(history, revoke)).toBeInstanceOf(ConsentRefused);
    }
    expect(refusal([created(), authorised], { ...revoke, clientId: 'tpp-2' }).status).toBe(404);
  });

  it('[CON-1] expires by time only once its ExpirationDateTime has passed', () => {
    expect(given(consentDecider, [created(), authorised]).when(expireLater)).toEqual([expired]);
    expect(given(consentDecider, [created()]).when(expireLater)).toEqual([expired]);
    expect(
      refusal([created(), authorised], { kind: 'expire', now: new Date('2026-11-30T23:59:59Z') }).message,
    ).toMatch(/not expired/);
    expect(refusal([created({ expirationDateTime: undefined })], expireLater)).toBeInstanceOf(ConsentRefused);
    for (const history of [
      [created(), rejected],
      [created(), revoked],
      [created(), expired],
    ]) {
      expect(refusal(history, expireLater)).toBeInstanceOf(ConsentRefused);
    }
  });

  it('[CON-3] an account-access consent never pays', () => {
    expect(refusal([created(), authorised], consume)).toBeInstanceOf(ConsentRefused);
  });

  it('refuses every command on a consent that does not exist', () => {
    for (const command of [authorise, reject, revoke, expireLater, consume]) {
      expect(refusal([], command).status).toBe(404);
    }
  });
});

describe('domestic payment consent [CON-2]', () => {
  const paymentAuthorised: ConsentEvent = authorised;

  it('[CON-2] AWAU → AUTH for exactly one debtor account', () => {
    expect(given(consentDecider, [paymentCreated]).when(authorise)).toEqual([paymentAuthorised]);
    expect(refusal([paymentCreated], { ...authorise, accountIds: ['acc-1', 'acc-2'] }).message).toMatch(
      /exactly one/,
    );
  });

  it('[CON-2] AWAU → RJCT, and AWAU/AUTH → EXPD', () => {
    expect(given(consentDecider, [paymentCreated]).when(reject)).toEqual([rejected]);
    expect(given(consentDecider, [paymentCreated, paymentAuthorised]).when(expireLater)).toEqual([expired]);
  });

  it('[CON-3] AUTH → COND when a payment order consumes it, exactly once', () => {
    expect(given(consentDecider, [paymentCreated, paymentAuthorised]).when(consume)).toEqual([consumed]);
    expect(
      refusal([paymentCreated, paymentAuthorised, consumed], { ...consume, paymentId: 'pay-2' }).message,
    ).toMatch(/COND/);
  });

  it('[CON-3] refuses a payment before authorisation, after rejection or expiry, or by another client', () => {
    for (const history of [
      [paymentCreated],
      [paymentCreated, rejected],
      [paymentCreated, paymentAuthorised, expired],
    ]) {
      expect(refusal(history, consume)).toBeInstanceOf(ConsentRefused);
    }
    expect(refusal([paymentCreated, paymentAuthorised], { ...consume, clientId: 'tpp-2' }).status).toBe(404);
  });

  it('[CON-2] a payment consent cannot be revoked, and a consumed one cannot expire', () => {
    expect(refusal([paymentCreated, paymentAuthorised], revoke).status).toBe(405);
    expect(refusal([paymentCreated, paymentAuthorised, consumed], expireLater)).toBeInstanceOf(
      ConsentRefused,
    );
  });
});
