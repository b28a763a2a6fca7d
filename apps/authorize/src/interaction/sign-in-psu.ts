// The PSU signs in during an authorization (credentials checked by PsuCredentials). Each failure is
// recorded on the authorization's stream (PsuAuthenticationFailed, with only a keyed fingerprint of
// what was typed); a success binds the PSU to the browser session and records PsuAuthenticated.
import { Inject, Injectable } from '@nestjs/common';
import { pseudonym } from '@grantline/crypto';
import { EventStore } from '@grantline/event-store';
import { DataSource } from 'typeorm';
import { decideAndAppend } from '../authorization/authorization-stream';
import { PsuCredentials } from '../psu/psu-credentials';
import { AUTHORIZE_SETTINGS, type AuthorizeSettings } from '../settings/authorize-settings';
import { BrowserSessions } from './browser-sessions';
import type { OpenInteraction } from './open-interaction';

export type SignInOutcome =
  /** `sessionToken`: the session's new token (it changes at sign-in); the caller sets the cookie. */
  { signedIn: true; sessionToken: string } | { signedIn: false; message: string };

@Injectable()
export class SignInPsu {
  constructor(
    @Inject(AUTHORIZE_SETTINGS) private readonly settings: AuthorizeSettings,
    private readonly credentials: PsuCredentials,
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
    const { authorizationId, clientId } = open.request;
    const metadata = { correlationId, actor: { kind: 'psu' as const, id: 'anonymous' }, clientId };
    const checked = await this.credentials.check(username, password);
    if (!checked.valid) {
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
              usernameFingerprint: checked.usernameFingerprint,
              reason: checked.reason,
              ...(checked.lockedUntil && { lockedUntil: checked.lockedUntil.toISOString() }),
            },
          },
          metadata,
        ),
      );
      return { signedIn: false, message: checked.message };
    }
    const { psu } = checked;
    const subject = pseudonym(this.settings.pseudonymKey, clientId, psu.psuId);
    const authTime = new Date(this.settings.clock());
    const sessionToken = await this.dataSource.transaction(async (transaction) => {
      const renewed = await this.sessions.signedIn(transaction, open.session.fingerprint, {
        ...psu,
        authTime,
      });
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
            consentIds: open.request.consentIds,
          },
        },
        { ...metadata, actor: { kind: 'psu', id: subject } },
      );
      return renewed;
    });
    return { signedIn: true, sessionToken };
  }
}
