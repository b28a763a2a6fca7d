// The AIS and PIS journeys and a revocation across the five services as separate processes over the
// real Kafka broker and one PostgreSQL, the PSU in headless Chromium (DESIGN.md journeys 1–3 and 7);
// then what a compliance officer sees (AUD-1, AUD-2, AUD-3): the audit API, asked by consent id,
// returns every step in order, masked, each record proven in the latest signed checkpoint. One
// cluster for the file: starting six processes is most of its time.
import type { Browser } from 'playwright-core';
import { DEMO_CUSTOMERS } from '@grantline/core-bank';
import {
  domesticPaymentOrder,
  eventually,
  launchChromium,
  OPEN_BANKING,
  PsuBrowser,
  type AuthorizedTokens,
  type PsuApproval,
} from '@grantline/testing';
import { psuInChromium } from '../openid-client/psu-in-chromium';
import {
  AuditedJourney,
  expectNoneIn,
  eventCount,
  expectSteps,
  recordCredentials,
  stringsUnder,
  type JourneyStep,
} from './audited-journey';
import { alice, DistributedCluster } from './distributed-cluster';

const ALL_ACCOUNT_PERMISSIONS = [
  'ReadAccountsBasic',
  'ReadAccountsDetail',
  'ReadBalances',
  'ReadTransactionsBasic',
  'ReadTransactionsDetail',
  'ReadTransactionsCredits',
  'ReadTransactionsDebits',
];

/** From the consent to the PSU's tokens (the start every journey shares). */
const AUTHORIZED: readonly JourneyStep[] = [
  'ConsentCreated',
  'ParRequestPushed',
  'AuthorizationStarted',
  'PsuAuthenticated',
  'AuthorizationApproved',
  {
    concurrently: [
      // authorize issues the code with the approval; the TPP redeems it at once…
      ['CodeIssued', 'CodeRedeemed', 'AccessTokenIssued', 'RefreshTokenIssued'],
      // …while consent and grants learn of the approval over Kafka.
      ['ConsentAuthorised'],
      ['GrantCreated'],
    ],
  },
];

