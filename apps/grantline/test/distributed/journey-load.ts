// AIS and PIS journeys run over and over by a few TPP workers while faults happen (ROB-2, CON-3).
// The TPP behaves as a real one would: it retries a step answered 503 (temporarily unavailable),
// payment POSTs with the same x-idempotency-key, and waits for the consent to become AUTH. Every
// journey ends in one verdict: completed; a clear error (4xx or 503 in the protocol's format, or
// the PSU's error page); or unclear — a 500, a stack trace, a dropped connection, a request
// unanswered for 30 s, a payment stuck pending. The fault test requires no unclear verdict.
import { randomId } from '@grantline/crypto';
import {
  OPEN_BANKING,
  PsuBrowser,
  domesticPaymentOrder,
  pageForm,
  type Answer,
  type OpenBankingTpp,
  type Psu,
} from '@grantline/testing';

export type Verdict = 'completed' | 'clear-error' | 'unclear';

export interface JourneyOutcome {
  kind: 'AIS' | 'PIS';
  verdict: Verdict;
  /** The step it ended at, and what that step last got. */
  step: string;
  detail: string;
  consentId?: string;
  paymentId?: string;
  endedAt: number;
}

interface Answered {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- protocol bodies are read field by field
  body: any;
  text: string;
}

const REQUEST_TIMEOUT_MS = 30_000;
// Long enough to wait out one outage (a broker restart is the longest); shorter than the test.
const STEP_DEADLINE_MS = 90_000;
const STACK_TRACE = /\n\s+at \S.*\(.*:\d+:\d+\)|\bat Object\.<anonymous>|node_modules\//;

class JourneyEnded extends Error {
  constructor(
    readonly step: string,
    readonly verdict: Exclude<Verdict, 'completed'>,
    readonly detail: string,
  ) {
    super(`${step}: ${detail}`);
  }
}

/** 4xx, or 503, with a body in the protocol's format (OAuth error, OB Errors, the PSU's page). */
export function isClearError(answer: Answered): boolean {
  if (!(answer.status >= 400 && answer.status < 500) && answer.status !== 503) return false;
  if (STACK_TRACE.test(answer.text)) return false;
  const body = answer.body;
  const oauth = typeof body?.error === 'string';
  const openBanking = Array.isArray(body?.Errors) && body.Errors.length > 0;
  const page = /<html|<!doctype html/i.test(answer.text);
  return oauth || openBanking || page;
}

const summary = (answer: Answered) => `${answer.status} ${answer.text.slice(0, 300)}`;

function parsed(status: number, text: string): Answered {
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status, body, text };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a step until `done` accepts its answer: 503 and `waiting` answers are tried again with
 * backoff until the step's deadline; anything else ends the journey with its verdict.
 */
async function step(
  name: string,
  send: () => Promise<Answered>,
  done: (answer: Answered) => boolean,
  waiting: (answer: Answered) => boolean = () => false,
): Promise<Answered> {
  const deadline = Date.now() + STEP_DEADLINE_MS;
  let delay = 200;
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const answer = await Promise.race([
      send().catch((error: Error) =>
        error instanceof JourneyEnded
          ? error
          : new JourneyEnded(name, 'unclear', `no HTTP answer: ${error.message}`),
      ),
      new Promise<JourneyEnded>((resolve) => {
        timer = setTimeout(
          () => resolve(new JourneyEnded(name, 'unclear', `no answer within ${REQUEST_TIMEOUT_MS} ms`)),
          REQUEST_TIMEOUT_MS,
        );
      }),
    ]).finally(() => clearTimeout(timer));
    if (answer instanceof JourneyEnded) throw answer;
    if (done(answer)) return answer;
    const retry = answer.status === 503 || waiting(answer);
    if (!retry || Date.now() > deadline) {
      throw new JourneyEnded(name, isClearError(answer) ? 'clear-error' : 'unclear', summary(answer));
    }
    await pause(delay);
    delay = Math.min(2000, delay * 2);
  }
}

export class JourneyTpp {
  constructor(
    private readonly client: OpenBankingTpp,
    private readonly psu: Psu,
  ) {}

  private get tpp() {
    return this.client.tpp;
  }

  private async token(form: Record<string, string>): Promise<Answered> {
    const reply = await this.client.post('/token', form);
    return { status: reply.status, body: reply.body, text: JSON.stringify(reply.body ?? '') };
  }

  private async call(method: 'GET' | 'POST', path: string, token: string, body?: object, key?: string) {
    const reply = await this.client.call(method, path, token, body, key ? { 'x-idempotency-key': key } : {});
    return { status: reply.status, body: reply.body, text: JSON.stringify(reply.body ?? '') };
  }

