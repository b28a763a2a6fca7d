// Failed sign-ins are counted per username (keyed fingerprint, never the name itself); after the
// configured number the username is locked out for a while, whoever tries. Per-IP limits are the
// service's rate limit. A success clears the count.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AUTHORIZE_SETTINGS, type AuthorizeSettings } from '../settings/authorize-settings';

export interface LockoutState {
  locked: boolean;
  lockedUntil?: Date;
}

@Injectable()
export class LoginThrottle {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(AUTHORIZE_SETTINGS) private readonly settings: AuthorizeSettings,
  ) {}

  async state(usernameFingerprint: string): Promise<LockoutState> {
    const rows: Array<{ locked_until: Date | null }> = await this.dataSource.query(
      'SELECT locked_until FROM login_failures WHERE username_fingerprint = $1',
      [usernameFingerprint],
    );
    const lockedUntil = rows[0]?.locked_until ?? undefined;
    return lockedUntil && lockedUntil.getTime() > this.settings.clock()
      ? { locked: true, lockedUntil }
      : { locked: false };
  }

  /** Counts a failure; returns the lockout it caused, if any. */
  async failed(usernameFingerprint: string): Promise<LockoutState> {
    const { maxFailures, lockoutSeconds } = this.settings.login;
    const now = new Date(this.settings.clock());
    const rows: Array<{ failures: number }> = await this.dataSource.query(
      `INSERT INTO login_failures (username_fingerprint, failures, last_failure_at) VALUES ($1, 1, $2)
       ON CONFLICT (username_fingerprint) DO UPDATE SET
         failures = CASE WHEN login_failures.locked_until IS NOT NULL AND login_failures.locked_until <= $2
                         THEN 1 ELSE login_failures.failures + 1 END,
         locked_until = CASE WHEN login_failures.locked_until <= $2 THEN NULL ELSE login_failures.locked_until END,
         last_failure_at = $2
       RETURNING failures`,
      [usernameFingerprint, now],
    );
    if ((rows[0]?.failures ?? 0) < maxFailures) return { locked: false };
    const lockedUntil = new Date(now.getTime() + lockoutSeconds * 1000);
    await this.dataSource.query(
      'UPDATE login_failures SET locked_until = $2 WHERE username_fingerprint = $1',
      [usernameFingerprint, lockedUntil],
    );
    return { locked: true, lockedUntil };
  }

  async succeeded(usernameFingerprint: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_failures WHERE username_fingerprint = $1', [
      usernameFingerprint,
    ]);
  }
}
