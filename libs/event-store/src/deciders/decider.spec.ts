// Deciders are pure: given past events, when a command, then new events (or a refusal). No database.
import { given, stateFrom, type Decider } from './decider';

type PaymentConsentEvent =
  | { type: 'ConsentCreated'; data: { consentId: string } }
  | { type: 'ConsentAuthorised'; data: { consentId: string; accountIds: string[] } }
  | { type: 'PaymentConsumedConsent'; data: { consentId: string; paymentId: string } };
type Status = 'none' | 'AWAU' | 'AUTH' | 'CONSUMED';
type Command = { kind: 'authorise'; accountIds: string[] } | { kind: 'pay'; paymentId: string };

class ConsentNotAuthorised extends Error {
  readonly code = 'consent_not_authorised';
}

const paymentConsent: Decider<{ status: Status; consentId: string }, Command, PaymentConsentEvent> = {
  initialState: () => ({ status: 'none', consentId: '' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'ConsentCreated':
        return { status: 'AWAU', consentId: event.data.consentId };
      case 'ConsentAuthorised':
        return { ...state, status: 'AUTH' };
      case 'PaymentConsumedConsent':
        return { ...state, status: 'CONSUMED' };
    }
  },
  decide: (command, state) => {
    if (command.kind === 'authorise') {
      if (state.status !== 'AWAU') throw new ConsentNotAuthorised(`consent is ${state.status}`);
      return [
        { type: 'ConsentAuthorised', data: { consentId: state.consentId, accountIds: command.accountIds } },
      ];
    }
    if (state.status !== 'AUTH') throw new ConsentNotAuthorised(`consent is ${state.status}`);
    return [
      { type: 'PaymentConsumedConsent', data: { consentId: state.consentId, paymentId: command.paymentId } },
    ];
  },
};

const created: PaymentConsentEvent = { type: 'ConsentCreated', data: { consentId: 'pdc-1' } };
const authorised: PaymentConsentEvent = {
  type: 'ConsentAuthorised',
  data: { consentId: 'pdc-1', accountIds: ['acc-1'] },
};

describe('deciders', () => {
  it('folds history into state', () => {
    expect(stateFrom(paymentConsent, [created, authorised])).toEqual({ status: 'AUTH', consentId: 'pdc-1' });
    expect(stateFrom(paymentConsent, [])).toEqual({ status: 'none', consentId: '' });
  });

  it('given a created consent, when approved, then it is authorised for the chosen accounts', () => {
    expect(given(paymentConsent, [created]).when({ kind: 'authorise', accountIds: ['acc-1'] })).toEqual([
      authorised,
    ]);
  });

  it('given an authorised consent, when a payment is made, then the consent is consumed once', () => {
    expect(given(paymentConsent, [created, authorised]).when({ kind: 'pay', paymentId: 'pay-1' })).toEqual([
      { type: 'PaymentConsumedConsent', data: { consentId: 'pdc-1', paymentId: 'pay-1' } },
    ]);
    const consumed: PaymentConsentEvent = {
      type: 'PaymentConsumedConsent',
      data: { consentId: 'pdc-1', paymentId: 'pay-1' },
    };
    expect(() =>
      given(paymentConsent, [created, authorised, consumed]).when({ kind: 'pay', paymentId: 'pay-2' }),
    ).toThrow(ConsentNotAuthorised);
  });
});
