// RAR-first payments (FAPI 2.0 style): the TPP pushed a full payment_initiation detail instead of
// registering a consent first. On approval the consent service creates the consent and authorises
// it at once. The authorize service mints its id and writes it into the approved detail as
// consent_id (AuthorizationApproved.createdConsentIds), so the token's authorization_details name
// it. Approvals from before named none: their ids were derived as rar-<grant_id>-<index>.
import type { AuthorizationApprovedV1 } from '@grantline/contracts';
import { AMOUNT } from '@grantline/core-bank';
import type { AuthorizationDetail, VerifiedPrincipal } from '@grantline/oauth';
import type { DomesticInitiationDto } from '../domestic-payment-consents/domestic-payment.dto';

const SAFE_GRANT = /^[A-Za-z0-9._:~-]{1,150}$/;

export function rarConsentId(grantId: string, index: number): string | undefined {
  return SAFE_GRANT.test(grantId) ? `rar-${grantId}-${index}` : undefined;
}

const isRarPayment = (detail: AuthorizationDetail) =>
  detail.type === 'payment_initiation' && typeof detail['consent_id'] !== 'string';

export interface PaymentConsentToCreate {
  /** Undefined when an approval from before named a grant no id can be derived from. */
  readonly consentId: string | undefined;
  readonly index: number;
  readonly detail: Record<string, unknown>;
}

/** The payment consents an approval creates, each with the detail it is made from. */
export function paymentConsentsToCreate(approval: AuthorizationApprovedV1): PaymentConsentToCreate[] {
  const details = approval.authorizationDetails as Array<Record<string, unknown>>;
  if (approval.createdConsentIds !== undefined) {
    const created = new Set(approval.createdConsentIds);
    return details.flatMap((detail, index) => {
      const consentId = detail['type'] === 'payment_initiation' ? detail['consent_id'] : undefined;
      return typeof consentId === 'string' && created.has(consentId) ? [{ consentId, index, detail }] : [];
    });
  }
  return details.flatMap((detail, index) =>
    isRarPaymentDetail(detail) ? [{ consentId: rarConsentId(approval.grantId, index), index, detail }] : [],
  );
}

/** The RAR-first payment consents a token from before names by position only (no consent_id). */
export function rarConsentIds(principal: VerifiedPrincipal): string[] {
  if (!principal.grant_id) return [];
  const grantId = principal.grant_id;
  return principal.authorization_details.flatMap((detail, index) => {
    const id = isRarPayment(detail) ? rarConsentId(grantId, index) : undefined;
    return id ? [id] : [];
  });
}

const text = (value: unknown, max: number): string | undefined =>
  typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;

/** The OB Initiation a RAR payment_initiation detail stands for, or undefined when it is unusable. */
export function initiationOfDetail(
  detail: Record<string, unknown>,
  consentId: string,
): DomesticInitiationDto | undefined {
  const amount = detail['instructedAmount'] as { amount?: unknown; currency?: unknown } | undefined;
  const account = detail['creditorAccount'] as { schemeName?: unknown; identification?: unknown } | undefined;
  const value = text(amount?.amount, 19);
  const currency = text(amount?.currency, 3);
  const identification = text(account?.identification, 256);
  const name = text(detail['creditorName'], 350);
  if (
    !value ||
    !AMOUNT.test(value) ||
    !currency ||
    !/^[A-Z]{3}$/.test(currency) ||
    !identification ||
    !name
  ) {
    return undefined;
  }
  const reference = text(detail['remittanceInformationUnstructured'], 35);
  const instruction = consentId.slice(-35);
  return {
    InstructionIdentification: instruction,
    EndToEndIdentification: instruction,
    InstructedAmount: { Amount: value, Currency: currency },
    CreditorAccount: {
      SchemeName: text(account?.schemeName, 40) ?? 'UK.OBIE.SortCodeAccountNumber',
      Identification: identification,
      Name: name,
    },
    ...(reference ? { RemittanceInformation: { Reference: reference } } : {}),
  };
}

export function isRarPaymentDetail(detail: object): detail is Record<string, unknown> {
  return isRarPayment(detail as AuthorizationDetail);
}
