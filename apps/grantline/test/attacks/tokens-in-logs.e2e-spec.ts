// Seed 004's survey found access tokens in the logs of 40 % of providers. Here the AIS and PIS
// journeys run against the embedded runtime with every service logging at trace level; every
// credential the journeys used is recorded as it is made or received (tokens, codes, request_uris,
// client assertions, DPoP proofs, PKCE verifiers, the PSU's password and session cookies, the TPPs'
// private keys), and then every line the runtime wrote is searched for each of them and their
// obvious pieces (JWT segments, 16-character windows, URL-encoded forms).
import { eventually, OPEN_BANKING, PsuBrowser, TestTpp } from '@grantline/testing';
import { AttackPlatform, type TokenOptions } from './attack-platform';
import { credentialPieces } from './credential-pieces';

/** Every credential the journey used, by kind, for the scan. */
const used = new Map<string, Set<string>>();
const remember = (kind: string, value: unknown) => {
  if (typeof value !== 'string' || value.length < 8) return;
  if (!used.has(kind)) used.set(kind, new Set());
  used.get(kind)?.add(value);
};

/** A TPP that remembers every assertion and proof it signs. */
class RecordingTpp extends TestTpp {
  override async clientAssertion(audience: string, overrides = {}): Promise<string> {
    const assertion = await super.clientAssertion(audience, overrides);
    remember('client assertion', assertion);
    return assertion;
  }

  override async dpopProof(method: string, url: string, accessToken?: string, nonce?: string) {
    const proof = await super.dpopProof(method, url, accessToken, nonce);
    remember('DPoP proof', proof);
    return proof;
  }
}

/** A PSU browser that remembers its cookies and what it typed. */
class RecordingBrowser extends PsuBrowser {
  override async request(...args: Parameters<PsuBrowser['request']>) {
    const [, url, form] = args;
    if (form?.has('password')) remember('PSU password', form.get('password'));
    if (form?.has('csrf_token')) remember('CSRF token', form.get('csrf_token'));
    remember('request_uri', url.searchParams.get('request_uri'));
    const answer = await super.request(...args);
    for (const cookie of answer.setCookies) remember('session cookie', cookie.split(';')[0].split('=')[1]);
    return answer;
  }
}

