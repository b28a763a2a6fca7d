// BOLA (CON-6): a consent exists, for a caller, only if that caller's client created it. Another
// client's consent answers exactly as a missing one, so ids cannot be probed. Within the client, an
// authorised consent is used only with tokens of the authorisation that authorised it.
import { consentIdsOf, type VerifiedPrincipal } from '@grantline/oauth';
import { forbidden, notFound } from '../open-banking/ob-error';
import { rarConsentIds } from '../reactions/rar-payment-consent';
import type { ConsentStore, LoadedConsent } from './consent-store';
import type { Consent, ConsentKind } from './domain/consent.decider';

const CONSENT_ID = /^[A-Za-z0-9][A-Za-z0-9._:~-]{0,127}$/;

export async function ownedConsent(
  consents: ConsentStore,
  consentId: string,
  principal: VerifiedPrincipal,
  kind: ConsentKind,
): Promise<LoadedConsent> {
  if (!CONSENT_ID.test(consentId)) throw notFound('Consent');
  const loaded = await consents.load(consentId);
  if (!loaded || loaded.consent.clientId !== principal.client_id || loaded.consent.kind !== kind) {
    throw notFound('Consent');
  }
  return loaded;
}

/**
 * The token must come from the authorisation that authorised the consent (CON-6). Two authorisation
 * requests can name one AWAU consent; only the first approval authorises it, with that PSU's
 * accounts, and a token from the other (its approval refused here) must not reach them.
 */
export function requireAuthorisingGrant(consent: Consent, principal: VerifiedPrincipal): void {
  if (consent.grantId === undefined || consent.grantId !== principal.grant_id) {
    throw forbidden('The access token was issued for another authorisation of this consent');
  }
}

/** The PSU's token was issued for this consent: it names it, or it is the RAR-first payment's token. */
export function requireTokenForConsent(principal: VerifiedPrincipal, consentId: string): void {
  if (![...consentIdsOf(principal), ...rarConsentIds(principal)].includes(consentId)) {
    throw forbidden('The access token was not issued for this consent');
  }
}

export function statusReasonOf(consent: Consent): object {
  if (!consent.statusReason) return {};
  return {
    StatusReason: [{ StatusReasonCode: `U${consent.status}`, StatusReasonDescription: consent.statusReason }],
  };
}
