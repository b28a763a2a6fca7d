import type { BankAccount } from '@grantline/core-bank';
import { selectedNamedDebtor } from './named-debtor-account';

const account = (accountId: string, schemeName: string, identification: string) =>
  ({ accountId, schemeName, identification }) as BankAccount;
const accounts = new Map([
  ['acc-current', account('acc-current', 'UK.OBIE.SortCodeAccountNumber', '04000412345678')],
  ['acc-iban', account('acc-iban', 'UK.OBIE.IBAN', 'GB29NWBK60161331926819')],
]);
const accountOf = async (accountId: string) => accounts.get(accountId);

describe('the debtor account a payment names', () => {
  it('[CON-2] selects the account with the same scheme and identification, spaces and case aside', async () => {
    const iban = { schemeName: 'UK.OBIE.IBAN', identification: 'gb29 nwbk 6016 1331 9268 19' };
    expect(await selectedNamedDebtor(iban, ['acc-current', 'acc-iban'], accountOf)).toBe('acc-iban');
    expect(await selectedNamedDebtor(iban, ['acc-current'], accountOf)).toBeUndefined();
    const otherScheme = { schemeName: 'UK.OBIE.BBAN', identification: '04000412345678' };
    expect(await selectedNamedDebtor(otherScheme, ['acc-current'], accountOf)).toBeUndefined();
  });
});
