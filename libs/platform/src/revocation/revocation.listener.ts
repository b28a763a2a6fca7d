// Token, grant and consent revocations from every service feed the denylist (TOK-6, GM-2, CON-1):
// a revoked token, or one issued under a revoked grant or consent, then fails at this resource
// server too. Runs in the consumer's transaction, so a redelivered event adds nothing twice.
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import type { ConsentRevokedV1, EventEnvelope, GrantRevokedV1, TokenRevokedV1 } from '@grantline/contracts';
import type { EventContext } from '@grantline/messaging';
import { PostgresDenylist } from './postgres-denylist';

@Controller()
export class RevocationListener {
  @EventPattern('TokenRevoked')
  async onTokenRevoked(
    @Payload() event: EventEnvelope<TokenRevokedV1>,
    @Ctx() context: EventContext<EntityManager>,
  ): Promise<void> {
    if (event.data.tokenKind === 'access_token') {
      await PostgresDenylist.add(context.transaction, 'token', event.data.tokenId, event.data.expiresAt);
    }
  }

  @EventPattern('GrantRevoked')
  async onGrantRevoked(
    @Payload() event: EventEnvelope<GrantRevokedV1>,
    @Ctx() context: EventContext<EntityManager>,
  ): Promise<void> {
    await PostgresDenylist.add(context.transaction, 'grant', event.data.grantId);
  }

  @EventPattern('ConsentRevoked')
  async onConsentRevoked(
    @Payload() event: EventEnvelope<ConsentRevokedV1>,
    @Ctx() context: EventContext<EntityManager>,
  ): Promise<void> {
    await PostgresDenylist.add(context.transaction, 'consent', event.data.consentId);
  }
}
