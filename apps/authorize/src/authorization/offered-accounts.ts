// The accounts the PSU may choose on the consent page: all of theirs, or, when a payment consent
// names the account to pay from (OB DebtorAccount), only that one. The page offers these and the
// approval accepts nothing else; the consent service still rejects a consent authorised on another
// account (CON-2), for consents this service learnt of before it carried the name.
import { type BankAccount, type NamedAccount, isNamedAccount } from '@grantline/core-bank';
import type { ConsentIntent } from '../read-models/consent-intents';

export interface OfferedAccounts {
  accounts: BankAccount[];
  /** The accounts the request's payments name, when they name any. */
  named: NamedAccount[];
}

export function offeredAccounts(
  consentIds: readonly string[],
  consents: ReadonlyMap<string, ConsentIntent>,
  accounts: readonly BankAccount[],
): OfferedAccounts {
  const named = consentIds.flatMap((id) => {
    const debtor = consents.get(id)?.debtorAccount;
    return debtor ? [debtor] : [];
  });
  return {
    accounts: accounts.filter((account) => named.every((name) => isNamedAccount(account, name))),
    named,
  };
}