  async run(kind: 'AIS' | 'PIS'): Promise<JourneyOutcome> {
    const ids: { consentId?: string; paymentId?: string } = {};
    try {
      const last = kind === 'AIS' ? await this.accountInformation(ids) : await this.paymentInitiation(ids);
      return { kind, verdict: 'completed', step: 'done', detail: last, ...ids, endedAt: Date.now() };
    } catch (error) {
      const ended =
        error instanceof JourneyEnded
          ? error
          : new JourneyEnded('test', 'unclear', (error as Error).stack ?? '');
      return {
        kind,
        verdict: ended.verdict,
        step: ended.step,
        detail: ended.detail,
        ...ids,
        endedAt: Date.now(),
      };
    }
  }

  private async clientToken(): Promise<string> {
    const answer = await step(
      'client_credentials',
      () => this.token({ grant_type: 'client_credentials', scope: 'accounts payments' }),
      (a) => a.status === 200,
    );
    return String(answer.body.access_token);
  }

  private async accountInformation(ids: { consentId?: string }): Promise<string> {
    const cc = await this.clientToken();
    const key = randomId(16);
    const created = await step(
      'account-access consent',
      () =>
        this.call(
          'POST',
          `${OPEN_BANKING}/aisp/account-access-consents`,
          cc,
          {
            Data: {
              Permissions: ['ReadAccountsBasic', 'ReadAccountsDetail', 'ReadBalances'],
              ExpirationDateTime: new Date(Date.now() + 86_400_000).toISOString(),
            },
            Risk: {},
          },
          key,
        ),
      (a) => a.status === 201,
    );
    const consentId = (ids.consentId = String(created.body.Data.ConsentId));
    const access = await this.authorizeAndRedeem('openid accounts', {
      type: 'account_access',
      consent_id: consentId,
    });
    // The consent service learns of the approval over Kafka: 403 until then.
    const accounts = await step(
      'accounts',
      () => this.call('GET', `${OPEN_BANKING}/aisp/accounts`, access),
      (a) => a.status === 200,
      (a) => a.status === 403,
    );
    const accountId = String(accounts.body.Data.Account[0].AccountId);
    await step(
      'balances',
      () => this.call('GET', `${OPEN_BANKING}/aisp/accounts/${accountId}/balances`, access),
      (a) => a.status === 200,
    );
    return `read ${accounts.body.Data.Account.length} accounts`;
  }

  private async paymentInitiation(ids: { consentId?: string; paymentId?: string }): Promise<string> {
    const cc = await this.clientToken();
    const order = domesticPaymentOrder('1.00', `faults-${randomId(16).slice(0, 10)}`);
    const consentKey = randomId(16);
    const created = await step(
      'payment consent',
      () =>
        this.call(
          'POST',
          `${OPEN_BANKING}/pisp/domestic-payment-consents`,
          cc,
          { Data: { Initiation: order }, Risk: { PaymentContextCode: 'EcommerceGoods' } },
          consentKey,
        ),
      (a) => a.status === 201,
    );
    const consentId = (ids.consentId = String(created.body.Data.ConsentId));
    const access = await this.authorizeAndRedeem('openid payments', {
      type: 'payment_initiation',
      consent_id: consentId,
    });
    await step(
      'consent authorised',
      () => this.call('GET', `${OPEN_BANKING}/pisp/domestic-payment-consents/${consentId}`, cc),
      (a) => a.status === 200 && a.body.Data.Status === 'AUTH',
      (a) => a.status === 200 && a.body.Data.Status === 'AWAU',
    );
    await step(
      'funds confirmation',
      () =>
        this.call(
          'GET',
          `${OPEN_BANKING}/pisp/domestic-payment-consents/${consentId}/funds-confirmation`,
          access,
        ),
      (a) => a.status === 200,
    );
    const paymentKey = randomId(16);
    const paid = await step(
      'payment',
      () =>
        this.call(
          'POST',
          `${OPEN_BANKING}/pisp/domestic-payments`,
          access,
          {
            Data: { ConsentId: consentId, Initiation: order },
            Risk: { PaymentContextCode: 'EcommerceGoods' },
          },
          paymentKey,
        ),
      (a) => a.status === 201,
    );
    const paymentId = (ids.paymentId = String(paid.body.Data.DomesticPaymentId));
    await step(
      'payment status',
      () => this.call('GET', `${OPEN_BANKING}/pisp/domestic-payments/${paymentId}`, access),
      (a) => a.status === 200 && a.body.Data.Status === 'ACSC',
      (a) => a.status === 200 && a.body.Data.Status === 'PDNG',
    );
    return `paid ${paymentId}`;
  }

