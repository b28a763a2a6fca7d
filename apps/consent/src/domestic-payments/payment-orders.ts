// Payment orders (CON-3): one transaction consumes the consent (AUTH → COND, under the consent's
// lock, so of 20 racing submissions exactly one wins) and records the order; the bank then executes
// it exactly once per payment id, and the order follows the bank's status.
//
// Handing the order to the bank happens after that transaction: a bank that does not answer, or the
// service stopping in between, leaves a recorded order the bank never saw. The order then stays
// PDNG (the TPP still gets its 201) and is handed over again from the recorded document by the next
// GET or by the hand-over sweep (payment_hand_overs lists every order not yet settled); the bank
// pays once per payment id, so a hand-over racing another cannot pay twice (ROB-2).
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventMetadata } from '@grantline/contracts';
import { CORE_BANK, type CoreBank, type PaymentExecution } from '@grantline/core-bank';
import { EventStore, handleCommand, stateFrom } from '@grantline/event-store';
import { ConsentStore, type LoadedConsent } from '../consents/consent-store';
import { IdempotencyKeys } from '../open-banking/idempotency-keys';
import {
  paymentOrderDecider,
  type PaymentOrder,
  type PaymentOrderEvent,
} from '../payments/domain/payment-order.decider';
import type { DomesticInitiationDto } from '../domestic-payment-consents/domestic-payment.dto';

export const paymentStream = (paymentId: string) => `domestic-payment-${paymentId}`;

export interface LoadedPayment {
  order: PaymentOrder;
  createdAt: Date;
  statusUpdatedAt: Date;
  document: { Initiation: DomesticInitiationDto; DebtorAccountId: string };
}

export interface Submission {
  paymentId: string;
  loaded: LoadedConsent;
  initiation: DomesticInitiationDto;
  idempotency: { key: string; rawBody: string };
  metadata: EventMetadata;
}

