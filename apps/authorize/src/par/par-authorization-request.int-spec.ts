// POST /par: what the authorization request asks for: code flow only (FLOW-1), registered redirect
// URIs (PAR-6), PKCE S256 (PKCE-1), the DPoP key (CODE-3), authorization_details (RAR-1, RAR-2),
// consents (CON-6) and grants (GM-1).
import { randomId } from '@grantline/crypto';
import { TestTpp } from '@grantline/testing';
import { type AuthorizeHarness, startAuthorize } from '../test/authorize-harness';
import { announceConsent, newConsentId } from '../test/consent-announcements';

describe('POST /par: the authorization request', () => {
  let authorize: AuthorizeHarness;
  let tpp: TestTpp;
  let other: TestTpp;

  beforeAll(async () => {
    authorize = await startAuthorize();
    [tpp, other] = authorize.tpps;
  });

  afterAll(async () => {
    await authorize?.close();
  });

  const push = async (extra: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const { status, body } = await tpp.push(
      authorize.par,
      authorize.issuer,
      tpp.authorizationRequest(tpp.newPkce(), extra),
      headers,
    );
    return [status, body.error];
  };

  const consentOf = (owner: TestTpp, consentType: 'account-access' | 'domestic-payment') =>
    announceConsent(authorize, {
      consentId: newConsentId('aac'),
      clientId: owner.clientId,
      consentType,
      permissions: ['ReadAccountsBasic'],
    });

  it.each(['code id_token', 'token', 'id_token', 'code token'])(
    '[FLOW-1] rejects response_type=%s',
    async (responseType) => {
      expect(await push({ response_type: responseType })).toEqual([400, 'unsupported_response_type']);
    },
  );

  // Found by `npm run fuzz`: NUL in a parameter or in the assertion's jti reached PostgreSQL, which
  // refuses it in text and jsonb (500).
  it('[ROB-1] refuses NUL in a parameter, and takes a jti holding NUL, never a 500', async () => {
    expect(await push({ nonce: 'a\u0000b' })).toEqual([400, 'invalid_request']);
    const assertion = await tpp.clientAssertion(authorize.issuer, { jti: `j\u0000${randomId(16)}` });
    const withNulJti = await tpp.push(authorize.par, authorize.issuer, {
      ...tpp.authorizationRequest(tpp.newPkce()),
      client_assertion: assertion,
    });
    expect(withNulJti.status).toBe(201);
  });

  it('[FLOW-1] rejects a missing response_type', async () => {
    expect(await push({ response_type: undefined })).toEqual([400, 'invalid_request']);
  });

  it('[PAR-6] rejects a redirect_uri the client did not register, even a prefix match', async () => {
    expect(await push({ redirect_uri: 'https://attacker.example/callback' })).toEqual([
      400,
      'invalid_request',
    ]);
    expect(await push({ redirect_uri: `${tpp.redirectUri}/more` })).toEqual([400, 'invalid_request']);
    expect(
      await push({
        redirect_uri: other.redirectUri === tpp.redirectUri ? 'https://tpp.example/x' : other.redirectUri,
      }),
    ).toEqual([400, 'invalid_request']);
  });

  it('[PAR-6] rejects a missing redirect_uri', async () => {
    expect(await push({ redirect_uri: undefined })).toEqual([400, 'invalid_request']);
  });

  it('[PKCE-1] rejects a request without code_challenge', async () => {
    expect(await push({ code_challenge: undefined, code_challenge_method: undefined })).toEqual([
      400,
      'invalid_request',
    ]);
  });

  it('[PKCE-1] rejects code_challenge_method=plain and a missing method', async () => {
    expect(await push({ code_challenge_method: 'plain' })).toEqual([400, 'invalid_request']);
    expect(await push({ code_challenge_method: undefined })).toEqual([400, 'invalid_request']);
  });

  it('[CODE-3] rejects a dpop_jkt that does not match the DPoP proof sent to PAR', async () => {
    const proof = await tpp.dpopProof('POST', authorize.par);
    expect(await push({ dpop_jkt: other.dpopJkt }, { dpop: proof })).toEqual([400, 'invalid_dpop_proof']);
    const matching = await tpp.dpopProof('POST', authorize.par);
    expect((await push({}, { dpop: matching }))[0]).toBe(201);
  });

  it("[DPOP-1] [CLI-2] remembers a PAR proof's jti and the client assertion's in one statement", async () => {
    // TypeORM's pg pool: every statement not inside a transaction goes through its query().
    const pool = (
      authorize.dataSource.driver as unknown as { master: { query(...args: unknown[]): unknown } }
    ).master;
    const query = jest.spyOn(pool, 'query');
    try {
      expect((await push({}, { dpop: await tpp.dpopProof('POST', authorize.par) }))[0]).toBe(201);
      const remembered = query.mock.calls
        .map(([config]) => config as unknown as { name?: string; values?: unknown[] })
        .filter((config) => config.name === 'jti_remember')
        .map((config) => config.values?.[0] as string[]);
      expect(remembered).toEqual([expect.arrayContaining([expect.stringMatching(/^dpop:/)])]);
      expect(remembered[0]).toHaveLength(2);
    } finally {
      query.mockRestore();
    }
  });

  it('[DPOP-1] [CLI-2] spends no PAR proof on a request whose client fails to authenticate', async () => {
    const proof = await tpp.dpopProof('POST', authorize.par);
    const stranger = new TestTpp({ clientId: tpp.clientId });
    const refused = await stranger.push(
      authorize.par,
      authorize.issuer,
      stranger.authorizationRequest(stranger.newPkce()),
      { dpop: proof },
    );
    expect([refused.status, refused.body.error]).toEqual([401, 'invalid_client']);
    expect((await push({}, { dpop: proof }))[0]).toBe(201);
  });

  it('[CODE-3] rejects a malformed dpop_jkt', async () => {
    expect(await push({ dpop_jkt: 'not-a-thumbprint' })).toEqual([400, 'invalid_request']);
  });

  it('[RAR-2] rejects an unknown authorization_details type and malformed details', async () => {
    expect(await push({ authorization_details: [{ type: 'crypto_withdrawal' }] })).toEqual([
      400,
      'invalid_authorization_details',
    ]);
    expect(await push({ authorization_details: '{not json' })).toEqual([
      400,
      'invalid_authorization_details',
    ]);
    expect(
      await push({
        authorization_details: [
          { type: 'payment_initiation', instructedAmount: { amount: '-5', currency: 'EUR' } },
        ],
      }),
    ).toEqual([400, 'invalid_authorization_details']);
  });

  it('[RAR-1] accepts a payment_initiation detail without a consent (RAR-first)', async () => {
    const detail = {
      type: 'payment_initiation',
      instructedAmount: { amount: '100.00', currency: 'EUR' },
      creditorName: 'Merchant A',
      creditorAccount: { iban: 'DE89370400440532013000' },
    };
    expect((await push({ authorization_details: [detail] }))[0]).toBe(201);
  });

  it("[CON-6] rejects another client's consent id (non-matching intent id)", async () => {
    const foreign = await consentOf(other, 'account-access');
    expect(await push({ authorization_details: [{ type: 'account_access', consent_id: foreign }] })).toEqual([
      400,
      'invalid_authorization_details',
    ]);
    const own = await consentOf(tpp, 'account-access');
    expect((await push({ authorization_details: [{ type: 'account_access', consent_id: own }] }))[0]).toBe(
      201,
    );
  });

  it('[CON-6] waits for a consent created a moment ago whose event has not arrived yet', async () => {
    // A TPP creates the consent and pushes at once: PAR must not beat the consent's own event.
    const consentId = newConsentId('aac');
    const pushed = push({ authorization_details: [{ type: 'account_access', consent_id: consentId }] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await announceConsent(
      authorize,
      {
        consentId,
        clientId: tpp.clientId,
        consentType: 'account-access',
        permissions: ['ReadAccountsBasic'],
      },
      { known: false },
    );
    expect((await pushed)[0]).toBe(201);
  });

  it('[UX-1] [CON-6] refuses terms pushed beside a consent id: the PSU approves the consent, not the TPP’s words', async () => {
    // Otherwise the consent page could show "1.00 to Charity" for a consent that pays 5,000 to
    // someone else, or fewer permissions than the consent grants.
    const payment = await consentOf(tpp, 'domestic-payment');
    const access = await consentOf(tpp, 'account-access');
    for (const detail of [
      {
        type: 'payment_initiation',
        consent_id: payment,
        instructedAmount: { amount: '1.00', currency: 'GBP' },
      },
      { type: 'payment_initiation', consent_id: payment, creditorName: 'Charity' },
      {
        type: 'payment_initiation',
        consent_id: payment,
        creditorAccount: { iban: 'DE89370400440532013000' },
      },
      { type: 'payment_initiation', consent_id: payment, remittanceInformationUnstructured: 'Donation' },
      { type: 'account_access', consent_id: access, permissions: ['ReadAccountsBasic'] },
      { type: 'account_access', consent_id: access, expiration_date_time: '2030-01-01T00:00:00Z' },
    ]) {
      expect([detail, await push({ authorization_details: [detail] })]).toEqual([
        detail,
        [400, 'invalid_authorization_details'],
      ]);
    }
    expect(
      (await push({ authorization_details: [{ type: 'payment_initiation', consent_id: payment }] }))[0],
    ).toBe(201);
  });

  it('[CON-6] rejects an unknown consent id and a consent of the wrong type', async () => {
    expect(
      await push({ authorization_details: [{ type: 'account_access', consent_id: 'aac-unknown' }] }),
    ).toEqual([400, 'invalid_authorization_details']);
    const payment = await consentOf(tpp, 'domestic-payment');
    expect(await push({ authorization_details: [{ type: 'account_access', consent_id: payment }] })).toEqual([
      400,
      'invalid_authorization_details',
    ]);
  });

  it('[GM-1] rejects update without grant_id, an unknown grant_id, and an unknown action', async () => {
    expect(await push({ grant_management_action: 'update' })).toEqual([400, 'invalid_request']);
    expect(await push({ grant_management_action: 'update', grant_id: 'grant-unknown' })).toEqual([
      400,
      'invalid_grant_id',
    ]);
    expect(await push({ grant_management_action: 'destroy' })).toEqual([400, 'invalid_request']);
    expect(await push({ grant_management_action: 'create', grant_id: 'grant-1' })).toEqual([
      400,
      'invalid_request',
    ]);
  });

  it("[GM-1] rejects another client's grant and a revoked grant; accepts the client's own", async () => {
    await authorize.dataSource.query(
      `INSERT INTO grants (grant_id, client_id, subject, status) VALUES ('g-other', $1, 's', 'active'), ('g-own', $2, 's', 'active'), ('g-revoked', $2, 's', 'revoked')`,
      [other.clientId, tpp.clientId],
    );
    expect(await push({ grant_management_action: 'replace', grant_id: 'g-other' })).toEqual([
      400,
      'invalid_grant_id',
    ]);
    expect(await push({ grant_management_action: 'update', grant_id: 'g-revoked' })).toEqual([
      400,
      'invalid_grant_id',
    ]);
    expect((await push({ grant_management_action: 'merge', grant_id: 'g-own' }))[0]).toBe(201);
  });
});
