// Who is on the self-service page: the browser session behind the cookie (the same server-side
// BrowserSessions as the authorization pages, so a PSU signed in there is signed in here) and the
// page's CSRF token. The token is a keyed MAC of the session, so it needs no storage, differs per
// session, and a form copied from another session is refused (UX-2).
import { Inject, Injectable } from '@nestjs/common';
import { constantTimeEqual, pseudonym } from '@grantline/crypto';
import { InvalidRequestError } from '@grantline/oauth';
import { DataSource } from 'typeorm';
import { type BrowserSession, BrowserSessions } from '../interaction/browser-sessions';
import { PsuCredentials } from '../psu/psu-credentials';
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
   * message to show when that failed.
   */
  async signIn(
    visit: SelfServiceVisit,
    username: unknown,
    password: unknown,
  ): Promise<{ sessionToken: string } | { failure: string }> {
    const checked = await this.credentials.check(username, password);
    if (!checked.valid) return { failure: checked.message };
    const authTime = new Date(this.settings.clock());
    const sessionToken = await this.dataSource.transaction((transaction) =>
      this.sessions.signedIn(transaction, visit.session.fingerprint, { ...checked.psu, authTime }),
    );
    return { sessionToken };
  }

  async signOut(visit: SelfServiceVisit): Promise<void> {
    await this.sessions.end(visit.session.fingerprint);
  }

  private csrfTokenOf(session: BrowserSession): string {
    return pseudonym(this.settings.pseudonymKey, 'self-service-csrf', session.fingerprint);
  }
}
