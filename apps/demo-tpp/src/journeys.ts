// The two Open Banking journeys, step by step as a TPP runs them against the OB v4 APIs:
// account information (consent → PSU → accounts, balances, transactions) and a domestic payment
// (consent → PSU → funds confirmation → payment → its status).
import { randomId, signDetachedJws, signingKeyFromJwk, systemClock } from '@grantline/crypto';
import { authorizeConsent, eventually, expectStatus, type PsuChoice } from './authorize-consent';
import type { DemoTppRegistration } from './demo-tpp-file';
import type { FapiClient, HeldToken } from './fapi-client';
import { describeToken, money, type Narration, paymentStatusInWords } from './narration';

const OB = '/open-banking/v4.0';

export interface JourneyContext {
  client: FapiClient;
  issuer: string;
  tpp: DemoTppRegistration;
  say: Narration;
  psu: PsuChoice;
}

const AIS_PERMISSIONS = [
  'ReadAccountsBasic',
  'ReadAccountsDetail',
  'ReadBalances',
  'ReadTransactionsBasic',
  'ReadTransactionsDetail',
  'ReadTransactionsCredits',
  'ReadTransactionsDebits',
];

async function tppToken({ client, say }: JourneyContext, scope: string): Promise<HeldToken> {
  say.step(`Get a TPP token: client_credentials, scope "${scope}" (private_key_jwt, DPoP)`);
  const token = await client.clientCredentials(scope);
  say.detail(describeToken(token.facts()));
  return token;
}

export async function accountInformation(context: JourneyContext): Promise<void> {
  const { client, issuer, tpp, say, psu } = context;
  const tppAccess = await tppToken(context, 'accounts');

  say.step(`Create an account-access consent (POST ${OB}/aisp/account-access-consents)`);
  const created = expectStatus(
    await client.resource(
      tppAccess,
      'POST',
      `${issuer}${OB}/aisp/account-access-consents`,
      JSON.stringify({
        Data: {
          Permissions: AIS_PERMISSIONS,
          ExpirationDateTime: new Date(Date.now() + 90 * 86_400_000).toISOString(),
        },
        Risk: {},
      }),
      { 'x-idempotency-key': randomId(16), 'x-fapi-interaction-id': randomId(16) },
    ),
    201,
    'the account-access consent',
  );
  const consentId = String(created.body.Data.ConsentId);
  say.detail(
    `consent ${consentId}, status ${String(created.body.Data.Status)}, permissions ${AIS_PERMISSIONS.join(', ')}`,
  );

  const psuAccess = await authorizeConsent(
    client,
    say,
    {
      redirectUri: tpp.redirectUri,
      scope: 'openid accounts',
      consent: { type: 'account_access', consent_id: consentId },
    },
    psu,
  );

  say.step(`Read the accounts the PSU shared (GET ${OB}/aisp/accounts)`);
  // The consent turns AUTH when consent hears of the approval; until then the accounts wait.
  const accounts = expectStatus(
    await eventually(
      () => client.resource(psuAccess, 'GET', `${issuer}${OB}/aisp/accounts`),
      (reply) => reply.status === 200,
    ),
    200,
    'the accounts API',
  );
  const list: Array<Record<string, unknown>> = accounts.body.Data.Account ?? [];
  say.detail(`${list.length} account${list.length === 1 ? '' : 's'} shared`);

  const rows: string[][] = [];
  let firstTransactions: Array<Record<string, unknown>> = [];
  for (const account of list) {
    const id = String(account['AccountId']);
    const balances = expectStatus(
      await client.resource(
        psuAccess,
        'GET',
        `${issuer}${OB}/aisp/accounts/${encodeURIComponent(id)}/balances`,
      ),
      200,
      'the balances API',
    );
    const transactions = expectStatus(
      await client.resource(
        psuAccess,
        'GET',
        `${issuer}${OB}/aisp/accounts/${encodeURIComponent(id)}/transactions`,
      ),
      200,
      'the transactions API',
    );
    const balance = (balances.body.Data.Balance ?? [])[0] as
      | { Amount?: { Amount?: string; Currency?: string }; CreditDebitIndicator?: string; Type?: string }
      | undefined;
    const entries: Array<Record<string, unknown>> = transactions.body.Data.Transaction ?? [];
    if (rows.length === 0) firstTransactions = entries;
    const identification = (account['Account'] as Array<{ Identification?: string }> | undefined)?.[0]
      ?.Identification;
    rows.push([
      String(account['Nickname'] ?? id),
      String(account['AccountSubType'] ?? account['AccountType'] ?? ''),
      identification ? `…${identification.slice(-4)}` : '',
      balance
        ? `${money(balance.Amount, balance.CreditDebitIndicator === 'Debit')} (${balance.Type ?? ''})`
        : 'none',
      String(entries.length),
    ]);
  }
  say.step('Balances and transactions (GET …/balances, …/transactions)');
  say.table(['account', 'type', 'number', 'balance', 'transactions'], rows);

  if (firstTransactions.length > 0) {
    say.detail('');
    say.detail(`latest transactions of ${rows[0][0]}:`);
    say.table(
      ['booked', 'amount', 'description'],
      firstTransactions
        .slice(0, 5)
        .map((entry) => [
          String(entry['BookingDateTime'] ?? '').slice(0, 10),
          money(
            entry['Amount'] as { Amount?: string; Currency?: string },
            entry['CreditDebitIndicator'] === 'Debit',
          ),
          String(entry['TransactionInformation'] ?? ''),
        ]),
    );
  }
}

