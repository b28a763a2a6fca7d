import type { AuthorizationDetail } from '../par/authorization-details';
import { withMintedPaymentConsents } from './rar-payment-consents';

const payment: AuthorizationDetail = {
  type: 'payment_initiation',
  instructedAmount: { amount: '4.50', currency: 'GBP' },
  creditorName: 'Corner Shop',
};

describe('withMintedPaymentConsents (RAR-first payments)', () => {
  it('[RAR-1] names a new consent on each payment detail that names none, and only there', () => {
    const approved = withMintedPaymentConsents([
      { type: 'account_access', consent_id: 'aac-1' },
      payment,
      { type: 'payment_initiation', consent_id: 'pdc-1' },
      payment,
    ]);
    const [first, second] = approved.createdConsentIds;
    expect(approved.createdConsentIds).toHaveLength(2);
    expect(first).not.toBe(second);
    expect(approved.authorizationDetails).toEqual([
      { type: 'account_access', consent_id: 'aac-1' },
      { ...payment, consent_id: first },
      { type: 'payment_initiation', consent_id: 'pdc-1' },
      { ...payment, consent_id: second },
    ]);
  });

  it('[RAR-1] mints a fresh id per approval: a grant update never names an earlier payment again', () => {
    const once = withMintedPaymentConsents([payment]).createdConsentIds[0];
    const again = withMintedPaymentConsents([payment]).createdConsentIds[0];
    expect(once).toMatch(/^rar-[A-Za-z0-9~-]{22}$/);
    expect(again).not.toBe(once);
  });

  it('leaves an approval without RAR-first payments as it was', () => {
    const details: AuthorizationDetail[] = [{ type: 'account_access', consent_id: 'aac-1' }];
    expect(withMintedPaymentConsents(details)).toEqual({
      authorizationDetails: details,
      createdConsentIds: [],
    });
  });
});
