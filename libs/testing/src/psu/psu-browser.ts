// A PSU's browser without a browser, for tests and benches that are not about the pages: a cookie
// jar over undici pools, following redirects, and the login and consent forms posted as a person
// would (username and password, then approve with the first offered account), each with the CSRF
// token parsed from its page. UI tests use headless Chromium instead (launchChromium).
import { Pool } from 'undici';

export interface Psu {
  username: string;
  password: string;
}

export interface Answer {
  status: number;
  location?: string;
  setCookies: string[];
  text: string;
}

/** A step of the PSU's journey answered with something other than what a person would see next. */
export class PsuJourneyFailed extends Error {}

/** One PSU's browser: its own cookies (name → value, paths ignored), pooled connections per origin. */
export class PsuBrowser {
  private readonly cookies = new Map<string, string>();
  private readonly ownPools = new Map<string, Pool>();

  /** `pools`: connections to share between browsers (a bench); otherwise the browser opens its own. */
  constructor(private readonly pools?: Map<string, Pool>) {}

  private poolFor(origin: string): Pool {
    const shared = this.pools?.get(origin);
    if (shared) return shared;
    if (this.pools) throw new PsuJourneyFailed(`no pool for ${origin}`);
    let own = this.ownPools.get(origin);
    if (!own) {
      own = new Pool(origin, { connections: 4 });
      this.ownPools.set(origin, own);
    }
    return own;
  }

  async request(
    method: 'GET' | 'POST',
    url: URL,
    form?: URLSearchParams,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await this.poolFor(url.origin).request({
      method,
      path: `${url.pathname}${url.search}`,
      headers: {
        ...headers,
        ...(cookie && { cookie }),
        ...(form && { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      body: form?.toString(),
    });
    const setCookie = response.headers['set-cookie'];
    const answer: Answer = {
      status: response.statusCode,
      location: response.headers['location'] as string | undefined,
      setCookies: setCookie === undefined ? [] : ([] as string[]).concat(setCookie),
      text: await response.body.text(),
    };
    for (const line of answer.setCookies) this.remember(line);
    return answer;
  }

  private remember(setCookie: string): void {
    const [pair, ...attributes] = setCookie.split(';');
    const name = pair.slice(0, pair.indexOf('=')).trim();
    const value = pair.slice(pair.indexOf('=') + 1).trim();
    const expired = attributes.some(
      (a) => /max-age=0\b/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()),
    );
    if (expired || value === '') this.cookies.delete(name);
    else this.cookies.set(name, value);
  }

  /** Follows 30x redirects until a page, or until the redirect leaves for `stopAt`. */
  async follow(
    from: Answer,
    base: URL,
    stopAt: string,
  ): Promise<{ page?: Answer; url: URL; redirect?: URL }> {
    let answer = from;
    let url = base;
    for (let hops = 0; hops < 10; hops++) {
      if (answer.status < 300 || answer.status >= 400 || !answer.location) return { page: answer, url };
      const next = new URL(answer.location, url);
      if (next.href.startsWith(stopAt)) return { url, redirect: next };
      answer = await this.request('GET', next);
      url = next;
    }
    throw new PsuJourneyFailed('too many redirects');
  }

  /**
   * From the authorization URL (after PAR) to the TPP's redirect URI: sign in, approve with the
   * first offered account. Resolves with the redirect the TPP receives (code or error).
   */
  async signInAndApprove(authorizationUrl: URL, redirectUri: string, psu: Psu): Promise<URL> {
    const login = await this.follow(
      await this.request('GET', authorizationUrl),
      authorizationUrl,
      redirectUri,
    );
    if (!login.page) throw new PsuJourneyFailed('no login page');
    const loginForm = pageForm(login.page, login.url);
    const signedIn = await this.request(
      'POST',
      loginForm.action,
      new URLSearchParams({ csrf_token: loginForm.csrf, username: psu.username, password: psu.password }),
    );
    const consent = await this.follow(signedIn, loginForm.action, redirectUri);
    // A PSU already signed in (its session cookie) lands on the consent page at once.
    const consentPage = consent.page;
    if (!consentPage) throw new PsuJourneyFailed('no consent page');
    const consentForm = pageForm(consentPage, consent.url);
    const decision = new URLSearchParams({ csrf_token: consentForm.csrf, decision: 'approve' });
    if (consentForm.account) decision.append('account', consentForm.account);
    const approved = await this.request('POST', consentForm.action, decision);
    const back = await this.follow(approved, consentForm.action, redirectUri);
    if (!back.redirect)
      throw new PsuJourneyFailed(
        `no redirect to the TPP (${back.page?.status}: ${back.page?.text.slice(0, 200)})`,
      );
    return back.redirect;
  }

  /**
   * On the self-service page (`origin` + `path`): sign in if asked, then press Revoke on the grant's
   * card. Throws when the page offers no Revoke for that grant.
   */
  async revokeOnSelfServicePage(
    origin: string,
    psu: Psu,
    grantId: string,
    path = '/account/access',
  ): Promise<void> {
    const pageUrl = new URL(path, origin);
    let page = await this.request('GET', pageUrl);
    if (/name="password"/.test(page.text)) {
      const login = pageForm(page, pageUrl);
      const signedIn = await this.request(
        'POST',
        login.action,
        new URLSearchParams({ csrf_token: login.csrf, username: psu.username, password: psu.password }),
      );
      page = (await this.follow(signedIn, login.action, 'never:')).page ?? page;
    }
    const card = new RegExp(
      `<form method="post" action="([^"]+/revoke)">\\s*<input type="hidden" name="csrf_token" value="([^"]+)">\\s*<input type="hidden" name="grant_id" value="${grantId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}">`,
    ).exec(page.text);
    if (!card)
      throw new PsuJourneyFailed(
        `no Revoke for grant ${grantId} (${page.status}): ${page.text.slice(0, 300)}`,
      );
    const action = new URL(card[1].replace(/&amp;/g, '&'), pageUrl);
    const revoked = await this.request(
      'POST',
      action,
      new URLSearchParams({ csrf_token: card[2], grant_id: grantId }),
    );
    if (revoked.status !== 303)
      throw new PsuJourneyFailed(`revoke answered ${revoked.status}: ${revoked.text.slice(0, 300)}`);
  }

  /** Closes the connections this browser opened itself (shared pools stay open). */
  async close(): Promise<void> {
    await Promise.all([...this.ownPools.values()].map((pool) => pool.close()));
    this.ownPools.clear();
  }
}

/** The page's form: where it posts, its CSRF token and the first offered account, if any. */
export function pageForm(page: Answer, pageUrl: URL): { action: URL; csrf: string; account?: string } {
  const action = /<form method="post" action="([^"]+)"/.exec(page.text)?.[1];
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(page.text)?.[1];
  if (!action || !csrf)
    throw new PsuJourneyFailed(`no form on the page (${page.status}): ${page.text.slice(0, 200)}`);
  const account = /name="account" value="([^"]+)"/.exec(page.text)?.[1];
  return { action: new URL(action.replace(/&amp;/g, '&'), pageUrl), csrf, account };
}