describe('tokens in logs', () => {
  const tpp = new RecordingTpp({ clientName: 'Logged App', redirectUri: 'https://logged.example/cb' });
  const platform = new AttackPlatform(tpp, new RecordingTpp({ redirectUri: 'https://other.example/cb' }));
  let readyAt = 0;

  beforeAll(async () => {
    await platform.start({ LOG_LEVEL: 'trace' });
    // The runtime's start-up banner prints the demo PSUs' passwords for a developer on purpose
    // (README); the scan covers everything written once it is ready, when the journeys run.
    readyAt = platform.runtime.output().length;
  }, 120_000);
  afterAll(() => platform.stop());

  const client = () => platform.client(tpp);

  async function token(form: Record<string, string>, options?: TokenOptions) {
    const reply = await platform.token(tpp, form, options);
    remember('access token', reply.body?.access_token);
    remember('refresh token', reply.body?.refresh_token);
    remember('ID token', reply.body?.id_token);
    return reply;
  }

  async function authorize(extra: Record<string, unknown>) {
    const issued = await platform.issueCode(tpp, extra, {}, new RecordingBrowser());
    remember('authorization code', issued.code);
    remember('request_uri', issued.requestUri);
    remember('PKCE verifier', issued.pkce.verifier);
    const form = {
      grant_type: 'authorization_code',
      code: issued.code,
      redirect_uri: tpp.redirectUri,
      code_verifier: issued.pkce.verifier,
    };
    const tokens = await token(form);
    expect(tokens.status).toBe(200);
    return { ...tokens.body, form };
  }

  async function clientCredentials(scope: string): Promise<string> {
    const reply = await token({ grant_type: 'client_credentials', scope });
    return String(reply.body.access_token);
  }

  it('[TOK-7] seed 004 tokens in logs: after the AIS and PIS journeys no log line holds any credential they used', async () => {
    // AIS: consent, PAR, sign-in and approval, token, accounts, refresh, introspection, revocation.
    const accountsToken = await clientCredentials('accounts');
    const consentId = await client().createAccountAccessConsent(accountsToken);
    const ais = await authorize({
      scope: 'openid accounts',
      authorization_details: [{ type: 'account_access', consent_id: consentId }],
    });
    expect((await client().accounts(ais.access_token)).status).toBe(200);
    expect(
      (
        await client().call(
          'GET',
          `${OPEN_BANKING}/aisp/accounts?access_token=${ais.access_token}`,
          ais.access_token,
        )
      ).status,
    ).toBe(400);
    expect((await token({ grant_type: 'refresh_token', refresh_token: ais.refresh_token })).status).toBe(200);
    expect((await client().introspect(ais.refresh_token)).body.active).toBe(true);
    const queryToken = await clientCredentials('grant_management_query');
    expect((await client().call('GET', `/grants/${ais.grant_id}`, queryToken)).status).toBe(200);
    expect((await client().revoke(ais.refresh_token, 'refresh_token')).status).toBe(200);
    // TOK-6: the grant's access tokens follow the refresh token out, once the event arrives.
    await eventually(async () => expect((await client().accounts(ais.access_token)).status).toBe(401));

    // PIS: payment consent, PAR, approval, token, payment, its status.
    const paymentsToken = await clientCredentials('payments');
    const initiation = {
      InstructionIdentification: 'instr-logs',
      EndToEndIdentification: 'e2e-logs',
      InstructedAmount: { Amount: '7.50', Currency: 'GBP' },
      CreditorAccount: {
        SchemeName: 'UK.OBIE.SortCodeAccountNumber',
        Identification: '20000011112222',
        Name: 'Acme Ltd',
      },
    };
    const risk = { PaymentContextCode: 'EcommerceGoods' };
    const created = await client().call(
      'POST',
      `${OPEN_BANKING}/pisp/domestic-payment-consents`,
      paymentsToken,
      {
        Data: { Initiation: initiation },
        Risk: risk,
      },
    );
    expect(created.status).toBe(201);
    const paymentConsentId = String(created.body.Data.ConsentId);
    const pis = await authorize({
      scope: 'openid payments',
      authorization_details: [{ type: 'payment_initiation', consent_id: paymentConsentId }],
    });
    await eventually(async () => {
      const read = await client().call(
        'GET',
        `${OPEN_BANKING}/pisp/domestic-payment-consents/${paymentConsentId}`,
        paymentsToken,
      );
      expect(read.body.Data.Status).toBe('AUTH');
    });
    const paid = await client().call('POST', `${OPEN_BANKING}/pisp/domestic-payments`, pis.access_token, {
      Data: { ConsentId: paymentConsentId, Initiation: initiation },
      Risk: risk,
    });
    expect(paid.status).toBe(201);
    // A replayed code is refused (and revokes what it gave): the refusal is logged, without the code.
    expect((await token(pis.form)).status).toBe(400);

    // The key the TPP signs its assertions with is a credential too.
    remember('private key', (tpp.privateJwk as { d?: string }).d);

    const lines = platform.runtime.output().slice(readyAt).split('\n');
    // Trace logging did log the journeys: every request, with its URL (credentials redacted).
    const logged = (url: string) => lines.filter((line) => line.includes(`"url":"${url}`)).length;
    expect(logged('/token')).toBeGreaterThanOrEqual(6);
    expect(logged('/par')).toBe(2);
    expect(logged('/authorize?')).toBe(2);
    expect(logged(`${OPEN_BANKING}/aisp/accounts?access_token=`)).toBe(1);
    // The scan reads the right text: what is not secret (the client_id) is there to be found.
    expect(lines.some((line) => line.includes(tpp.clientId))).toBe(true);
    const hits: string[] = [];
    for (const [kind, values] of used) {
      for (const value of values) {
        for (const piece of credentialPieces(value)) {
          const line = lines.find((candidate) => candidate.includes(piece));
          if (line) hits.push(`${kind} (piece "${piece.slice(0, 12)}…"): ${line.slice(0, 300)}`);
        }
      }
    }
    expect(used.size).toBeGreaterThanOrEqual(10);
    expect([...new Set(hits)]).toEqual([]);
  });
});
