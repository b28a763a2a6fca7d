// Who is on the self-service page: the browser session behind the cookie (the same server-side
// BrowserSessions as the authorization pages, so a PSU signed in there is signed in here) and the
// page's CSRF token. The token is a keyed MAC of the session, so it needs no storage, differs per
// session, and a form copied from another session is refused (UX-2).
import { Inject, Injectable } from '@nestjs/common';
import { constantTimeEqual, pseudonym, randomId } from '@grantline/crypto';
import { EventStore } from '@grantline/event-store';
import { InvalidRequestError } from '@grantline/oauth';
import { DataSource } from 'typeorm';
import { type BrowserSession, BrowserSessions } from '../interaction/browser-sessions';
import { PsuCredentials } from '../psu/psu-credentials';
import { psuLinkOf } from '../read-models/grants';
import { AUTHORIZE_SETTINGS, type AuthorizeSettings } from '../settings/authorize-settings';

export interface SelfServiceVisit {
  session: BrowserSession;
  csrfToken: string;
  /** Set when this visit opened a new browser session: the caller sets the cookie. */
  newSessionToken?: string;
}

const ownPage = { redirectable: false } as const;

@Injectable()
export class SelfServiceVisits {
  constructor(
    @Inject(AUTHORIZE_SETTINGS) private readonly settings: AuthorizeSettings,
    private readonly sessions: BrowserSessions,
    private readonly credentials: PsuCredentials,
    private readonly events: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  /** A GET: the browser's session, or a new one for the sign-in form. */
  async arrive(sessionToken: string | undefined): Promise<SelfServiceVisit> {
    const session = await this.sessions.find(sessionToken);
    if (session) return { session, csrfToken: this.csrfTokenOf(session) };
    const created = await this.dataSource.transaction((transaction) => this.sessions.create(transaction));
    return {
      session: created.session,
      csrfToken: this.csrfTokenOf(created.session),
      newSessionToken: created.token,
    };
  }

  /** A POST: an existing session, and the CSRF token of that very session. */
  async posted(sessionToken: string | undefined, csrfToken: unknown): Promise<SelfServiceVisit> {
    const session = await this.sessions.find(sessionToken);
    if (!session) throw new InvalidRequestError('your session has ended; open the page again', ownPage);
    const expected = this.csrfTokenOf(session);
    if (typeof csrfToken !== 'string' || !constantTimeEqual(csrfToken, expected)) {
      throw new InvalidRequestError('the form is out of date or was not sent by this page (CSRF)', ownPage);
    }
    return { session, csrfToken: expected };
  }

  /**
   * Signs the PSU in on this session: the session's new token (it changes at sign-in), or the
   * message to show when that failed. Either outcome is recorded for the audit log.
   */
  async signIn(
    visit: SelfServiceVisit,
    username: unknown,
    password: unknown,
    correlationId: string,
  ): Promise<{ sessionToken: string } | { failure: string }> {
    const checked = await this.credentials.check(username, password);
    const stream = `self-service-sign-in-${randomId(16)}`;
    if (!checked.valid) {
      await this.events.append(
        stream,
        'no-stream',
        [
          {
            type: 'PsuSelfServiceSignInFailed',
            data: {
              usernameFingerprint: checked.usernameFingerprint,
              reason: checked.reason,
              ...(checked.lockedUntil && { lockedUntil: checked.lockedUntil.toISOString() }),
            },
          },
        ],
        { correlationId, actor: { kind: 'psu', id: 'anonymous' } },
      );
      return { failure: checked.message };
    }
    const { psu } = checked;
    const authTime = new Date(this.settings.clock());
    const psuLink = psuLinkOf(this.settings.pseudonymKey, psu.psuId);
    const sessionToken = await this.dataSource.transaction(async (transaction) => {
      const renewed = await this.sessions.signedIn(transaction, visit.session.fingerprint, {
        ...psu,
        authTime,
      });
      await this.events.append(
        stream,
        'no-stream',
        [
          {
            type: 'PsuSelfServiceSignedIn',
            data: { psuLink, acr: psu.acr, amr: psu.amr, authTime: authTime.toISOString() },
          },
        ],
        { correlationId, actor: { kind: 'psu', id: psuLink } },
        { transaction },
      );
      return renewed;
    });
    return { sessionToken };
  }

  async signOut(visit: SelfServiceVisit): Promise<void> {
    await this.sessions.end(visit.session.fingerprint);
  }

  private csrfTokenOf(session: BrowserSession): string {
    return pseudonym(this.settings.pseudonymKey, 'self-service-csrf', session.fingerprint);
  }
}
