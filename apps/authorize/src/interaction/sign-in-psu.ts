// The PSU signs in through the PsuAuthenticator port. A locked-out username is refused without
// checking the password; each failure is counted and recorded (PsuAuthenticationFailed, with only a
// keyed fingerprint of what was typed); a success binds the PSU to the browser session.
import { Inject, Injectable } from '@nestjs/common';
import { fingerprint, pseudonym } from '@grantline/crypto';
import { EventStore } from '@grantline/event-store';
import { DataSource } from 'typeorm';
import { decideAndAppend } from '../authorization/authorization-stream';
import { LoginThrottle } from '../psu/login-throttle';
import { PSU_AUTHENTICATOR, type PsuAuthenticator } from '../psu/psu-authenticator.port';
import { AUTHORIZE_SETTINGS, type AuthorizeSettings } from '../settings/authorize-settings';
import { BrowserSessions } from './browser-sessions';
import type { OpenInteraction } from './open-interaction';

export type SignInOutcome = { signedIn: true } | { signedIn: false; message: string };

const MAX_FIELD = 200;

@Injectable()
export class SignInPsu {
  constructor(
    @Inject(AUTHORIZE_SETTINGS) private readonly settings: AuthorizeSettings,
    @Inject(PSU_AUTHENTICATOR) private readonly authenticator: PsuAuthenticator,
    private readonly throttle: LoginThrottle,
    private readonly sessions: BrowserSessions,
    private readonly events: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  async handle(
    open: OpenInteraction,
    username: unknown,
    password: unknown,
    correlationId: string,
  ): Promise<SignInOutcome> {
    const typed = typeof username === 'string' ? username.trim().slice(0, MAX_FIELD) : '';
    const secret = typeof password === 'string' ? password.slice(0, MAX_FIELD) : '';
    const usernameFingerprint = fingerprint(typed.toLowerCase(), this.settings.pseudonymKey);
    const { authorizationId, clientId } = open.request;
    const metadata = { correlationId, actor: { kind: 'psu' as const, id: 'anonymous' }, clientId };

    const lockout = await this.throttle.state(usernameFingerprint);
    const psu =
      lockout.locked || typed === '' ? undefined : await this.authenticator.authenticate(typed, secret);
    if (!psu) {
      const after = lockout.locked ? lockout : await this.throttle.failed(usernameFingerprint);
      await this.dataSource.transaction((transaction) =>
        decideAndAppend(
          this.events,
          transaction,
          authorizationId,
          {
            kind: 'fail-authentication',
            data: {
              authorizationId,
              clientId,
              usernameFingerprint,
              reason: lockout.locked ? 'locked_out' : 'invalid_credentials',
              ...(after.lockedUntil && { lockedUntil: after.lockedUntil.toISOString() }),
            },
          },
          metadata,
        ),
      );
      return {
        signedIn: false,
        message: after.locked
          ? 'Too many failed attempts. This sign-in is locked for a while; try again later.'
          : 'The username or password is not correct.',
      };
    }
    await this.throttle.succeeded(usernameFingerprint);
    const subject = pseudonym(this.settings.pseudonymKey, clientId, psu.psuId);
    const authTime = new Date(this.settings.clock());
    await this.dataSource.transaction(async (transaction) => {
      await this.sessions.signedIn(transaction, open.session.fingerprint, { ...psu, authTime });
      await decideAndAppend(
        this.events,
        transaction,
        authorizationId,
        {
          kind: 'authenticate',
          data: {
            authorizationId,
            clientId,
            subject,
            acr: psu.acr,
            amr: psu.amr,
            authTime: authTime.toISOString(),
          },
        },
        { ...metadata, actor: { kind: 'psu', id: subject } },
      );
    });
    return { signedIn: true };
  }
}
