// Expiry by time (CON-1, CON-2): consents past their ExpirationDateTime become EXPD with a
// ConsentExpired event, even if nobody reads them. Reads also expire a due consent at once.
import { Inject, Injectable } from '@nestjs/common';
import { PeriodicSweep } from '@grantline/platform';
import { ConsentStore, systemMetadata } from './consent-store';
import { ConsentRefused } from './domain/consent.errors';
import { CONSENT_SETTINGS, type ConsentSettings } from '../consent.settings';

@Injectable()
export class ExpirySweep extends PeriodicSweep {
  constructor(
    private readonly consents: ConsentStore,
    @Inject(CONSENT_SETTINGS) settings: ConsentSettings,
  ) {
    super('consent expiry sweep', settings.expirySweepMs);
  }

  /** Expires every due consent; returns how many it expired. */
  async sweep(now = new Date()): Promise<number> {
    let expired = 0;
    for (const consentId of await this.consents.due(now)) {
      try {
        await this.consents.decide(consentId, { kind: 'expire', now }, systemMetadata(consentId));
        expired++;
      } catch (error) {
        if (!(error instanceof ConsentRefused)) throw error;
      }
    }
    return expired;
  }
}
