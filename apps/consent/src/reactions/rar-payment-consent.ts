// RAR-first payments (FAPI 2.0 style): the TPP pushed a full payment_initiation detail instead of
// registering a consent first. On approval the consent service creates the consent and authorises
// it at once; its id is derived from the grant and the detail's position, so the token's
// authorization_details name it without any lookup: rar-<grant_id>-<index>.
import { AMOUNT } from '@grantline/core-bank';
import type { AuthorizationDetail, VerifiedPrincipal } from '@grantline/oauth';
import type { DomesticInitiationDto } from '../domestic-payment-consents/domestic-payment.dto';

const SAFE_GRANT = /^[A-Za-z0-9._:~-]{1,150}$/;

export function rarConsentId(grantId: string, index: number): string | undefined {
  return SAFE_GRANT.test(grantId) ? `rar-${grantId}-${index}` : undefined;
}

const isRarPayment = (detail: AuthorizationDetail) =>
  detail.type === 'payment_initiation' && typeof detail['consent_id'] !== 'string';

/** The RAR-first payment consents a token covers. */
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
