// A TPP against one public origin, as a real AISP calls it: private_key_jwt at /token, /par,
// /introspect and /revoke; DPoP-bound tokens with a fresh proof per request; PKCE at PAR; the PSU's
// part by HTTP forms (PsuBrowser). The steps of the account-access journey, for the distributed
// e2e tests and the revocation bench.
import { randomId } from '@grantline/crypto';
import { PsuBrowser, PsuJourneyFailed, type Psu } from '../psu/psu-browser';
import type { Claims, TestTpp } from '../tpp/test-tpp';

export const OPEN_BANKING = '/open-banking/v4.0';
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const FAR_FUTURE = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

export interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- protocol bodies are read field by field
  body: any;
}

/** The PSU's part: from the authorization URL to the URL the bank redirected to (HTTP forms or Chromium). */
export type PsuApproval = (authorizationUrl: URL, redirectUri: string, psu: Psu) => Promise<URL>;

/** A domestic payment order (OB v4 Initiation) of `amount` GBP to a fixed creditor. */
export function domesticPaymentOrder(amount: string, reference: string, creditorName = 'Acme Ltd') {
  return {
    InstructionIdentification: `instr-${reference}`,
    EndToEndIdentification: `e2e-${reference}`,
    InstructedAmount: { Amount: amount, Currency: 'GBP' },
    CreditorAccount: {
      SchemeName: 'UK.OBIE.SortCodeAccountNumber',
      Identification: '20000011112222',
      Name: creditorName,
    },
    RemittanceInformation: { Reference: reference },
  };
}

export interface AuthorizedTokens {
  accessToken: string;
  refreshToken: string;
  grantId: string;
  scope: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the whole token response, for assertions
  response: any;
}

async function replyOf(response: Response): Promise<Reply> {
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = { unparsed: text.slice(0, 500) };
  }
  return { status: response.status, body };
}

export class OpenBankingTpp {
  constructor(
    readonly tpp: TestTpp,
    /** The public origin: the issuer, and every endpoint's base. */
    readonly origin: string,
  ) {}

  /** POST to an endpoint that authenticates the client (private_key_jwt); DPoP on /token. */
  async post(path: '/token' | '/introspect' | '/revoke', form: Record<string, string>): Promise<Reply> {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (path === '/token') headers['dpop'] = await this.tpp.dpopProof('POST', `${this.origin}/token`);
    const body = new URLSearchParams({
      ...form,
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: await this.tpp.clientAssertion(this.origin),
    });
    return replyOf(await fetch(`${this.origin}${path}`, { method: 'POST', headers, body }));
  }

  /** A client_credentials access token with these scopes. */
  async clientCredentials(scope: string): Promise<string> {
    const reply = await this.post('/token', { grant_type: 'client_credentials', scope });
    if (reply.status !== 200)
      throw new Error(`client_credentials ${reply.status}: ${JSON.stringify(reply.body)}`);
    return String(reply.body.access_token);
  }

