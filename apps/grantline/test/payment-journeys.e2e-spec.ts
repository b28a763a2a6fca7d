// The payment journeys a PISP runs (CON-2, CON-3, UX-1), end to end against the embedded runtime as
// `npm start` runs it: openid-client v6 as the TPP (FAPI 2.0: PAR, private_key_jwt, DPoP, PKCE),
// headless Chromium as the PSU, the OB v4 payment APIs behind the libs/oauth guard, x-jws-signature
// on every payment POST (required here, as in the uk-ob profile), and the demo core bank paying.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { signDetachedJws } from '@grantline/crypto';
import { eventually, launchChromium, TestTpp, writeClientsFile } from '@grantline/testing';
import { OpenidClientTpp, type ResourceResponse } from './openid-client/openid-client-tpp';
import { psuInChromium } from './openid-client/psu-in-chromium';
import { type RuntimeProcess, startRuntimeProcess } from './openid-client/runtime-process';

const alice = { username: 'alice', password: 'alice-demo-pass' };
const OB = '/open-banking/v4.0';

const initiation = (amount: string, reference: string) => ({
  InstructionIdentification: `instr-${reference}`,
  EndToEndIdentification: `e2e-${reference}`,
  InstructedAmount: { Amount: amount, Currency: 'GBP' },
  CreditorAccount: {
    SchemeName: 'UK.OBIE.SortCodeAccountNumber',
    Identification: '20000011112222',
    Name: 'Acme Ltd',
  },
  RemittanceInformation: { Reference: reference },
});
const risk = { PaymentContextCode: 'EcommerceGoods' };