describe('journeys across separate service processes, proven in the audit log', () => {
  const cluster = new DistributedCluster();
  let browser: Browser;
  let audited: AuditedJourney;
  let signed: Set<string>;
  let ccToken: string;
  const codes: string[] = [];

  /** The PSU in Chromium; the code it carries back is kept to look for in the log. */
  const inChromium: PsuApproval = async (start, redirectUri, psu) => {
    const callback = new URL(await psuInChromium(browser, start.href, redirectUri, psu));
    codes.push(callback.searchParams.get('code') ?? '');
    return callback;
  };

  /** Credentials and personal data a journey used: none may appear in the audit log. */
  const secretsOf = (tokens: AuthorizedTokens, ...bodies: unknown[]) => {
    const alicePsu = DEMO_CUSTOMERS.find((customer) => customer.username === alice.username);
    // The scan means something only if the journey's credentials were captured.
    expect(codes.length).toBeGreaterThan(0);
    expect(signed.size).toBeGreaterThan(0);
    return [
      tokens.accessToken,
      tokens.refreshToken,
      String(tokens.response.id_token ?? ''),
      ccToken,
      ...codes,
      ...signed,
      alice.password,
      String(alicePsu?.name),
      String(alicePsu?.psuId),
      ...stringsUnder(bodies, ['Identification', 'Name', 'TransactionInformation']),
    ];
  };

  beforeAll(async () => {
    [browser] = await Promise.all([
      launchChromium(),
      cluster.start('distributed_journeys', { AUDIT_CHECKPOINT_INTERVAL_MS: '500' }),
    ]);
    audited = new AuditedJourney(cluster);
    signed = recordCredentials(cluster.tpp);
    ccToken = await cluster.client.clientCredentials('accounts payments');
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await cluster.stop();
  });

  it('[AUD-1] [AUD-2] [AUD-3] [CON-1] [TOK-6] AIS: consent, PAR, Chromium approval, token, accounts, balances, transactions, refresh, TPP revocation — then the audit log by consent id holds every step in order, masked, proven in the latest checkpoint', async () => {
    const consentId = await cluster.client.createAccountAccessConsent(ccToken, ALL_ACCOUNT_PERMISSIONS);
    const tokens = await cluster.client.authorize(
      alice,
      {
        scope: 'openid accounts',
        authorization_details: [{ type: 'account_access', consent_id: consentId }],
      },
      inChromium,
    );
    await cluster.expectWorking(tokens);
    const accounts = await cluster.client.accounts(tokens.accessToken);
    expect(accounts.status).toBe(200);
    const accountIds: string[] = accounts.body.Data.Account.map(
      (account: { AccountId: string }) => account.AccountId,
    );
    expect(accountIds.length).toBeGreaterThan(0);
    const reads = [accounts.body];
    for (const accountId of accountIds) {
      for (const resource of ['balances', 'transactions']) {
        const read = await cluster.client.call(
          'GET',
          `${OPEN_BANKING}/aisp/accounts/${accountId}/${resource}`,
          tokens.accessToken,
        );
        expect({ resource, status: read.status }).toEqual({ resource, status: 200 });
        reads.push(read.body);
      }
    }
    expect(reads.some((body) => (body.Data?.Transaction ?? []).length > 0)).toBe(true);
    const refreshed = await cluster.client.refresh(tokens.refreshToken);
    expect(refreshed.status).toBe(200);

    const deleted = await cluster.client.call(
      'DELETE',
      `${OPEN_BANKING}/aisp/account-access-consents/${consentId}`,
      ccToken,
    );
    expect(deleted.status).toBe(204);
    await cluster.expectRevokedEverywhere(tokens);

    const steps: JourneyStep[] = [
      ...AUTHORIZED,
      'AccessTokenIssued', // the refresh
      'ConsentRevoked',
      {
        concurrently: [
          // token revokes the refresh token and both access tokens; grants revokes the grant whose
          // only consent this was.
          ['TokenRevoked', 'TokenRevoked', 'TokenRevoked'],
          ['GrantRevoked'],
        ],
      },
    ];
    const answer = await audited.recordsOf(consentId, eventCount(steps));
    expect(answer.records.map((record) => record.seq)).toEqual(
      [...answer.records.map((record) => record.seq)].sort((a, b) => a - b),
    );
    expectSteps(answer.records, steps);
    const proofs = await audited.expectProvenByLatestCheckpoint(answer.records);
    expect(stringsUnder(reads, ['Identification', 'Name']).size).toBeGreaterThan(0);
    expectNoneIn(`${answer.text}\n${proofs}`, [
      ...secretsOf(tokens, reads),
      String(refreshed.body.access_token),
    ]);
  });

  it('[AUD-1] [AUD-2] [AUD-3] [CON-2] [CON-3] PIS: consent, Chromium approval, funds confirmation, payment, status; the consent pays once — then the audit log by consent id holds every step in order, masked, proven', async () => {
    const order = domesticPaymentOrder('7.25', `journeys-${Date.now()}`, 'Journeys Creditor Ltd');
    const tokens = await cluster.client.paymentAccess(alice, ccToken, order, inChromium);
    const consentId = String(tokens.response.authorization_details[0].consent_id);
    await eventually(
      async () => {
        const read = await cluster.client.call(
          'GET',
          `${OPEN_BANKING}/pisp/domestic-payment-consents/${consentId}`,
          ccToken,
        );
        expect(read.body.Data.Status).toBe('AUTH');
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    const funds = await cluster.client.fundsConfirmation(tokens.accessToken, consentId);
    expect(funds.status).toBe(200);
    expect(funds.body.Data.FundsAvailableResult.FundsAvailable).toBe(true);

    const key = `journeys-pay-${Date.now()}`;
    const paid = await cluster.client.pay(tokens.accessToken, consentId, order, key);
    expect(paid.status).toBe(201);
    const paymentId = String(paid.body.Data.DomesticPaymentId);
    // A retry with the same idempotency key answers the same payment; a new order on the consumed
    // consent is a clear OB error, never a second payment (CON-3).
    const retried = await cluster.client.pay(tokens.accessToken, consentId, order, key);
    expect(retried.status).toBe(201);
    expect(retried.body.Data.DomesticPaymentId).toBe(paymentId);
    const again = await cluster.client.pay(tokens.accessToken, consentId, order);
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(again.status).toBeLessThan(500);
    expect(again.body).toMatchObject({
      Errors: [expect.objectContaining({ ErrorCode: expect.any(String) })],
    });
    const status = await cluster.client.payment(tokens.accessToken, paymentId);
    expect(status.status).toBe(200);
    expect(status.body.Data).toMatchObject({ ConsentId: consentId, Status: 'ACSC' });

    // One DomesticPaymentInitiated and one ConsentConsumed: the retry and the second order added none.
    const steps: JourneyStep[] = [
      ...AUTHORIZED,
      // The order consumes the consent and is initiated in one transaction (two streams), then settles.
      { concurrently: [['ConsentConsumed'], ['DomesticPaymentInitiated', 'DomesticPaymentStatusChanged']] },
    ];
    const answer = await audited.recordsOf(consentId, eventCount(steps));
    expectSteps(answer.records, steps);
    const proofs = await audited.expectProvenByLatestCheckpoint(answer.records);
    expectNoneIn(`${answer.text}\n${proofs}`, secretsOf(tokens, order, paid.body, status.body));
  });

  it('[AUD-3] [UX-1] [TOK-6] the PSU revokes on the self-service page: the revocation reaches every service and the audit log by consent id ends with it', async () => {
    const tokens = await cluster.client.accountAccess(alice, ccToken, {}, inChromium);
    await cluster.expectWorking(tokens);
    const psuBrowser = new PsuBrowser();
    try {
      // The page lists the grant once authorize's read model has it.
      await eventually(
        () => psuBrowser.revokeOnSelfServicePage(cluster.grantline.publicUrl, alice, tokens.grantId),
        { timeoutMs: 30_000, intervalMs: 200 },
      );
    } finally {
      await psuBrowser.close();
    }
    await cluster.recorded('grants', 'GrantRevoked', { grantId: tokens.grantId, revokedBy: 'psu' });
    await cluster.expectRevokedEverywhere(tokens);

    const steps: JourneyStep[] = [
      ...AUTHORIZED,
      'PsuRevokedAccess',
      // grants revokes the grant and consent the consent, each on the PSU's word; token revokes
      // the refresh and access tokens on whichever arrives first.
      { concurrently: [['ConsentRevoked'], ['GrantRevoked'], ['TokenRevoked', 'TokenRevoked']] },
    ];
    const answer = await audited.recordsOf(tokens.consentId, eventCount(steps));
    expectSteps(answer.records, steps);
    const proofs = await audited.expectProvenByLatestCheckpoint(answer.records);
    expectNoneIn(`${answer.text}\n${proofs}`, secretsOf(tokens));
  });
});
