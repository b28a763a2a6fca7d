// CON-6: a consent named in authorization_details exists, was created by this client, still awaits
// authorisation (AWAU) and is of the detail's type. Another client's consent looks exactly like an
// unknown one, so a TPP cannot probe for consent ids (conformance: non-matching intent id). The
// consent service's events reach this service a moment after its 201, so an unknown consent is
// looked up again for a bounded time before it is refused.
import { InvalidAuthorizationDetailsError } from '@grantline/oauth';
import { type ParContext, clientOf } from '../par-context';

const CONSENT_TYPE_FOR = {
  account_access: 'account-access',
  payment_initiation: 'domestic-payment',
} as const;

export async function checkConsentIntents(context: ParContext): Promise<void> {
  const clientId = clientOf(context).clientId;
  for (const detail of context.authorizationDetails) {
    if (detail.consent_id === undefined) continue;
    const consent = await context.deps.consents.findAllowingPropagation(
      detail.consent_id,
      context.deps.settings.consentPropagationWaitMs,
    );
    if (!consent || consent.clientId !== clientId) {
      throw new InvalidAuthorizationDetailsError(`consent ${detail.consent_id} is unknown (CON-6)`);
    }
    if (consent.consentType !== CONSENT_TYPE_FOR[detail.type]) {
      throw new InvalidAuthorizationDetailsError(
        `consent ${detail.consent_id} is not a ${detail.type} consent`,
      );
    }
    if (consent.status !== 'AWAU') {
      throw new InvalidAuthorizationDetailsError(
        `consent ${detail.consent_id} is not awaiting authorisation`,
      );
    }
  }
}