  /**
   * A resource request (OB API or /grants) with the token and a fresh DPoP proof. A body gets a
   * fresh x-idempotency-key unless `headers` names one (a retry of the same order sends the same).
   */
  async call(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    token: string,
    body?: object,
    extraHeaders: Record<string, string> = {},
  ): Promise<Reply> {
    const url = `${this.origin}${path}`;
    const headers: Record<string, string> = {
      authorization: `DPoP ${token}`,
      dpop: await this.tpp.dpopProof(method, url.split('?')[0], token),
      'x-fapi-interaction-id': randomId(16),
    };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['x-idempotency-key'] = randomId(16);
    }
    Object.assign(headers, extraHeaders);
    return replyOf(
      await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
    );
  }

  /** POST /aisp/account-access-consents with a client_credentials token; the new ConsentId. */
  async createAccountAccessConsent(
    ccToken: string,
    permissions = ['ReadAccountsBasic', 'ReadAccountsDetail', 'ReadBalances'],
  ): Promise<string> {
    const created = await this.call('POST', `${OPEN_BANKING}/aisp/account-access-consents`, ccToken, {
      Data: { Permissions: permissions, ExpirationDateTime: FAR_FUTURE() },
      Risk: {},
    });
    if (created.status !== 201)
      throw new Error(`account-access consent ${created.status}: ${JSON.stringify(created.body)}`);
    return String(created.body.Data.ConsentId);
  }

  /**
   * PAR (PKCE, dpop_jkt, the given parameters) → the PSU signs in and approves by HTTP forms → the
   * code is redeemed at /token. Throws with what came back when a step fails.
   */
  async authorize(psu: Psu, parameters: Claims, approve?: PsuApproval): Promise<AuthorizedTokens> {
    const pkce = this.tpp.newPkce();
    const par = await this.tpp.push(
      `${this.origin}/par`,
      this.origin,
      this.tpp.authorizationRequest(pkce, parameters),
    );
    if (par.status !== 201) throw new PsuJourneyFailed(`PAR ${par.status}: ${JSON.stringify(par.body)}`);
    const start = new URL(`${this.origin}/authorize`);
    start.search = new URLSearchParams({
      client_id: this.tpp.clientId,
      request_uri: String(par.body['request_uri']),
    }).toString();
    const redirect = await (approve ?? approveByForms)(start, this.tpp.redirectUri, psu);
    const code = redirect.searchParams.get('code');
    if (!code) throw new PsuJourneyFailed(`no code at the redirect URI: ${redirect.search.slice(0, 300)}`);
    const token = await this.post('/token', {
      grant_type: 'authorization_code',
      code,
      redirect_uri: this.tpp.redirectUri,
      code_verifier: pkce.verifier,
    });
    if (token.status !== 200)
      throw new PsuJourneyFailed(`token ${token.status}: ${JSON.stringify(token.body)}`);
    return {
      accessToken: String(token.body.access_token),
      refreshToken: String(token.body.refresh_token),
      grantId: String(token.body.grant_id),
      scope: String(token.body.scope),
      response: token.body,
    };
  }

  /** The whole AISP journey for one new account-access consent: its id and the PSU's tokens. */
  async accountAccess(
    psu: Psu,
    ccToken: string,
    extra: Claims = {},
    approve?: PsuApproval,
  ): Promise<AuthorizedTokens & { consentId: string }> {
    const consentId = await this.createAccountAccessConsent(ccToken);
    const tokens = await this.authorize(
      psu,
      {
        scope: 'openid accounts',
        authorization_details: [{ type: 'account_access', consent_id: consentId }],
        ...extra,
      },
      approve,
    );
    return { ...tokens, consentId };
  }

  /** POST /pisp/domestic-payment-consents with a client_credentials token; the new ConsentId. */
  async createDomesticPaymentConsent(ccToken: string, initiation: object): Promise<string> {
    const created = await this.call('POST', `${OPEN_BANKING}/pisp/domestic-payment-consents`, ccToken, {
      Data: { Initiation: initiation },
      Risk: { PaymentContextCode: 'EcommerceGoods' },
    });
    if (created.status !== 201)
      throw new Error(`domestic-payment consent ${created.status}: ${JSON.stringify(created.body)}`);
    return String(created.body.Data.ConsentId);
  }

  /** The PISP journey up to the PSU's tokens for one new domestic payment consent. */
  async paymentAccess(
    psu: Psu,
    ccToken: string,
    initiation: object,
    approve?: PsuApproval,
  ): Promise<AuthorizedTokens & { consentId: string }> {
    const consentId = await this.createDomesticPaymentConsent(ccToken, initiation);
    const tokens = await this.authorize(
      psu,
      {
        scope: 'openid payments',
        authorization_details: [{ type: 'payment_initiation', consent_id: consentId }],
      },
      approve,
    );
    return { ...tokens, consentId };
  }

  fundsConfirmation(token: string, consentId: string): Promise<Reply> {
    return this.call(
      'GET',
      `${OPEN_BANKING}/pisp/domestic-payment-consents/${consentId}/funds-confirmation`,
      token,
    );
  }

  /** POST /pisp/domestic-payments; a retry passes the same idempotency key. */
  pay(token: string, consentId: string, initiation: object, idempotencyKey = randomId(16)): Promise<Reply> {
    return this.call(
      'POST',
      `${OPEN_BANKING}/pisp/domestic-payments`,
      token,
      {
        Data: { ConsentId: consentId, Initiation: initiation },
        Risk: { PaymentContextCode: 'EcommerceGoods' },
      },
      { 'x-idempotency-key': idempotencyKey },
    );
  }

  payment(token: string, paymentId: string): Promise<Reply> {
    return this.call('GET', `${OPEN_BANKING}/pisp/domestic-payments/${paymentId}`, token);
  }

  refresh(refreshToken: string): Promise<Reply> {
    return this.post('/token', { grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  introspect(token: string): Promise<Reply> {
    return this.post('/introspect', { token });
  }

  revoke(token: string, hint?: 'refresh_token' | 'access_token'): Promise<Reply> {
    return this.post('/revoke', { token, ...(hint && { token_type_hint: hint }) });
  }

  accounts(token: string): Promise<Reply> {
    return this.call('GET', `${OPEN_BANKING}/aisp/accounts`, token);
  }
}

/** The PSU by HTTP forms (PsuBrowser): sign in, keep the first account, approve. */
async function approveByForms(start: URL, redirectUri: string, psu: Psu): Promise<URL> {
  const browser = new PsuBrowser();
  try {
    return await browser.signInAndApprove(start, redirectUri, psu);
  } finally {
    await browser.close();
  }
}
