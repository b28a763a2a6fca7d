// UK Open Banking v4: a domestic payment consent whose Initiation names the DebtorAccount is paid from
// that account and no other. The PSU's approval authorises it only if they selected that account,
// which is then the consent's debtor whatever else they selected.
import { type BankAccount, type NamedAccount, isNamedAccount } from '@grantline/core-bank';

/** The selected account the payment names, or undefined when the PSU selected none that is it. */
export async function selectedNamedDebtor(
  named: NamedAccount,
  selected: readonly string[],
  accountOf: (accountId: string) => Promise<BankAccount | undefined>,
): Promise<string | undefined> {
  for (const accountId of selected) {
    const account = await accountOf(accountId);
    if (account && isNamedAccount(account, named)) return accountId;
  }
  return undefined;
}
