// The grant follows what other services decided: the PSU's approval creates, updates or replaces
// it (GM-1, GM-2); a revoked consent narrows it, or revokes it when it was its only consent; the
// PSU's revocation on the self-service page revokes it. All in the consumer's transaction, so a
// redelivered event changes nothing twice. An event the grant may not act on is logged and dropped.
import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import type {
  AuthorizationApprovedV1,
  ConsentRevokedV1,
  EventEnvelope,
  EventMetadata,
  PsuRevokedAccessV1,
} from '@grantline/contracts';
import type { EventContext } from '@grantline/messaging';
import { GrantRefused, type GrantCommand } from '../grants/domain/grant.decider';
import { GrantStore } from '../grants/grant-store';
import { GrantViews } from '../grants/grant-views';

function causedBy(event: EventEnvelope<{ clientId: string }>): EventMetadata {
  return {
    correlationId: event.correlationId,
    causationId: event.id,
    actor: event.actor,
    clientId: event.data.clientId,
  };
}

@Controller()
export class GrantReactions {
  private readonly logger = new Logger('GrantReactions');

  constructor(
    private readonly grants: GrantStore,
    private readonly views: GrantViews,
  ) {}

  @EventPattern('AuthorizationApproved')
  async onApproved(
    @Payload() event: EventEnvelope<AuthorizationApprovedV1>,
    @Ctx() context: EventContext<EntityManager>,
  ): Promise<void> {
    await this.decide(event, event.data.grantId, { kind: 'approve', approval: event.data }, context);
  }

  @EventPattern('ConsentRevoked')
  async onConsentRevoked(
    @Payload() event: EventEnvelope<ConsentRevokedV1>,
    @Ctx() context: EventContext<EntityManager>,
  ): Promise<void> {
    const { consentId } = event.data;
    for (const grantId of await this.views.holdingConsent(context.transaction, consentId)) {
      await this.decide(event, grantId, { kind: 'remove-consent', consentId }, context);
    }
  }

  @EventPattern('PsuRevokedAccess')
  async onPsuRevokedAccess(
    @Payload() event: EventEnvelope<PsuRevokedAccessV1>,
    @Ctx() context: EventContext<EntityManager>,
  ): Promise<void> {
    // Without a grant id only consents were revoked; their ConsentRevoked events reach the grants.
    const { grantId, clientId, subject } = event.data;
    if (grantId === undefined) return;
    const command: GrantCommand = {
      kind: 'revoke',
      clientId,
      subject,
      revokedBy: 'psu',
      reason: 'revoked by the PSU on the self-service page',
    };
    await this.decide(event, grantId, command, context);
  }

  private async decide(
    event: EventEnvelope<{ clientId: string }>,
    grantId: string,
    command: GrantCommand,
    context: EventContext<EntityManager>,
  ): Promise<void> {
    try {
      await this.grants.decide(grantId, command, causedBy(event), context.transaction);
    } catch (error) {
      if (!(error instanceof GrantRefused)) throw error;
      this.logger.warn(
        { eventId: event.id, eventType: event.type, grantId, reason: error.message },
        'grant left as it was',
      );
    }
  }
}
