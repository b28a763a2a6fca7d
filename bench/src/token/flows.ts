// Whole authorization code flows as plain HTTP, the same steps against both servers: PAR (private_key_jwt,
// PKCE S256, dpop_jkt) → GET the authorization endpoint → follow redirects to the login page → POST
// username, password and the page's CSRF token → the consent page → POST approve with the first
// offered account and its CSRF token → follow redirects to the TPP's redirect URI → POST /token
// (private_key_jwt + DPoP). Each flow is a browser of its own (its own cookies); `concurrency` flows
// run at once, each starting the next when it finishes.
import { Pool } from 'undici';
import type { TestTpp } from '@grantline/testing';
import type { AuthorizationServer } from './servers';

export interface FlowResult {
  concurrency: number;
  flowsPerSecond: number;
  flowLatenciesMs: number[];
  failures: number;
  firstFailure?: string;
}

export interface Psu {
  username: string;
  password: string;
}

interface Answer {
  status: number;
  location?: string;
  setCookies: string[];
  text: string;
}

class FlowFailed extends Error {}

/** One PSU's browser: a cookie jar (name → value, paths ignored) over the servers' pools. */
class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly pools: Map<string, Pool>) {}

  async request(
    method: 'GET' | 'POST',
    url: URL,
    form?: URLSearchParams,
    headers: Record<string, string> = {},
  ) {
    const pool = this.pools.get(url.origin);
    if (!pool) throw new FlowFailed(`no pool for ${url.origin}`);
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await pool.request({
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
    for (const line of answer.setCookies) {
      const [pair, ...attributes] = line.split(';');
      const [name, value] = [
        pair.slice(0, pair.indexOf('=')).trim(),
        pair.slice(pair.indexOf('=') + 1).trim(),
      ];
      const expired = attributes.some(
        (a) => /max-age=0\b/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()),
      );
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return answer;
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
    throw new FlowFailed('too many redirects');
  }
}

function formOf(page: Answer, pageUrl: URL): { action: URL; csrf: string; account?: string } {
  const action = /<form method="post" action="([^"]+)"/.exec(page.text)?.[1];
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(page.text)?.[1];
  if (!action || !csrf)
    throw new FlowFailed(`no form on the page (${page.status}): ${page.text.slice(0, 200)}`);
  const account = /name="account" value="([^"]+)"/.exec(page.text)?.[1];
  return { action: new URL(action.replace(/&amp;/g, '&'), pageUrl), csrf, account };
}

async function oneFlow(tpp: TestTpp, server: AuthorizationServer, pools: Map<string, Pool>, psu: Psu) {
  const browser = new Browser(pools);
  const pkce = tpp.newPkce();
  const par = await browser.request(
    'POST',
    new URL(server.parUrl),
    await tpp.parForm(server.issuer, tpp.authorizationRequest(pkce)),
  );
  if (par.status !== 201) throw new FlowFailed(`PAR ${par.status} ${par.text.slice(0, 200)}`);
  const requestUri = (JSON.parse(par.text) as { request_uri: string }).request_uri;

  const start = new URL(server.authorizationUrl);
  start.search = new URLSearchParams({ client_id: tpp.clientId, request_uri: requestUri }).toString();
  const login = await browser.follow(await browser.request('GET', start), start, tpp.redirectUri);
  if (!login.page) throw new FlowFailed('no login page');
  const loginForm = formOf(login.page, login.url);
  const signedIn = await browser.request(
    'POST',
    loginForm.action,
    new URLSearchParams({ csrf_token: loginForm.csrf, username: psu.username, password: psu.password }),
  );
  const consent = await browser.follow(signedIn, loginForm.action, tpp.redirectUri);
  if (!consent.page) throw new FlowFailed('no consent page');
  const consentForm = formOf(consent.page, consent.url);
  const decision = new URLSearchParams({ csrf_token: consentForm.csrf, decision: 'approve' });
  if (consentForm.account) decision.append('account', consentForm.account);
  const approved = await browser.request('POST', consentForm.action, decision);
  const back = await browser.follow(approved, consentForm.action, tpp.redirectUri);
  const code = back.redirect?.searchParams.get('code');
  if (!code)
    throw new FlowFailed(
      `no code at the redirect URI (${back.page?.status}: ${back.page?.text.slice(0, 200)})`,
    );

  const token = await browser.request(
    'POST',
    new URL(server.tokenUrl),
    new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: tpp.redirectUri,
      code_verifier: pkce.verifier,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await tpp.clientAssertion(server.issuer),
    }),
    { dpop: await tpp.dpopProof('POST', server.tokenHtu) },
  );
  if (token.status !== 200) throw new FlowFailed(`token ${token.status} ${token.text.slice(0, 200)}`);
}

export async function runFlows(
  tpp: TestTpp,
  server: AuthorizationServer,
  psu: Psu,
  concurrency: number,
  seconds: number,
): Promise<FlowResult> {
  const origins = new Set(
    [server.parUrl, server.authorizationUrl, server.tokenUrl].map((u) => new URL(u).origin),
  );
  const pools = new Map(
    [...origins].map((origin) => [origin, new Pool(origin, { connections: concurrency })]),
  );
  const flowLatenciesMs: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) {
          const flowStarted = performance.now();
          try {
            await oneFlow(tpp, server, pools, psu);
            flowLatenciesMs.push(performance.now() - flowStarted);
          } catch (error) {
            failures++;
            firstFailure ??= error instanceof Error ? error.message : String(error);
          }
        }
      }),
    );
  } finally {
    await Promise.all([...pools.values()].map((pool) => pool.close()));
  }
  const elapsed = (performance.now() - started) / 1000;
  return {
    concurrency,
    flowsPerSecond: flowLatenciesMs.length / elapsed,
    flowLatenciesMs,
    failures,
    firstFailure,
  };
}
