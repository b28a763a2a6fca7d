// Keeps the consent and grant read models current from the consent and grant services' events.
// Each effect commits with its processed-event record, so a redelivery changes nothing.
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  type ConsentAuthorisedV1,
  type ConsentCreatedV1,
  type ConsentExpiredV1,
  type ConsentRejectedV1,
  type ConsentRevokedV1,
  type EventEnvelope,
  type GrantContent,
  type GrantRevokedV1,
  debtorAccountOf,
} from '@grantline/contracts';
import type { EventContext } from '@grantline/messaging';
import type { EntityManager } from 'typeorm';
import { ConsentIntents } from './consent-intents';
import { GrantsReadModel } from './grants';

type Context = EventContext<EntityManager>;

@Controller()
export class ReadModelsListener {
  constructor(
    private readonly consents: ConsentIntents,
    private readonly grants: GrantsReadModel,
  ) {}

  @EventPattern('ConsentCreated')
  async consentCreated(
    @Payload() event: EventEnvelope<ConsentCreatedV1>,
    @Ctx() context: Context,
  ): Promise<void> {
    const { data } = event;
    await this.consents.created(context.transaction, {
      consentId: data.consentId,
      clientId: data.clientId,
      consentType: data.consentType,
      status: 'AWAU',
      permissions: data.permissions ?? [],
      expirationDateTime: data.expirationDateTime,
      instructedAmount: data.instructedAmount && { ...data.instructedAmount },
      creditorName: data.creditorName,
      creditorAccountIdentification: data.creditorAccountIdentification,
      debtorAccount: debtorAccountOf(data),
    });
  }

  @EventPattern('ConsentAuthorised')
  async consentAuthorised(
    @Payload() event: EventEnvelope<ConsentAuthorisedV1>,
    @Ctx() context: Context,
  ): Promise<void> {
    await this.consents.statusChanged(context.transaction, event.data.consentId, 'AUTH');
  }

  @EventPattern('ConsentRejected')
  async consentRejected(
    @Payload() event: EventEnvelope<ConsentRejectedV1>,
    @Ctx() context: Context,
  ): Promise<void> {
    await this.consents.statusChanged(context.transaction, event.data.consentId, 'RJCT');
  }

  @EventPattern('ConsentRevoked')
  async consentRevoked(
    @Payload() event: EventEnvelope<ConsentRevokedV1>,
    @Ctx() context: Context,
  ): Promise<void> {
    await this.consents.statusChanged(context.transaction, event.data.consentId, 'REVOKED');
  }

  @EventPattern('ConsentExpired')
  async consentExpired(
    @Payload() event: EventEnvelope<ConsentExpiredV1>,
    @Ctx() context: Context,
  ): Promise<void> {
    await this.consents.statusChanged(context.transaction, event.data.consentId, 'EXPD');
  }

  @EventPattern('GrantCreated')
  async grantCreated(@Payload() event: EventEnvelope<GrantContent>, @Ctx() context: Context): Promise<void> {
    await this.grants.contentChanged(context.transaction, event.data, new Date(event.occurredAt), 'created');
  }

  @EventPattern('GrantUpdated')
  async grantUpdated(@Payload() event: EventEnvelope<GrantContent>, @Ctx() context: Context): Promise<void> {
    await this.grants.contentChanged(context.transaction, event.data, new Date(event.occurredAt));
  }

  @EventPattern('GrantReplaced')
  async grantReplaced(@Payload() event: EventEnvelope<GrantContent>, @Ctx() context: Context): Promise<void> {
    await this.grants.contentChanged(context.transaction, event.data, new Date(event.occurredAt));
  }

  @EventPattern('GrantRevoked')
  async grantRevoked(
    @Payload() event: EventEnvelope<GrantRevokedV1>,
    @Ctx() context: Context,
  ): Promise<void> {
    await this.grants.revoked(context.transaction, event.data.grantId, new Date(event.occurredAt));
  }
}
