import { describeToken, formatTable, money, Narration, paymentStatusInWords, scrubbed } from './narration';

const JWT = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLWJ5dGVz';

describe('what the demo prints', () => {
  it('describes a token by what a TPP may say of it, never its value', () => {
    expect(
      describeToken({
        tokenType: 'DPoP',
        expiresIn: 300,
        scope: 'openid accounts',
        grantId: 'gr-1',
        refreshToken: true,
        idToken: true,
        boundToDpopKey: true,
      }),
    ).toBe(
      'access token received: DPoP-bound, expires in 300 s, scope "openid accounts", grant_id gr-1, with a refresh token, with an ID token',
    );
    expect(
      describeToken({ tokenType: 'Bearer', refreshToken: false, idToken: false, boundToDpopKey: false }),
    ).toBe('access token received: Bearer token, no expiry given');
  });

  it('scrubs anything shaped like a JWT, JWS or DPoP proof from every line it writes', () => {
    expect(scrubbed(`token ${JWT} and a detached eyJhbGciOiJQUzI1NiJ9..c2ln end`)).toBe(
      'token [withheld] and a detached [withheld] end',
    );
    const written: string[] = [];
    const say = new Narration((text) => written.push(text));
    say.step(`leaked ${JWT}`);
    say.detail(`again ${JWT}`);
    expect(written.join('')).not.toContain('eyJ');
    expect(written.join('')).toBe('\n1. leaked [withheld]\n   again [withheld]\n');
  });

  it('numbers the steps and lays tables out in aligned columns', () => {
    const written: string[] = [];
    const say = new Narration((text) => written.push(text));
    say.step('one');
    say.step('two');
    expect(written).toEqual(['\n1. one\n', '\n2. two\n']);
    expect(
      formatTable(
        ['account', 'balance'],
        [
          ['Everyday', 'GBP 2500.00'],
          ['Savings', ''],
        ],
      ),
    ).toEqual(['account   balance', '--------  -----------', 'Everyday  GBP 2500.00', 'Savings']);
  });

  it('says amounts and payment statuses in words', () => {
    expect(money({ Amount: '4.20', Currency: 'GBP' }, true)).toBe('GBP -4.20');
    expect(money({ Amount: '2100.00', Currency: 'GBP' })).toBe('GBP 2100.00');
    expect(money(undefined)).toBe('');
    expect(paymentStatusInWords('ACSC')).toBe('ACSC (settlement completed on the debtor account)');
    expect(paymentStatusInWords('XXXX')).toBe('XXXX');
  });
});
