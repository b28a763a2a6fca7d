// UK Open Banking v4: a domestic payment consent whose Initiation names the DebtorAccount is paid from
// that account and no other. The PSU's approval authorises it only if they selected that account,
// which is then the consent's debtor whatever else they selected.
import { type BankAccount, isNamedAccount } from '@grantline/core-bank';

export interface NamedDebtorAccount {
  SchemeName: string;
  Identification: string;
}

/** The DebtorAccount an OB Initiation names, if any. */
export function namedDebtorAccount(initiation: unknown): NamedDebtorAccount | undefined {
  if (typeof initiation !== 'object' || initiation === null) return undefined;
  const debtor = (initiation as Record<string, unknown>)['DebtorAccount'];
  if (typeof debtor !== 'object' || debtor === null) return undefined;
  const { SchemeName, Identification } = debtor as Record<string, unknown>;
  return typeof SchemeName === 'string' && typeof Identification === 'string'
    ? { SchemeName, Identification }
    : undefined;
}

/** The selected account the payment names, or undefined when the PSU selected none that is it. */
export async function selectedNamedDebtor(
  named: NamedDebtorAccount,
  selected: readonly string[],
  accountOf: (accountId: string) => Promise<BankAccount | undefined>,
): Promise<string | undefined> {
  for (const accountId of selected) {
    const account = await accountOf(accountId);
    if (
      account &&
      isNamedAccount(account, { schemeName: named.SchemeName, identification: named.Identification })
    )
      return accountId;
  }
  return undefined;
}
