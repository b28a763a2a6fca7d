// An account as a TPP names it (OB DebtorAccount: SchemeName and Identification), and whether one
// of the bank's accounts is it. Identifications compare as banks print them: spaces and letter case
// do not count (IBANs). The consent service enforces the name on approval; the consent page offers
// only the named account.
import type { BankAccount } from './core-bank.port';

export interface NamedAccount {
  readonly schemeName: string;
  readonly identification: string;
}

const normalised = (identification: string) => identification.replace(/\s+/g, '').toUpperCase();

export function isNamedAccount(account: BankAccount, named: NamedAccount): boolean {
  return (
    account.schemeName === named.schemeName &&
    normalised(account.identification) === normalised(named.identification)
  );
}