@Injectable()
export class PaymentOrders {
  private readonly logger = new Logger('PaymentOrders');

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventStore,
    private readonly consents: ConsentStore,
    private readonly idempotency: IdempotencyKeys,
    @Inject(CORE_BANK) private readonly bank: CoreBank,
  ) {}

  /** Records the order and consumes the consent; returns the id of the order (an earlier one on a replay). */
  async submit(submission: Submission): Promise<string> {
    const { consent } = submission.loaded;
    const claimed = await this.idempotency.once(
      {
        clientId: consent.clientId,
        endpoint: '/pisp/domestic-payments',
        key: submission.idempotency.key,
        rawBody: submission.idempotency.rawBody,
        resourceId: submission.paymentId,
      },
      async (transaction): Promise<LoadedPayment['document']> => {
        const consumed = await this.consents.decide(
          consent.consentId,
          { kind: 'consume', clientId: consent.clientId, paymentId: submission.paymentId },
          submission.metadata,
          transaction,
        );
        const document = { Initiation: submission.initiation, DebtorAccountId: consumed.accountIds[0] };
        await transaction.query(
          'INSERT INTO payment_documents (payment_id, consent_id, client_id, document) VALUES ($1, $2, $3, $4)',
          [submission.paymentId, consent.consentId, consent.clientId, JSON.stringify(document)],
        );
        await transaction.query('INSERT INTO payment_hand_overs (payment_id) VALUES ($1)', [
          submission.paymentId,
        ]);
        const initiated = paymentOrderDecider.decide(
          {
            kind: 'initiate',
            order: {
              paymentId: submission.paymentId,
              consentId: consent.consentId,
              clientId: consent.clientId,
              instructedAmount: {
                amount: submission.initiation.InstructedAmount.Amount,
                currency: submission.initiation.InstructedAmount.Currency,
              },
            },
          },
          undefined,
        );
        await this.events.append(
          paymentStream(submission.paymentId),
          'no-stream',
          initiated,
          submission.metadata,
          {
            transaction,
          },
        );
        return document;
      },
    );
    if (!claimed.replay) await this.handOver(claimed.resourceId, claimed.created, submission.metadata);
    return claimed.resourceId;
  }

  async load(paymentId: string): Promise<LoadedPayment | undefined> {
    const { events } = await this.events.readStream(paymentStream(paymentId));
    const order = stateFrom(paymentOrderDecider, events as unknown as PaymentOrderEvent[]);
    if (!order) return undefined;
    const [row]: Array<{ document: LoadedPayment['document'] }> = await this.dataSource.query(
      'SELECT document FROM payment_documents WHERE payment_id = $1',
      [paymentId],
    );
    return {
      order,
      createdAt: new Date(events[0].recordedAt),
      statusUpdatedAt: new Date(events[events.length - 1].recordedAt),
      document: row.document,
    };
  }

  /**
   * A pending order asks the bank again (GET follows the bank's status); one the bank has no record
   * of was never handed over, and is now.
   */
  async refresh(loaded: LoadedPayment, metadata: EventMetadata): Promise<LoadedPayment> {
    const { paymentId } = loaded.order;
    if (loaded.order.status !== 'PDNG') return loaded;
    const execution = await this.bank.paymentStatus(paymentId);
    if (execution) await this.settle(execution, metadata);
    else await this.handOver(paymentId, loaded.document, metadata);
    return (await this.load(paymentId)) ?? loaded;
  }

  /** Has the bank execute a recorded order; when it fails, the order stays pending for the next GET. */
  private async handOver(
    paymentId: string,
    document: LoadedPayment['document'],
    metadata: EventMetadata,
  ): Promise<void> {
    try {
      await this.execute(paymentId, document, metadata);
    } catch (error) {
      this.logger.warn(
        { paymentId, reason: error instanceof Error ? error.message : String(error) },
        'payment order left pending: the bank did not take it; the next GET hands it over again',
      );
    }
  }

  /** Has the bank execute the order, from the document recorded with it. */
  private async execute(
    paymentId: string,
    { Initiation: initiation, DebtorAccountId: debtorAccountId }: LoadedPayment['document'],
    metadata: EventMetadata,
  ): Promise<void> {
    const execution = await this.bank.executePayment({
      paymentId,
      debtorAccountId,
      amount: initiation.InstructedAmount.Amount,
      currency: initiation.InstructedAmount.Currency,
      creditor: {
        schemeName: initiation.CreditorAccount.SchemeName,
        identification: initiation.CreditorAccount.Identification,
        name: initiation.CreditorAccount.Name,
      },
      reference: initiation.RemittanceInformation?.Reference,
    });
    await this.settle(execution, metadata);
  }

  /** Orders recorded before `recordedBefore` and not settled yet, oldest first. */
  async awaitingHandOver(recordedBefore: Date, limit = 100): Promise<string[]> {
    const rows: Array<{ payment_id: string }> = await this.dataSource.query(
      'SELECT payment_id FROM payment_hand_overs WHERE recorded_at < $1 ORDER BY recorded_at LIMIT $2',
      [recordedBefore, limit],
    );
    return rows.map((row) => row.payment_id);
  }

  private async settle(execution: PaymentExecution, metadata: EventMetadata): Promise<void> {
    await handleCommand(
      this.events,
      {
        ...paymentOrderDecider,
        // Settling twice (a GET racing the submission) is not an error: the first answer stands.
        decide: (command, state) =>
          state && state.status !== 'PDNG' ? [] : paymentOrderDecider.decide(command, state),
      },
      paymentStream(execution.paymentId),
      { kind: 'settle' as const, status: execution.status, statusReason: execution.rejection },
      metadata,
      { maxAttempts: 5 },
    );
    await this.handedOver(execution.paymentId);
  }

  /** The order is settled (or gone): nothing left to hand over. */
  async handedOver(paymentId: string): Promise<void> {
    await this.dataSource.query('DELETE FROM payment_hand_overs WHERE payment_id = $1', [paymentId]);
  }
}
