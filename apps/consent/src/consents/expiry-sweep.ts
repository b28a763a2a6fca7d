// Expiry by time (CON-1, CON-2): consents past their ExpirationDateTime become EXPD with a
// ConsentExpired event, even if nobody reads them. Reads also expire a due consent at once.
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from '@grantline/platform';
import { ConsentStore, systemMetadata } from './consent-store';
import { ConsentRefused } from './domain/consent.errors';
import { CONSENT_SETTINGS, type ConsentSettings } from '../consent.settings';

@Injectable()
export class ExpirySweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(
    private readonly consents: ConsentStore,
    @Inject(CONSENT_SETTINGS) settings: ConsentSettings,
  ) {
    this.task = new PeriodicTask('consent expiry sweep', settings.expirySweepMs, () => this.sweep());
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
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