/** A payment POST: the body openid-client sends is the one the x-jws-signature covers. */
function signedPost(context: JourneyContext, token: HeldToken, path: string, body: object) {
  const text = JSON.stringify(body);
  const key = signingKeyFromJwk(context.tpp.privateJwk);
  return signDetachedJws(key, text, { issuer: context.tpp.clientId, clock: systemClock }).then((signature) =>
    context.client.resource(token, 'POST', `${context.issuer}${OB}${path}`, text, {
      'x-idempotency-key': randomId(16),
      'x-fapi-interaction-id': randomId(16),
      'x-jws-signature': signature,
    }),
  );
}

export async function domesticPayment(context: JourneyContext): Promise<void> {
  const { client, issuer, tpp, say, psu } = context;
  const tppAccess = await tppToken(context, 'payments');
  const reference = `demo-${randomId(16).slice(0, 12)}`;
  const initiation = {
    InstructionIdentification: reference,
    EndToEndIdentification: reference,
    InstructedAmount: { Amount: '12.34', Currency: 'GBP' },
    CreditorAccount: {
      SchemeName: 'UK.OBIE.SortCodeAccountNumber',
      Identification: '20000011112222',
      Name: 'Acme Ltd',
    },
    RemittanceInformation: { Reference: 'Demo order' },
  };
  const risk = { PaymentContextCode: 'EcommerceGoods' };

  say.step(
    `Create a domestic-payment consent (POST ${OB}/pisp/domestic-payment-consents, signed with x-jws-signature)`,
  );
  const created = expectStatus(
    await signedPost(context, tppAccess, '/pisp/domestic-payment-consents', {
      Data: { Initiation: initiation },
      Risk: risk,
    }),
    201,
    'the domestic-payment consent',
  );
  const consentId = String(created.body.Data.ConsentId);
  say.detail(
    `consent ${consentId}, status ${String(created.body.Data.Status)}: GBP 12.34 to Acme Ltd (…2222)`,
  );

  const psuAccess = await authorizeConsent(
    client,
    say,
    {
      redirectUri: tpp.redirectUri,
      scope: 'openid payments',
      consent: { type: 'payment_initiation', consent_id: consentId },
    },
    psu,
  );

  say.step(`Confirm the funds (GET ${OB}/pisp/domestic-payment-consents/${consentId}/funds-confirmation)`);
  const funds = expectStatus(
    await eventually(
      () =>
        client.resource(
          psuAccess,
          'GET',
          `${issuer}${OB}/pisp/domestic-payment-consents/${consentId}/funds-confirmation`,
        ),
      (reply) => reply.status === 200,
    ),
    200,
    'the funds confirmation',
  );
  const available = funds.body.Data.FundsAvailableResult?.FundsAvailable === true;
  say.detail(`funds available: ${available ? 'yes' : 'no'}`);

  say.step(`Make the payment (POST ${OB}/pisp/domestic-payments, signed)`);
  const paid = expectStatus(
    await signedPost(context, psuAccess, '/pisp/domestic-payments', {
      Data: { ConsentId: consentId, Initiation: initiation },
      Risk: risk,
    }),
    201,
    'the domestic payment',
  );
  const paymentId = String(paid.body.Data.DomesticPaymentId);
  say.detail(`payment ${paymentId} accepted, status ${paymentStatusInWords(String(paid.body.Data.Status))}`);

  say.step(`Read the payment's status (GET ${OB}/pisp/domestic-payments/${paymentId})`);
  const status = expectStatus(
    await client.resource(
      psuAccess,
      'GET',
      `${issuer}${OB}/pisp/domestic-payments/${encodeURIComponent(paymentId)}`,
    ),
    200,
    'the payment status',
  );
  say.detail(`payment status: ${paymentStatusInWords(String(status.body.Data.Status))}`);
}
