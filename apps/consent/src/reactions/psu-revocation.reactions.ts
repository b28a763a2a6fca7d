// The PSU withdrew a TPP's access on the bank's self-service page (PsuRevokedAccess, from the
// authorize service): each listed consent that this client holds for this PSU and that is AUTH is
// revoked (ConsentRevoked, revokedBy psu), so the TPP's tokens stop reaching the accounts. Anything
// else named (another client's or another PSU's consent, one not AUTH, a payment consent, which OB
// does not let anyone revoke) is left as it is; a redelivery finds the consents already revoked.
import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, PsuRevokedAccessV1 } from '@grantline/contracts';
import type { EventContext } from '@grantline/messaging';
import { ConsentStore } from '../consents/consent-store';
import { ConsentRefused } from '../consents/domain/consent.errors';

@Controller()
export class PsuRevocationReactions {
  private readonly logger = new Logger('PsuRevocationReactions');

  constructor(private readonly consents: ConsentStore) {}

  @EventPattern('PsuRevokedAccess')
  async onPsuRevokedAccess(
    @Payload() event: EventEnvelope<PsuRevokedAccessV1>,
    @Ctx() context: EventContext<EntityManager>,
  ): Promise<void> {
    const { clientId, subject, consentIds } = event.data;
    for (const consentId of new Set(consentIds)) {
      const consent = await this.consents.state(consentId, context.transaction);
      // Only the PSU who authorised a consent, for the client that holds it, withdraws it (CON-6).
      if (!consent || consent.clientId !== clientId || consent.subject !== subject) {
        this.logger.warn(
          { consentId, eventId: event.id },
          'PSU revocation names a consent it may not revoke',
        );
        continue;
      }
      if (consent.status !== 'AUTH') continue;
      try {
        await this.consents.decide(
          consentId,
          { kind: 'revoke', clientId, revokedBy: 'psu', statusReason: 'Revoked by the PSU' },
          {
            correlationId: event.correlationId,
            causationId: event.id,
            actor: event.actor,
            clientId,
          },
          context.transaction,
        );
      } catch (error) {
        if (!(error instanceof ConsentRefused)) throw error;
        this.logger.warn({ consentId, reason: error.message }, 'consent left as it was');
      }
    }
  }
}
