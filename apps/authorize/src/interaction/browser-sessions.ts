// The PSU's browser session: a random token in an HttpOnly, SameSite=Lax cookie (Secure, and
// __Host- prefixed, outside loopback development); the server keeps the record, keyed by the
// token's fingerprint so a database reader cannot ride a session.
import { Inject, Injectable } from '@nestjs/common';
import { fingerprint, randomId } from '@grantline/crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AUTHORIZE_SETTINGS, type AuthorizeSettings } from '../settings/authorize-settings';

export interface BrowserSession {
  fingerprint: string;
  psuId?: string;
  authTime?: Date;
  acr?: string;
  amr?: string[];
}

interface SessionRow {
  psu_id: string | null;
  auth_time: Date | null;
  acr: string | null;
  amr: string[] | null;
}

@Injectable()
export class BrowserSessions {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(AUTHORIZE_SETTINGS) private readonly settings: AuthorizeSettings,
  ) {}

  get cookieName(): string {
    return this.settings.secureCookies ? '__Host-grantline-session' : 'grantline-session';
  }

  /** The Set-Cookie value for a session token. */
  cookie(token: string): string {
    const attributes = [
      'Path=/',
      'HttpOnly',
      'SameSite=Lax',
      `Max-Age=${this.settings.login.sessionSeconds}`,
    ];
    if (this.settings.secureCookies) attributes.push('Secure');
    return [`${this.cookieName}=${token}`, ...attributes].join('; ');
  }

  /** The Set-Cookie value that removes the session cookie (sign-out). */
  clearingCookie(): string {
    const attributes = ['Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=0'];
    if (this.settings.secureCookies) attributes.push('Secure');
    return [`${this.cookieName}=`, ...attributes].join('; ');
  }

  /** The session token from a Cookie header, if it has the right shape. */
  tokenFrom(cookieHeader: string | undefined): string | undefined {
    for (const pair of (cookieHeader ?? '').split(';')) {
      const [name, value] = pair.trim().split('=');
      if (name === this.cookieName && value && /^[A-Za-z0-9_-]{43}$/.test(value)) return value;
    }
    return undefined;
  }

  async find(token: string | undefined): Promise<BrowserSession | undefined> {
    if (token === undefined) return undefined;
    const key = fingerprint(token);
    const rows: SessionRow[] = await this.dataSource.query(
      'SELECT psu_id, auth_time, acr, amr FROM psu_sessions WHERE session_fingerprint = $1 AND expires_at > $2',
      [key, new Date(this.settings.clock())],
    );
    const [row] = rows;
    return (
      row && {
        fingerprint: key,
        psuId: row.psu_id ?? undefined,
        authTime: row.auth_time ?? undefined,
        acr: row.acr ?? undefined,
        amr: row.amr ?? undefined,
      }
    );
  }

  async create(transaction: EntityManager): Promise<{ token: string; session: BrowserSession }> {
    const token = randomId(32);
    const session = { fingerprint: fingerprint(token) };
    await transaction.query('INSERT INTO psu_sessions (session_fingerprint, expires_at) VALUES ($1, $2)', [
      session.fingerprint,
      new Date(this.settings.clock() + this.settings.login.sessionSeconds * 1000),
    ]);
    return { token, session };
  }

  /**
   * Signs the PSU in and replaces the session's token (OWASP ASVS 3.2.1): a token known before
   * sign-in (one an attacker planted in the browser) never becomes a signed-in session. The
   * authorizations open in the session move with it. Returns the new token for the cookie.
   */
  async signedIn(
    transaction: EntityManager,
    sessionFingerprint: string,
    psu: { psuId: string; acr: string; amr: string[]; authTime: Date },
  ): Promise<string> {
    const token = randomId(32);
    const renewed = fingerprint(token);
    await transaction.query(
      `UPDATE psu_sessions SET session_fingerprint = $6, psu_id = $2, acr = $3, amr = $4, auth_time = $5
        WHERE session_fingerprint = $1`,
      [sessionFingerprint, psu.psuId, psu.acr, JSON.stringify(psu.amr), psu.authTime, renewed],
    );
    await transaction.query(
      'UPDATE interactions SET session_fingerprint = $2 WHERE session_fingerprint = $1',
      [sessionFingerprint, renewed],
    );
    return token;
  }

  /** Signs out: the session is gone, with any authorization still open in it. */
  async end(sessionFingerprint: string): Promise<void> {
    await this.dataSource.query('DELETE FROM psu_sessions WHERE session_fingerprint = $1', [
      sessionFingerprint,
    ]);
  }
}
