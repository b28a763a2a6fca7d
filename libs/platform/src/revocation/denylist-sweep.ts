// Revoked access tokens leave the denylist an hour after they expired (their `exp` refuses them by
// then; the hour covers clock skew between the token service and this one), so the table holds
// what can still be presented rather than every token ever revoked. Grants and consents stay.
import { Injectable } from '@nestjs/common';
import { PeriodicSweep } from '../scheduling/periodic-sweep';
import { PostgresDenylist } from './postgres-denylist';

const SWEEP_EVERY_MS = 10 * 60_000;
export const EXPIRED_TOKEN_MARGIN_MS = 3_600_000;

@Injectable()
export class DenylistSweep extends PeriodicSweep {
  constructor(private readonly denylist: PostgresDenylist) {
    super('denylist sweep', SWEEP_EVERY_MS);
  }

  /** Deletes the rows of tokens that expired over an hour before `now`; returns how many went. */
  sweep(now = new Date()): Promise<number> {
    return this.denylist.pruneExpiredTokens(new Date(now.getTime() - EXPIRED_TOKEN_MARGIN_MS));
  }
}
