// Which consent an account request is served within (CON-7): the account_access detail of the
// PSU's token names it; it must be this client's, AUTH and unexpired, authorised under the token's
// grant, and grant the permission.
import type { VerifiedPrincipal } from '@grantline/oauth';
import { consentIdsOf } from '@grantline/oauth';
import type { ConsentStore } from '../consents/consent-store';
import type { Consent } from '../consents/domain/consent.decider';
import { requireAuthorisingGrant } from '../consents/owned-consent';
import { ObError, forbidden, notFound } from '../open-banking/ob-error';

export async function consentOfToken(consents: ConsentStore, principal: VerifiedPrincipal): Promise<Consent> {
  for (const consentId of consentIdsOf(principal)) {
    const current = await consents.stateForAccountRequest(consentId);
    if (!current || current.clientId !== principal.client_id || current.kind !== 'account-access') continue;
    const consent = await consents.stateExpiredIfDue(current);
    if (consent.status !== 'AUTH') {
      throw new ObError(
        403,
        'UK.OBIE.Resource.InvalidConsentStatus',
        `Consent is ${consent.status}, not AUTH`,
      );
    }
    requireAuthorisingGrant(consent, principal);
    return consent;
  }
  throw forbidden('The access token carries no account-access consent of this client');
}

export function requireAnyPermission(consent: Consent, ...permissions: string[]): void {
  if (!permissions.some((permission) => consent.permissions.includes(permission))) {
    throw forbidden(`The consent does not grant ${permissions.join(' or ')}`);
  }
}

/** An account outside the consent's selection does not exist for this token. */
export function requireSelectedAccount(consent: Consent, accountId: string): void {
  if (!consent.accountIds.includes(accountId)) throw notFound('Account');
}
