// Checks what a PSU typed on a sign-in form, wherever the form is (an authorization's login page,
// the self-service page): a locked-out username is refused without checking the password, each
// failure is counted (keyed fingerprint of the username only), a success clears the count.
import { Inject, Injectable } from '@nestjs/common';
import { fingerprint } from '@grantline/crypto';
import { AUTHORIZE_SETTINGS, type AuthorizeSettings } from '../settings/authorize-settings';
import { LoginThrottle } from './login-throttle';
import { PSU_AUTHENTICATOR, type PsuAuthentication, type PsuAuthenticator } from './psu-authenticator.port';

export type CredentialCheck =
  | { valid: true; psu: PsuAuthentication; usernameFingerprint: string }
  | {
      valid: false;
      usernameFingerprint: string;
      reason: 'invalid_credentials' | 'locked_out';
      lockedUntil?: Date;
      /** What the form tells the PSU: never which part was wrong. */
      message: string;
    };

const MAX_FIELD = 200;

@Injectable()
export class PsuCredentials {
  constructor(
    @Inject(AUTHORIZE_SETTINGS) private readonly settings: AuthorizeSettings,
    @Inject(PSU_AUTHENTICATOR) private readonly authenticator: PsuAuthenticator,
    private readonly throttle: LoginThrottle,
  ) {}

  async check(username: unknown, password: unknown): Promise<CredentialCheck> {
    const typed = typeof username === 'string' ? username.trim().slice(0, MAX_FIELD) : '';
    const secret = typeof password === 'string' ? password.slice(0, MAX_FIELD) : '';
    const usernameFingerprint = fingerprint(typed.toLowerCase(), this.settings.pseudonymKey);
    const lockout = await this.throttle.state(usernameFingerprint);
    const psu =
      lockout.locked || typed === '' ? undefined : await this.authenticator.authenticate(typed, secret);
    if (psu) {
      await this.throttle.succeeded(usernameFingerprint);
      return { valid: true, psu, usernameFingerprint };
    }
    const after = lockout.locked ? lockout : await this.throttle.failed(usernameFingerprint);
    return {
      valid: false,
      usernameFingerprint,
      reason: lockout.locked ? 'locked_out' : 'invalid_credentials',
      lockedUntil: after.lockedUntil,
      message: after.locked
        ? 'Too many failed attempts. This sign-in is locked for a while; try again later.'
        : 'The username or password is not correct.',
    };
  }
}
