// RAR-first payments (seed 001's example): a payment_initiation detail that names no consent
// becomes one when the PSU approves it (the consent service creates it from AuthorizationApproved).
// Its id is minted here, once per approval, and written into the approved detail as consent_id:
// the code, the token response, the grant and the audit trail then all name the same consent, and
// the TPP learns the ConsentId it pays with from the token response's authorization_details.
//
// The id used to be derived as rar-<grant_id>-<index>: a grant update approving a second RAR-first
// payment at the same index derived the first payment's id again, and the new payment never existed.
import { randomId } from '@grantline/crypto';
import type { AuthorizationDetail } from '../par/authorization-details';

export interface ApprovedDetails {
  /** The details as approved: each RAR-first payment names its new consent. */
  readonly authorizationDetails: AuthorizationDetail[];
  /** The consents the approval creates, in the order of their details. */
  readonly createdConsentIds: string[];
}

const isRarFirstPayment = (detail: AuthorizationDetail) =>
  detail.type === 'payment_initiation' && detail.consent_id === undefined;

export function withMintedPaymentConsents(
  details: readonly AuthorizationDetail[],
  mintId: () => string = () => `rar-${randomId(16).replace(/_/g, '~')}`,
): ApprovedDetails {
  const createdConsentIds: string[] = [];
  const authorizationDetails = details.map((detail) => {
    if (!isRarFirstPayment(detail)) return detail;
    const consentId = mintId();
    createdConsentIds.push(consentId);
    return { ...detail, consent_id: consentId };
  });
  return { authorizationDetails, createdConsentIds };
}
