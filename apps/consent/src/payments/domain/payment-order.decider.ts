// A domestic payment order (CON-3) as a pure decider: initiated once (PDNG), then settled by the
// bank's answer (ACSC or RJCT), after which its status never changes.
import type { DomesticPaymentInitiatedV1, DomesticPaymentStatusChangedV1 } from '@grantline/contracts';
import type { Decider } from '@grantline/event-store';
import { ObError } from '../../open-banking/ob-error';

export type PaymentStatus = DomesticPaymentStatusChangedV1['status'];

export type PaymentOrderEvent =
  | { type: 'DomesticPaymentInitiated'; data: DomesticPaymentInitiatedV1 }
  | { type: 'DomesticPaymentStatusChanged'; data: DomesticPaymentStatusChangedV1 };

export interface PaymentOrder {
  paymentId: string;
  consentId: string;
  clientId: string;
  status: PaymentStatus;
  statusReason?: string;
}

export type PaymentOrderCommand =
  | { kind: 'initiate'; order: DomesticPaymentInitiatedV1 }
  | { kind: 'settle'; status: Exclude<PaymentStatus, 'PDNG'>; statusReason?: string };

export class PaymentOrderRefused extends ObError {
  constructor(message: string, status = 409) {
    super(status, 'UK.OBIE.Resource.InvalidPaymentStatus', message);
  }
}

export const paymentOrderDecider: Decider<PaymentOrder | undefined, PaymentOrderCommand, PaymentOrderEvent> =
  {
    initialState: () => undefined,

    evolve(state, event) {
      if (event.type === 'DomesticPaymentInitiated') {
        const { paymentId, consentId, clientId } = event.data;
        return { paymentId, consentId, clientId, status: 'PDNG' };
      }
      return state && { ...state, status: event.data.status, statusReason: event.data.statusReason };
    },

    decide(command, state) {
      if (command.kind === 'initiate') {
        if (state) throw new PaymentOrderRefused('Payment order already exists');
        return [{ type: 'DomesticPaymentInitiated', data: command.order }];
      }
      if (!state) throw new PaymentOrderRefused('Payment order was not found', 404);
      if (state.status !== 'PDNG') throw new PaymentOrderRefused(`Payment order is already ${state.status}`);
      const { paymentId, consentId, clientId } = state;
      return [
        {
          type: 'DomesticPaymentStatusChanged',
          data: {
            paymentId,
            consentId,
            clientId,
            status: command.status,
            ...(command.statusReason ? { statusReason: command.statusReason } : {}),
          },
        },
      ];
    },
  };
