// Expiry by time (CON-1, CON-2): consents past their ExpirationDateTime become EXPD with a
// ConsentExpired event, even if nobody reads them. Reads also expire a due consent at once.
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConsentStore, systemMetadata } from './consent-store';
import { ConsentRefused } from './domain/consent.errors';
import { CONSENT_SETTINGS, type ConsentSettings } from '../consent.settings';

@Injectable()
export class ExpirySweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ExpirySweep');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly consents: ConsentStore,
    @Inject(CONSENT_SETTINGS) private readonly settings: ConsentSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .catch((error: unknown) => {
          this.logger.warn({ err: error }, 'expiry sweep failed; retrying at the next tick');
          return 0;
        })
        .finally(() => (this.running = undefined));
    }, this.settings.expirySweepMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
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
