// Records nobody can ask about any more go: access tokens (and refresh tokens with an expiry) a
// day past their expiry — introspection and revocation of an expired token answer the same without
// a record — and redeemed code ids once no code could still be presented (CODE-1 caps a code's
// life at MAX_SEAL_TTL_SECONDS; an hour's margin covers clock skew between authorize and token).
import { Injectable } from '@nestjs/common';
import { MAX_SEAL_TTL_SECONDS } from '@grantline/crypto';
import { PeriodicSweep } from '@grantline/platform';
import { TokenRecords } from './token-records';

const SWEEP_EVERY_MS = 10 * 60_000;
export const EXPIRED_RECORD_RETENTION_MS = 24 * 3_600_000;
export const REDEEMED_CODE_RETENTION_MS = MAX_SEAL_TTL_SECONDS * 1000 + 3_600_000;

@Injectable()
export class RecordsSweep extends PeriodicSweep {
  constructor(private readonly records: TokenRecords) {
    super('token records sweep', SWEEP_EVERY_MS);
  }

  /** Deletes what is past retention at `now`; returns how many rows went. */
  sweep(now = new Date()): Promise<number> {
    return this.records.deleteStale(
      new Date(now.getTime() - EXPIRED_RECORD_RETENTION_MS),
      new Date(now.getTime() - REDEEMED_CODE_RETENTION_MS),
    );
  }
}
