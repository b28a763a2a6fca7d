// Orders the bank never received are handed over even when no TPP asks for them (ROB-2): every
// 30 s, each order recorded over 30 s ago and still unsettled goes to the bank again, exactly as a
// GET would hand it over. The grace period leaves a submission in progress to its own hand-over;
// a race would be harmless anyway, since the bank pays once per payment id.
import { Injectable } from '@nestjs/common';
import { PeriodicSweep } from '@grantline/platform';
import { PaymentOrders } from './payment-orders';

const SWEEP_EVERY_MS = 30_000;
export const HAND_OVER_GRACE_MS = 30_000;

@Injectable()
export class PaymentHandOverSweep extends PeriodicSweep {
  constructor(private readonly payments: PaymentOrders) {
    super('payment hand-over sweep', SWEEP_EVERY_MS);
  }

  /** Hands over what is due at `now`; returns how many orders the bank settled. */
  async sweep(now = new Date()): Promise<number> {
    let settled = 0;
    for (const paymentId of await this.payments.awaitingHandOver(
      new Date(now.getTime() - HAND_OVER_GRACE_MS),
    )) {
      const loaded = await this.payments.load(paymentId);
      if (!loaded || loaded.order.status !== 'PDNG') {
        await this.payments.handedOver(paymentId);
        continue;
      }
      const metadata = {
        correlationId: `hand-over-${paymentId}`,
        actor: { kind: 'system' as const, id: 'payment-hand-over' },
        clientId: loaded.order.clientId,
      };
      const current = await this.payments.refresh(loaded, metadata);
      if (current.order.status !== 'PDNG') settled++;
    }
    return settled;
  }
}
