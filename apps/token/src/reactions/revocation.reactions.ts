// Revocations decided elsewhere reach the tokens (DESIGN.md journey 7, GM-2): a revoked grant or
// consent revokes every still-valid token it covers, with a TokenRevoked per token, in the
// consumer's transaction (so a redelivered event neither revokes nor emits twice).
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import type { ConsentRevokedV1, EventEnvelope, EventMetadata, GrantRevokedV1 } from '@grantline/contracts';
import type { EventContext } from '@grantline/messaging';
import { TokenRecords, TokenRevokedEvents } from '../records';

function causedBy(event: EventEnvelope<{ clientId: string }>): EventMetadata {
  return {
    correlationId: event.correlationId,
    causationId: event.id,
    actor: event.actor,
    clientId: event.data.clientId,
  };
}

@Controller()
export class RevocationReactions {
  constructor(
    private readonly records: TokenRecords,
    private readonly revokedEvents: TokenRevokedEvents,
  ) {}

  @EventPattern('GrantRevoked')
  async onGrantRevoked(
    @Payload() event: EventEnvelope<GrantRevokedV1>,
    @Ctx() context: EventContext<EntityManager>,
  ): Promise<void> {
    const revoked = await this.records.revokeByGrant(
      event.data.grantId,
      'grant_revoked',
      context.transaction,
    );
    await this.revokedEvents.append(revoked, causedBy(event), context.transaction);
  }

  @EventPattern('ConsentRevoked')
  async onConsentRevoked(
    @Payload() event: EventEnvelope<ConsentRevokedV1>,
    @Ctx() context: EventContext<EntityManager>,
  ): Promise<void> {
    const revoked = await this.records.revokeByConsent(
      event.data.consentId,
      'consent_revoked',
      context.transaction,
    );
    await this.revokedEvents.append(revoked, causedBy(event), context.transaction);
  }
}
