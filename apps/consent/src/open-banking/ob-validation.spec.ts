// Request bodies become DTOs or one OB 400 (ROB-1), whatever keys and date-times the TPP sends.
import { AccountAccessConsentRequest } from '../account-access-consents/account-access-consent.request.dto';
import { DomesticPaymentConsentRequest } from '../domestic-payment-consents/domestic-payment.dto';
import { ObError } from './ob-error';
import { parseBody } from './ob-validation';

const aacText = (data: string, risk = '{}') =>
  `{"Data":{"Permissions":["ReadAccountsBasic"]${data}},"Risk":${risk}}`;

function refusal(run: () => unknown): ObError {
  try {
    run();
  } catch (error) {
    if (error instanceof ObError) return error;
    throw error;
  }
  throw new Error('the body was taken');
}

describe('parseBody', () => {
  it('[ROB-1] refuses an ISO week, ordinal or basic date-time as ExpirationDateTime with 400 UK.OBIE.Field.InvalidDate', () => {
    for (const text of [
      '2030-W01-1',
      '20300101T000000Z',
      '2030-001T00:00:00Z',
      '9999-12-31T23:59:59-23:59',
    ]) {
      for (const field of ['ExpirationDateTime', 'TransactionFromDateTime', 'TransactionToDateTime']) {
        const body = JSON.parse(aacText(`,"${field}":"${text}"`)) as unknown;
        const error = refusal(() => parseBody(AccountAccessConsentRequest, body));
        expect(error.status).toBe(400);
        expect(error.errorCode).toBe('UK.OBIE.Field.InvalidDate');
        expect(error.details).toEqual([expect.objectContaining({ Path: `Data.${field}` })]);
      }
    }
  });

  it('[ROB-1] refuses a __proto__, constructor or prototype key anywhere with 400 UK.OBIE.Field.Unexpected naming its path', () => {
    const cases: Array<[string, string]> = [
      [aacText('', '{"constructor":{}}'), 'Risk.constructor'],
      [aacText('', '{"a":{"constructor":1}}'), 'Risk.a.constructor'],
      [aacText('', '{"a":[{"__proto__":{"x":1}}]}'), 'Risk.a[0].__proto__'],
      [aacText('', '{"prototype":1}'), 'Risk.prototype'],
      [aacText(',"constructor":1'), 'Data.constructor'],
      [aacText(',"__proto__":{}'), 'Data.__proto__'],
      [`{"constructor":1,"Data":{"Permissions":["ReadAccountsBasic"]},"Risk":{}}`, 'constructor'],
      [`{"__proto__":{"Risk":1},"Data":{"Permissions":["ReadAccountsBasic"]},"Risk":{}}`, '__proto__'],
    ];
    for (const [text, path] of cases) {
      const error = refusal(() => parseBody(AccountAccessConsentRequest, JSON.parse(text)));
      expect([text, error.status, error.errorCode, error.details[0]?.Path]).toEqual([
        text,
        400,
        'UK.OBIE.Field.Unexpected',
        path,
      ]);
    }
    const payment = JSON.parse(
      '{"Data":{"Initiation":{"constructor":{}}},"Risk":{"PaymentContextCode":"EcommerceGoods"}}',
    ) as unknown;
    expect(refusal(() => parseBody(DomesticPaymentConsentRequest, payment)).details[0]?.Path).toBe(
      'Data.Initiation.constructor',
    );
  });

  it('[ROB-1] still takes a Risk whose keys merely contain constructor or proto', () => {
    const body = JSON.parse(aacText('', '{"constructorName":"x","proto":1}')) as unknown;
    expect(parseBody(AccountAccessConsentRequest, body).Risk).toEqual({ constructorName: 'x', proto: 1 });
  });
});