describe('payment journeys: openid-client and Chromium against the embedded runtime', () => {
  const tpp = new TestTpp({
    clientName: 'Interop Payments App',
    orgName: 'Interop Payments Ltd',
    redirectUri: 'https://tpp.example/payments/cb',
    roles: ['PISP'],
  });
  const clientsDir = mkdtempSync(join(tmpdir(), 'grantline-payments-clients-'));
  let runtime: RuntimeProcess;
  let browser: Browser;
  let client: OpenidClientTpp;
  let idempotencyKeys = 0;

  beforeAll(async () => {
    const clientsFile = join(clientsDir, 'clients.json');
    writeClientsFile(clientsFile, [tpp]);
    [runtime, browser] = await Promise.all([
      startRuntimeProcess({ GRANTLINE_CLIENTS_FILE: clientsFile, REQUIRE_PAYMENT_JWS_SIGNATURE: 'true' }),
      launchChromium(),
    ]);
  }, 120_000);

  beforeEach(async () => {
    client = new OpenidClientTpp();
    await client.discover({ issuer: runtime.publicUrl, clientId: tpp.clientId, privateJwk: tpp.privateJwk });
    await client.clientCredentials('tpp', 'payments');
  });

  afterEach(async () => {
    await client?.close();
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
    rmSync(clientsDir, { recursive: true, force: true });
  });

  /** A signed OB write: the body openid-client sends is the one the x-jws-signature covers. */
  async function post(token: string, path: string, body: object): Promise<ResourceResponse> {
    const signature = await signDetachedJws(tpp.signingKey, JSON.stringify(body), {
      issuer: tpp.clientId,
      clock: Date.now,
    });
    return client.resource(token, `${runtime.publicUrl}${OB}${path}`, {
      method: 'POST',
      body,
      headers: { 'x-jws-signature': signature, 'x-idempotency-key': `journey-${++idempotencyKeys}` },
    });
  }

  const get = (token: string, path: string) => client.resource(token, `${runtime.publicUrl}${OB}${path}`);

  async function consentStatus(consentId: string): Promise<string> {
    const read = await get('tpp', `/pisp/domestic-payment-consents/${consentId}`);
    expect(read.status).toBe(200);
    return String((read.body?.['Data'] as Record<string, unknown>)['Status']);
  }

  /** PAR by openid-client, the PSU decides in Chromium; resolves with the callback URL. */
  async function authorize(
    authorizationDetails: Array<Record<string, unknown>>,
    decision: 'Approve' | 'Deny' = 'Approve',
    grant?: { grant_management_action: 'update'; grant_id: string },
  ): Promise<URL> {
    const { authorizationUrl } = await client.pushAuthorizationRequest({
      redirect_uri: tpp.redirectUri,
      scope: 'openid payments',
      authorization_details: authorizationDetails,
      ...grant,
    });
    return new URL(await psuInChromium(browser, authorizationUrl, tpp.redirectUri, { ...alice, decision }));
  }

  it('[CON-2] [CON-3] consent first: the TPP registers the payment, the PSU approves it, the payment executes once', async () => {
    const order = initiation('12.34', 'journey-pis');
    const created = await post('tpp', '/pisp/domestic-payment-consents', {
      Data: { Initiation: order },
      Risk: risk,
    });
    expect(created.status).toBe(201);
    const consentId = String((created.body?.['Data'] as Record<string, unknown>)['ConsentId']);
    expect(await consentStatus(consentId)).toBe('AWAU');

    const callback = await authorize([{ type: 'payment_initiation', consent_id: consentId }]);
    const tokens = await client.redeem('psu', callback.href);
    expect(tokens.error).toBeUndefined();
    // openid-client reports token_type lower-cased; the server says "DPoP".
    expect(tokens.result?.token_type.toLowerCase()).toBe('dpop');
    expect(tokens.result).toMatchObject({
      grant_id: expect.any(String),
      authorization_details: [expect.objectContaining({ type: 'payment_initiation', consent_id: consentId })],
    });
    await eventually(async () => expect(await consentStatus(consentId)).toBe('AUTH'), { timeoutMs: 30_000 });

    const payment = { Data: { ConsentId: consentId, Initiation: order }, Risk: risk };
    const paid = await post('psu', '/pisp/domestic-payments', payment);
    expect(paid.status).toBe(201);
    const paymentData = paid.body?.['Data'] as Record<string, unknown>;
    expect(paymentData).toMatchObject({ ConsentId: consentId, Status: 'ACSC' });
    const read = await get('psu', `/pisp/domestic-payments/${String(paymentData['DomesticPaymentId'])}`);
    expect(read.status).toBe(200);
    expect(read.body?.['Data']).toMatchObject({ Status: 'ACSC' });

    // The consent was consumed: the same order again is a clear OB error, not a second payment.
    const again = await post('psu', '/pisp/domestic-payments', payment);
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(again.status).toBeLessThan(500);
    expect(again.body).toMatchObject({
      Errors: [expect.objectContaining({ ErrorCode: expect.any(String) })],
    });
  });

  const rarPayment = (amount: string, reference: string) => ({
    type: 'payment_initiation',
    instructedAmount: { amount, currency: 'GBP' },
    creditorName: 'Corner Shop',
    creditorAccount: { schemeName: 'UK.OBIE.SortCodeAccountNumber', identification: '20000099998888' },
    remittanceInformationUnstructured: reference,
  });

  /** RAR first: approve the details, redeem, wait for the consent; pays it and returns its id. */
  async function payRarFirst(
    detail: Record<string, unknown>,
    grant?: { grant_management_action: 'update'; grant_id: string },
  ): Promise<{ consentId: string; grantId: string }> {
    const callback = await authorize([detail], 'Approve', grant);
    const tokens = await client.redeem('psu', callback.href);
    expect(tokens.error).toBeUndefined();
    // The token response names the consent the approval created: the TPP pays with that ConsentId.
    const named = tokens.result?.authorization_details?.find((d) => d['type'] === 'payment_initiation');
    expect(named).toMatchObject({ ...detail, consent_id: expect.stringMatching(/^rar-/) });
    const consentId = String(named?.['consent_id']);
    await eventually(async () => expect(await consentStatus(consentId)).toBe('AUTH'), { timeoutMs: 30_000 });

    const consent = await get('tpp', `/pisp/domestic-payment-consents/${consentId}`);
    const consentInitiation = (consent.body?.['Data'] as Record<string, unknown>)['Initiation'];
    expect(consentInitiation).toMatchObject({
      InstructedAmount: {
        Amount: (detail['instructedAmount'] as { amount: string }).amount,
        Currency: 'GBP',
      },
    });
    const paid = await post('psu', '/pisp/domestic-payments', {
      Data: { ConsentId: consentId, Initiation: consentInitiation },
      Risk: {},
    });
    expect(paid.status).toBe(201);
    expect(paid.body?.['Data']).toMatchObject({ ConsentId: consentId, Status: 'ACSC' });
    return { consentId, grantId: String(tokens.result?.grant_id) };
  }

  it('[CON-2] RAR first: the payment travels in authorization_details and the approval creates the consent', async () => {
    await payRarFirst(rarPayment('4.50', 'Order 9'));
  });

  // The consent id used to be derived as rar-<grant_id>-<index>: the update's payment got the first
  // payment's id again, so the PSU approved 7.25 and the TPP found only the consumed 4.50 consent.
  it('[CON-2] [GM-1] RAR first: a grant update with a second payment creates and pays that payment, not the first again', async () => {
    const first = await payRarFirst(rarPayment('4.50', 'Order 10'));
    const second = await payRarFirst(rarPayment('7.25', 'Order 11'), {
      grant_management_action: 'update',
      grant_id: first.grantId,
    });
    expect(second.grantId).toBe(first.grantId);
    expect(second.consentId).not.toBe(first.consentId);
  });

  it('[RESP-3] [CON-2] the PSU denies: the TPP gets access_denied and the consent is rejected', async () => {
    const created = await post('tpp', '/pisp/domestic-payment-consents', {
      Data: { Initiation: initiation('99.00', 'journey-deny') },
      Risk: risk,
    });
    const consentId = String((created.body?.['Data'] as Record<string, unknown>)['ConsentId']);
    const callback = await authorize([{ type: 'payment_initiation', consent_id: consentId }], 'Deny');
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('iss')).toBe(runtime.publicUrl);
    expect(callback.searchParams.get('code')).toBeNull();
    await eventually(async () => expect(await consentStatus(consentId)).toBe('RJCT'), { timeoutMs: 30_000 });
  });
});
