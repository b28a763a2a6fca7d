// What the consent page shows (UX-1): who asks (name, logo, organisation), what (each permission in
// plain language, payment amount, currency and creditor), for how long, and from which accounts.
import type { BankAccount } from '@grantline/core-bank';
import type { RegisteredClient } from '@grantline/oauth';
import { offeredAccounts } from '../authorization/offered-accounts';
import type { AuthorizationDetail } from '../par/authorization-details';
import type { AuthorizationRequest } from '../par/pushed-requests';
import type { ConsentIntent } from '../read-models/consent-intents';

const PERMISSIONS: Readonly<Record<string, string>> = {
  ReadAccountsBasic: 'The names and types of your accounts',
  ReadAccountsDetail: 'Your account names, numbers and sort codes',
  ReadBalances: 'Your account balances',
  ReadTransactionsBasic: 'Your transactions (amounts and dates)',
  ReadTransactionsDetail: 'Your transactions, with payee and reference details',
  ReadTransactionsCredits: 'Money coming into your accounts',
  ReadTransactionsDebits: 'Money going out of your accounts',
  ReadBeneficiariesBasic: 'The payees you have saved',
  ReadBeneficiariesDetail: 'The payees you have saved, with their account details',
  ReadDirectDebits: 'Your direct debits',
  ReadStandingOrdersBasic: 'Your standing orders',
  ReadStandingOrdersDetail: 'Your standing orders, with payee details',
  ReadScheduledPaymentsBasic: 'Your scheduled payments',
  ReadScheduledPaymentsDetail: 'Your scheduled payments, with payee details',
  ReadProducts: 'The banking products you hold',
  ReadParty: 'Your name and contact details held by the bank',
  ReadStatementsBasic: 'Your statements',
  ReadStatementsDetail: 'Your statements, with all their details',
  ReadOffers: 'Offers the bank made to you',
};

const SCOPE_PERMISSIONS: Readonly<Record<string, string>> = {
  accounts: 'Your accounts, balances and transactions',
};

export interface ConsentPageModel {
  client: { name: string; organisation?: string; logoUri?: string };
  permissions: string[];
  payments: Array<{
    amount: string;
    currency: string;
    creditorName?: string;
    creditorAccount?: string;
    reference?: string;
  }>;
  expiry: string;
  accounts: Array<{ accountId: string; label: string }>;
  singleAccount: boolean;
  /** "ending 6819": the account the payment must come from, when the TPP named it. */
  namedDebtor?: string;
}

const plain = (permission: string) => PERMISSIONS[permission] ?? `Data the bank labels “${permission}”`;

function describeExpiry(expiry: string | undefined): string {
  if (!expiry) return 'until you withdraw it';
  const date = new Date(expiry);
  return Number.isNaN(date.getTime())
    ? 'until you withdraw it'
    : `until ${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}`;
}

/** What a request or a grant shares, in the PSU's words: the consent page's and the self-service page's. */
export interface SharedAccess {
  permissions: string[];
  payments: ConsentPageModel['payments'];
  /** "until 1 May 2027", or "until you withdraw it". */
  expiry: string;
}

export function describeAccess(
  granted: { scopes: readonly string[]; authorizationDetails: readonly AuthorizationDetail[] },
  consents: ReadonlyMap<string, ConsentIntent>,
): SharedAccess {
  const permissions = new Set<string>();
  const payments: ConsentPageModel['payments'] = [];
  let expiry: string | undefined;
  for (const detail of granted.authorizationDetails) {
    // A named consent's own terms are what the approval authorises: they are shown, never the
    // detail's (PAR refuses terms beside a consent id; a RAR-first payment's are its consent's).
    const consent = detail.consent_id ? consents.get(detail.consent_id) : undefined;
    if (detail.type === 'account_access') {
      for (const permission of consent?.permissions ?? detail.permissions ?? [])
        permissions.add(plain(permission));
      expiry = (consent ? consent.expirationDateTime : detail.expiration_date_time) ?? expiry;
    } else {
      const amount = consent ? consent.instructedAmount : detail.instructedAmount;
      if (amount) {
        payments.push({
          amount: amount.amount,
          currency: amount.currency,
          creditorName: consent ? consent.creditorName : detail.creditorName,
          creditorAccount: consent
            ? consent.creditorAccountIdentification
            : (detail.creditorAccount?.iban ?? detail.creditorAccount?.identification),
          reference: detail.remittanceInformationUnstructured,
        });
      }
    }
  }
  if (granted.authorizationDetails.length === 0) {
    for (const scope of granted.scopes)
      if (SCOPE_PERMISSIONS[scope]) permissions.add(SCOPE_PERMISSIONS[scope]);
  }
  return { permissions: [...permissions], payments, expiry: describeExpiry(expiry) };
}

export function consentPageModel(
  client: RegisteredClient,
  request: AuthorizationRequest,
  consents: ReadonlyMap<string, ConsentIntent>,
  accounts: readonly BankAccount[],
): ConsentPageModel {
  const shared = describeAccess(request, consents);
  const offered = offeredAccounts(request.consentIds, consents, accounts);
  const [named] = offered.named;
  return {
    client: clientOnPage(client),
    ...shared,
    accounts: offered.accounts.map((account) => ({
      accountId: account.accountId,
      label: accountLabel(account),
    })),
    singleAccount: shared.payments.length > 0,
    ...(named && { namedDebtor: `ending ${named.identification.replace(/\s+/g, '').slice(-4)}` }),
  };
}

export const clientOnPage = (client: RegisteredClient): ConsentPageModel['client'] => ({
  name: client.metadata.client_name ?? client.clientId,
  organisation: client.metadata.org_name,
  logoUri: client.metadata.logo_uri,
});

export const accountLabel = (account: BankAccount): string =>
  `${account.nickname} (${account.currency}) ending ${account.identification.slice(-4)}`;
