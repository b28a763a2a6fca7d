// What the fuzz targets start from: a registered TPP, fresh tokens (client credentials for consents,
// a PSU-authorised one for a payment), so each mutated request differs from a valid one in one part.
import { accessTokenHash, randomId, signDetachedJws } from '@grantline/crypto';
import { OpenBankingTpp, OPEN_BANKING } from '../distributed/open-banking-tpp';
import type { Psu } from '../psu/psu-browser';
import type { TestTpp } from '../tpp/test-tpp';
import { type JwtMutation, UNMUTATED_JWT, mutatedJwt } from './jwt-mutation';

/** Tokens are renewed well inside their lifetime, so a long run keeps reaching the checks behind them. */
const RENEW_AFTER_MS = 60_000;

interface Kept {
  value: string;
  at: number;
  refreshToken?: string;
}

export const PAYMENT_INITIATION = {
  InstructionIdentification: 'fuzz-instruction',
  EndToEndIdentification: 'fuzz-e2e',
  InstructedAmount: { Amount: '1.00', Currency: 'GBP' },
  CreditorAccount: {
    SchemeName: 'UK.OBIE.SortCodeAccountNumber',
    Identification: '20000011112222',
    Name: 'Fuzz Ltd',
  },
  RemittanceInformation: { Reference: 'fuzz' },
};
export const PAYMENT_RISK = { PaymentContextCode: 'EcommerceGoods' };

export class FuzzWorld {
  readonly ob: OpenBankingTpp;
  private readonly kept = new Map<string, Kept>();
  private paymentConsentId = '';
  private accountConsentId = '';

  constructor(
    readonly origin: string,
    readonly tpp: TestTpp,
    private readonly psu: Psu,
  ) {
    this.ob = new OpenBankingTpp(tpp, origin);
  }

  /**
   * An account-access consent awaiting authorisation (PAR's authorization_details name it: an
   * unknown one makes PAR wait for the consent's event before refusing), and a payment consent the
   * PSU approved with a PSU token for it: the payment target's starting point.
   */
  async prepare(): Promise<void> {
    this.accountConsentId = await this.ob.createAccountAccessConsent(await this.clientToken('accounts'));
    const consent = await this.signedPost(
      `${OPEN_BANKING}/pisp/domestic-payment-consents`,
      await this.clientToken('payments'),
      { Data: { Initiation: PAYMENT_INITIATION }, Risk: PAYMENT_RISK },
    );
    if (consent.status !== 201) throw new Error(`payment consent ${consent.status}: ${consent.text}`);
    this.paymentConsentId = String(JSON.parse(consent.text).Data.ConsentId);
    const tokens = await this.ob.authorize(this.psu, {
      scope: 'openid payments',
      authorization_details: [{ type: 'payment_initiation', consent_id: this.paymentConsentId }],
    });
    this.kept.set('psu-payments', {
      value: tokens.accessToken,
      at: Date.now(),
      refreshToken: tokens.refreshToken,
    });
  }

  get consentId(): string {
    return this.paymentConsentId;
  }

  get accountAccessConsentId(): string {
    return this.accountConsentId;
  }

  /** A client_credentials token with this scope, renewed once a minute. */
  async clientToken(scope: 'accounts' | 'payments'): Promise<string> {
    const kept = this.kept.get(scope);
    if (kept && Date.now() - kept.at < RENEW_AFTER_MS) return kept.value;
    const value = await this.ob.clientCredentials(scope);
    this.kept.set(scope, { value, at: Date.now() });
    return value;
  }

  /** The PSU's payment token, refreshed (refresh_token grant) once a minute. */
  async psuPaymentToken(): Promise<string> {
    const kept = this.kept.get('psu-payments');
    if (!kept) throw new Error('prepare() first');
    if (Date.now() - kept.at < RENEW_AFTER_MS || !kept.refreshToken) return kept.value;
    const renewed = await this.ob.refresh(kept.refreshToken);
    if (renewed.status !== 200) return kept.value; // the fuzzed requests then meet an expired token: still fine input
    this.kept.set('psu-payments', {
      value: String(renewed.body.access_token),
      at: Date.now(),
      refreshToken: String(renewed.body.refresh_token ?? kept.refreshToken),
    });
    return String(renewed.body.access_token);
  }

  /** A DPoP proof for the request, with the mutation applied (UNMUTATED_JWT for a good one). */
  dpopProof(method: string, url: string, accessToken?: string, mutation: JwtMutation = UNMUTATED_JWT) {
    const { kid: _kid, ...jwk } = this.tpp.dpopKey.publicJwk;
    const claims = {
      jti: randomId(16),
      htm: method,
      htu: url,
      iat: Math.floor(Date.now() / 1000),
      ...(accessToken !== undefined && { ath: accessTokenHash(accessToken) }),
    };
    return mutatedJwt(this.tpp.dpopKey, { typ: 'dpop+jwt', jwk }, claims, mutation);
  }

  /** A client assertion for this origin, with the mutation applied. */
  clientAssertion(mutation: JwtMutation = UNMUTATED_JWT): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: this.tpp.clientId,
      sub: this.tpp.clientId,
      aud: this.origin,
      jti: randomId(16),
      iat: now,
      exp: now + 60,
    };
    return mutatedJwt(this.tpp.signingKey, { typ: 'JWT', kid: this.tpp.signingKey.kid }, claims, mutation);
  }

  private async signedPost(path: string, token: string, body: object) {
    const url = `${this.origin}${path}`;
    const text = JSON.stringify(body);
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: `DPoP ${token}`,
        dpop: await this.dpopProof('POST', url, token),
        'content-type': 'application/json',
        'x-idempotency-key': randomId(16),
        'x-fapi-interaction-id': randomId(16),
        'x-jws-signature': await signDetachedJws(this.tpp.signingKey, text, {
          issuer: this.tpp.clientId,
          clock: Date.now,
        }),
      },
      body: text,
    });
    return { status: response.status, text: await response.text() };
  }
}