  /** PAR, the PSU by HTTP forms (each page retried on 503, as a person reloads), the code at /token. */
  private async authorizeAndRedeem(scope: string, detail: object): Promise<string> {
    const pkce = this.tpp.newPkce();
    const origin = this.client.origin;
    const par = await step(
      'par',
      async () => {
        const pushed = await this.tpp.push(
          `${origin}/par`,
          origin,
          this.tpp.authorizationRequest(pkce, { scope, authorization_details: [detail] }),
        );
        return { status: pushed.status, body: pushed.body, text: JSON.stringify(pushed.body) };
      },
      (a) => a.status === 201,
    );
    const start = new URL(`${origin}/authorize`);
    start.search = new URLSearchParams({
      client_id: this.tpp.clientId,
      request_uri: String(par.body.request_uri),
    }).toString();
    const browser = new PsuBrowser();
    const redirectUri = this.tpp.redirectUri;
    try {
      /** A page request and its redirects: the page, or the redirect to the TPP. */
      const visit = async (method: 'GET' | 'POST', url: URL, form?: URLSearchParams) => {
        const followed = await browser.follow(await browser.request(method, url, form), url, redirectUri);
        const page: Answer | undefined = followed.page;
        return { followed, answer: parsed(page?.status ?? 200, page?.text ?? '') };
      };
      let current = await visitStep('login page', () => visit('GET', start), /name="password"/);
      const login = pageForm(current.followed.page as Answer, current.followed.url);
      const credentials = {
        csrf_token: login.csrf,
        username: this.psu.username,
        password: this.psu.password,
      };
      current = await visitStep(
        'sign-in',
        () => visit('POST', login.action, new URLSearchParams(credentials)),
        /name="decision"|value="approve"/,
      );
      const consent = pageForm(current.followed.page as Answer, current.followed.url);
      const decision = new URLSearchParams({ csrf_token: consent.csrf, decision: 'approve' });
      if (consent.account) decision.append('account', consent.account);
      current = await visitStep('approve', () => visit('POST', consent.action, decision), undefined);
      const redirect = current.followed.redirect as URL;
      const code = redirect.searchParams.get('code');
      if (!code)
        throw new JourneyEnded('approve', 'clear-error', `redirected with ${redirect.search.slice(0, 200)}`);
      const tokens = await step(
        'token',
        () =>
          this.token({
            grant_type: 'authorization_code',
            code,
            redirect_uri: redirectUri,
            code_verifier: pkce.verifier,
          }),
        (a) => a.status === 200,
      );
      return String(tokens.body.access_token);
    } finally {
      await browser.close();
    }

    /** A PSU step: done when the page matches `expected`, or (no pattern) when it redirects to the TPP. */
    async function visitStep(
      name: string,
      send: () => Promise<{ followed: { page?: Answer; redirect?: URL; url: URL }; answer: Answered }>,
      expected: RegExp | undefined,
    ) {
      let last: { followed: { page?: Answer; redirect?: URL; url: URL }; answer: Answered } | undefined;
      await step(
        name,
        async () => {
          last = await send();
          const redirect = last.followed.redirect;
          if (expected !== undefined && redirect) {
            // Sent back to the TPP before the page: an OAuth error response is a clear end.
            const error = redirect.searchParams.get('error');
            throw new JourneyEnded(
              name,
              error ? 'clear-error' : 'unclear',
              `redirected: ${redirect.search.slice(0, 200)}`,
            );
          }
          return last.answer;
        },
        () =>
          expected === undefined
            ? last?.followed.redirect !== undefined
            : last?.followed.page?.status === 200 && expected.test(last.followed.page.text),
      );
      return last as { followed: { page?: Answer; redirect?: URL; url: URL }; answer: Answered };
    }
  }
}

/** Workers running journeys back to back until stopped; every outcome is kept. */
export class JourneyLoad {
  readonly outcomes: JourneyOutcome[] = [];
  private running = true;
  private readonly workers: Array<Promise<void>>;

  constructor(tpps: readonly JourneyTpp[]) {
    this.workers = tpps.map((tpp, index) => this.work(tpp, index));
  }

  private async work(tpp: JourneyTpp, index: number): Promise<void> {
    let kind: 'AIS' | 'PIS' = index % 2 === 0 ? 'AIS' : 'PIS';
    while (this.running) {
      this.outcomes.push(await tpp.run(kind));
      kind = kind === 'AIS' ? 'PIS' : 'AIS';
    }
  }

  completedSince(time: number, kind?: 'AIS' | 'PIS'): number {
    return this.outcomes.filter(
      (outcome) =>
        outcome.verdict === 'completed' && outcome.endedAt > time && (!kind || outcome.kind === kind),
    ).length;
  }

  /** Lets each worker finish the journey it is in. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }
}
