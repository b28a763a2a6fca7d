// The PSU's decision, from the authorize service's events: AuthorizationApproved turns the named
// consents AUTH (a payment consent on the one debtor account selected, or on the DebtorAccount its
// Initiation names, refused (RJCT) when the PSU did not select that one) or creates and authorises a
// RAR-first payment consent; AuthorizationDenied rejects them (RJCT). A consent the event may not
// act on (another client's, CON-6; already decided, a redelivery) is left alone.
import { Controller, Inject, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import type {
  AuthorizationApprovedV1,
  AuthorizationDeniedV1,
  EventEnvelope,
  EventMetadata,
} from '@grantline/contracts';
import type { EventContext } from '@grantline/messaging';
import { CORE_BANK, type CoreBank } from '@grantline/core-bank';
import { ConsentStore } from '../consents/consent-store';
import { ConsentRefused } from '../consents/domain/consent.errors';
import { CONSENT_SETTINGS, type ConsentSettings } from '../consent.settings';
import { paymentConsentCreation } from '../domestic-payment-consents/payment-consent-creation';
import {
  type PaymentConsentToCreate,
  initiationOfDetail,
  paymentConsentsToCreate,
} from './rar-payment-consent';
import { selectedNamedDebtor } from './named-debtor-account';

function metadataOf(event: EventEnvelope<{ clientId: string }>): EventMetadata {
  return {
    correlationId: event.correlationId,
    causationId: event.id,
    actor: event.actor,
    clientId: event.data.clientId,
  };
}

@Controller()
export class AuthorizationReactions {
  private readonly logger = new Logger('AuthorizationReactions');

  constructor(
    private readonly consents: ConsentStore,
    @Inject(CONSENT_SETTINGS) private readonly settings: ConsentSettings,
    @Inject(CORE_BANK) private readonly bank: CoreBank,
  ) {}

  @EventPattern('AuthorizationApproved')
  async onApproved(
    @Payload() event: EventEnvelope<AuthorizationApprovedV1>,
    @Ctx() context: EventContext<EntityManager>,
  ): Promise<void> {
    const { clientId, subject, grantId, accountIds } = event.data;
    const transaction = context.transaction;
    const toCreate = paymentConsentsToCreate(event.data);
    await this.createRarPaymentConsents(event, toCreate, transaction);
    const created = toCreate.flatMap(({ consentId }) => (consentId ? [consentId] : []));
    for (const consentId of new Set([...event.data.consentIds, ...created])) {
      if (!consentId) continue;
      const consent = await this.consents.state(consentId, transaction);
      if (!consent) {
        this.logger.warn({ consentId, eventId: event.id }, 'approval names an unknown consent');
        continue;
      }
      let selected = consent.kind === 'domestic-payment' ? accountIds.slice(0, 1) : accountIds;
      const named = consent.debtorAccount;
      if (named) {
        const debtor = await selectedNamedDebtor(named, accountIds, (id) => this.bank.account(id));
        if (!debtor) {
          await this.refusalTolerant(consentId, () =>
            this.consents.decide(
              consentId,
              { kind: 'reject', statusReason: 'The PSU did not select the debtor account the payment names' },
              metadataOf(event),
              transaction,
            ),
          );
          continue;
        }
        selected = [debtor];
      }
      await this.refusalTolerant(consentId, () =>
        this.consents.decide(
          consentId,
          { kind: 'authorise', clientId, subject, grantId, accountIds: selected },
          metadataOf(event),
          transaction,
        ),
      );
    }
  }

  @EventPattern('AuthorizationDenied')
  async onDenied(
    @Payload() event: EventEnvelope<AuthorizationDeniedV1>,
    @Ctx() context: EventContext<EntityManager>,
  ): Promise<void> {
    for (const consentId of event.data.consentIds) {
      const consent = await this.consents.state(consentId, context.transaction);
      // Only the client that created a consent can have it rejected through its authorization (CON-6).
      if (!consent || consent.clientId !== event.data.clientId) continue;
      await this.refusalTolerant(consentId, () =>
        this.consents.decide(
          consentId,
          { kind: 'reject', statusReason: `Authorisation ended: ${event.data.reason}` },
          metadataOf(event),
          context.transaction,
        ),
      );
    }
  }

  private async createRarPaymentConsents(
    event: EventEnvelope<AuthorizationApprovedV1>,
    toCreate: readonly PaymentConsentToCreate[],
    transaction: EntityManager,
  ): Promise<void> {
    const { clientId } = event.data;
    for (const { consentId, index, detail } of toCreate) {
      const initiation = consentId && initiationOfDetail(detail, consentId);
      if (!consentId || !initiation) {
        this.logger.warn({ eventId: event.id, index }, 'payment_initiation detail cannot become a consent');
        continue;
      }
      if (await this.consents.state(consentId, transaction)) continue;
      const { command, expiresAt } = paymentConsentCreation(
        { consentId, clientId, initiation },
        this.settings.paymentConsentLifetimeSeconds,
      );
      await this.consents.create(
        transaction,
        command,
        { Data: { Initiation: initiation }, Risk: {} },
        expiresAt,
        metadataOf(event),
      );
    }
  }

  private async refusalTolerant(consentId: string, decide: () => Promise<unknown>): Promise<void> {
    try {
      await decide();
    } catch (error) {
      if (!(error instanceof ConsentRefused)) throw error;
      this.logger.warn({ consentId, reason: error.message }, 'consent left as it was');
    }
  }
}
