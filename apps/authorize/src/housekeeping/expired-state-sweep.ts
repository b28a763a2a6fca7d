// The authorize schema holds short-lived state: pushed requests (PAR-3), interactions, PSU browser
// sessions and failed-login counters. Every PAR and every sign-in adds rows, so without a sweep the
// tables only grow. A row is deleted once nothing can still read it:
// - a pushed request is read by its interaction up to INTERACTION_LIFETIME after /authorize, and
//   /authorize can only start before the request expires, so it lives until expiry + that lifetime;
// - an interaction lives INTERACTION_LIFETIME after it started;
// - a PSU session ends at its expiry;
// - a failed-login counter without an active lockout is forgotten after a quiet day, so a PSU who
//   mistyped a password once in March does not start today one failure from lockout.
import { Inject, Injectable } from '@nestjs/common';
import { PeriodicSweep } from '@grantline/platform';
import { DataSource } from 'typeorm';
import { INTERACTION_LIFETIME_SECONDS } from '../interaction/interactions';
import { AUTHORIZE_SETTINGS, type AuthorizeSettings } from '../settings/authorize-settings';

const SWEEP_EVERY_MS = 60_000;
/** Clock skew between replicas must never delete a row another replica still reads. */
const MARGIN_SECONDS = 60;
export const FAILED_LOGIN_MEMORY_SECONDS = 24 * 60 * 60;

export interface SweepResult {
  pushedRequests: number;
  interactions: number;
  psuSessions: number;
  loginFailures: number;
}

@Injectable()
export class ExpiredStateSweep extends PeriodicSweep {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(AUTHORIZE_SETTINGS) private readonly settings: AuthorizeSettings,
  ) {
    super('authorize state sweep', SWEEP_EVERY_MS);
  }

  async sweep(now = new Date(this.settings.clock())): Promise<SweepResult> {
    const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
    const interactionsEnd = ago(INTERACTION_LIFETIME_SECONDS + MARGIN_SECONDS);
    const deleted = async (sql: string, before: Date): Promise<number> => {
      const [, count] = (await this.dataSource.query(sql, [before])) as [unknown, number];
      return count;
    };
    return {
      pushedRequests: await deleted('DELETE FROM pushed_requests WHERE expires_at < $1', interactionsEnd),
      interactions: await deleted('DELETE FROM interactions WHERE created_at < $1', interactionsEnd),
      psuSessions: await deleted('DELETE FROM psu_sessions WHERE expires_at < $1', ago(MARGIN_SECONDS)),
      loginFailures: await deleted(
        `DELETE FROM login_failures
          WHERE last_failure_at < $1 AND (locked_until IS NULL OR locked_until < $1)`,
        ago(FAILED_LOGIN_MEMORY_SECONDS),
      ),
    };
  }
}
