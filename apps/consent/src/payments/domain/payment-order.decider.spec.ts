// Payment orders: initiated once, settled once, by the bank's status.
import { given } from '@grantline/event-store';
import { PaymentOrderRefused, paymentOrderDecider, type PaymentOrderEvent } from './payment-order.decider';

const order = {
  paymentId: 'pay-1',
  consentId: 'pdc-1',
  clientId: 'tpp-1',
  instructedAmount: { amount: '10.00', currency: 'GBP' },
};
const initiated: PaymentOrderEvent = { type: 'DomesticPaymentInitiated', data: order };
const settled = (status: 'ACSC' | 'RJCT', statusReason?: string): PaymentOrderEvent => ({
  type: 'DomesticPaymentStatusChanged',
  data: {
    paymentId: 'pay-1',
    consentId: 'pdc-1',
    clientId: 'tpp-1',
    status,
    ...(statusReason ? { statusReason } : {}),
  },
});

describe('payment order [CON-3]', () => {
  it('[CON-3] is initiated once', () => {
    expect(given(paymentOrderDecider, []).when({ kind: 'initiate', order })).toEqual([initiated]);
    expect(() => given(paymentOrderDecider, [initiated]).when({ kind: 'initiate', order })).toThrow(
      PaymentOrderRefused,
    );
  });

  it('[CON-3] follows the bank: PDNG → ACSC, or PDNG → RJCT with the reason', () => {
    expect(given(paymentOrderDecider, [initiated]).when({ kind: 'settle', status: 'ACSC' })).toEqual([
      settled('ACSC'),
    ]);
    expect(
      given(paymentOrderDecider, [initiated]).when({
        kind: 'settle',
        status: 'RJCT',
        statusReason: 'InsufficientFunds',
      }),
    ).toEqual([settled('RJCT', 'InsufficientFunds')]);
  });

  it('[CON-3] never changes a settled status, and cannot settle what was never initiated', () => {
    for (const history of [
      [initiated, settled('ACSC')],
      [initiated, settled('RJCT')],
    ]) {
      expect(() => given(paymentOrderDecider, history).when({ kind: 'settle', status: 'ACSC' })).toThrow(
        PaymentOrderRefused,
      );
    }
    expect(() => given(paymentOrderDecider, []).when({ kind: 'settle', status: 'ACSC' })).toThrow(
      PaymentOrderRefused,
    );
  });
});
