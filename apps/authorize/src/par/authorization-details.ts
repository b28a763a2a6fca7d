// RFC 9396 authorization_details for the two types Grantline serves (RAR-1): `account_access`
// (intent-first: an OB consent id, or permissions) and `payment_initiation` (an OB consent id, or the
// payment itself, FAPI 2.0 style). Anything else, or a malformed detail, is refused (RAR-2).
import { InvalidAuthorizationDetailsError } from '@grantline/oauth';

export const AUTHORIZATION_DETAIL_TYPES = ['account_access', 'payment_initiation'] as const;
export type AuthorizationDetailType = (typeof AUTHORIZATION_DETAIL_TYPES)[number];

export interface AccountAccessDetail {
  type: 'account_access';
  consent_id?: string;
  permissions?: string[];
  expiration_date_time?: string;
}

export interface PaymentInitiationDetail {
  type: 'payment_initiation';
  consent_id?: string;
  instructedAmount?: { amount: string; currency: string };
  creditorName?: string;
  creditorAccount?: { iban?: string; schemeName?: string; identification?: string; name?: string };
  remittanceInformationUnstructured?: string;
}

export type AuthorizationDetail = AccountAccessDetail | PaymentInitiationDetail;

const MAX_DETAILS = 10;
const CONSENT_ID = /^[A-Za-z0-9][A-Za-z0-9._:~-]{0,127}$/;
const PERMISSION = /^[A-Za-z]{1,64}$/;
const AMOUNT = /^\d{1,13}(\.\d{1,5})?$/;
const CURRENCY = /^[A-Z]{3}$/;
const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;
/** Printable text: no control characters (they would end up on the PSU's consent page). */
const TEXT = /^[^\p{Cc}]{1,140}$/u;

const fail = (message: string): never => {
  throw new InvalidAuthorizationDetailsError(message);
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyMembers(detail: Record<string, unknown>, allowed: readonly string[], where: string): void {
  const extra = Object.keys(detail).find((key) => !allowed.includes(key));
  if (extra !== undefined) fail(`${where} has an unknown member "${extra.slice(0, 40)}"`);
}

function optionalText(value: unknown, where: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !TEXT.test(value)) fail(`${where} must be text of 1–140 characters`);
  return value as string;
}

function consentIdOf(value: unknown, where: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !CONSENT_ID.test(value)) fail(`${where}.consent_id is malformed`);
  return value as string;
}

/**
 * A detail naming a consent carries none of its terms (UX-1): the PSU approves the consent the TPP
 * registered, so terms pushed beside it (another amount, creditor, permissions or expiry) would
 * only let the consent page show something other than what the approval authorises.
 */
function consentAlone(detail: Record<string, unknown>, terms: readonly string[], where: string): void {
  const term = terms.find((member) => detail[member] !== undefined);
  if (term !== undefined) {
    fail(`${where} names a consent: its ${term} is the consent's own; send the consent_id without it`);
  }
}

function accountAccess(detail: Record<string, unknown>, where: string): AccountAccessDetail {
  onlyMembers(
    detail,
    ['type', 'consent_id', 'permissions', 'expiration_date_time', 'locations', 'actions'],
    where,
  );
  const consentId = consentIdOf(detail.consent_id, where);
  if (consentId !== undefined) consentAlone(detail, ['permissions', 'expiration_date_time'], where);
  const permissions = detail.permissions;
  if (permissions !== undefined) {
    if (!Array.isArray(permissions) || permissions.length === 0 || permissions.length > 30) {
      fail(`${where}.permissions must list 1–30 permissions`);
    }
    if (!(permissions as unknown[]).every((p) => typeof p === 'string' && PERMISSION.test(p))) {
      fail(`${where}.permissions must be permission names`);
    }
  }
  if (consentId === undefined && permissions === undefined) {
    fail(`${where} needs a consent_id or permissions`);
  }
  const expiry = detail.expiration_date_time;
  if (expiry !== undefined && (typeof expiry !== 'string' || Number.isNaN(Date.parse(expiry)))) {
    fail(`${where}.expiration_date_time must be an ISO-8601 date-time`);
  }
  return {
    type: 'account_access',
    ...(consentId !== undefined && { consent_id: consentId }),
    ...(permissions !== undefined && { permissions: [...(permissions as string[])] }),
    ...(expiry !== undefined && { expiration_date_time: expiry as string }),
  };
}

function paymentInitiation(detail: Record<string, unknown>, where: string): PaymentInitiationDetail {
  onlyMembers(
    detail,
    [
      'type',
      'consent_id',
      'instructedAmount',
      'creditorName',
      'creditorAccount',
      'remittanceInformationUnstructured',
      'locations',
      'actions',
    ],
    where,
  );
  const consentId = consentIdOf(detail.consent_id, where);
  if (consentId !== undefined) {
    consentAlone(
      detail,
      ['instructedAmount', 'creditorName', 'creditorAccount', 'remittanceInformationUnstructured'],
      where,
    );
    return { type: 'payment_initiation', consent_id: consentId };
  }
  const amount = detail.instructedAmount;
  if (!isObject(amount)) return fail(`${where}.instructedAmount is required (or a consent_id)`);
  onlyMembers(amount, ['amount', 'currency'], `${where}.instructedAmount`);
  if (typeof amount.amount !== 'string' || !AMOUNT.test(amount.amount) || Number(amount.amount) <= 0) {
    fail(`${where}.instructedAmount.amount must be a positive decimal string`);
  }
  if (typeof amount.currency !== 'string' || !CURRENCY.test(amount.currency)) {
    fail(`${where}.instructedAmount.currency must be an ISO 4217 code`);
  }
  const account = detail.creditorAccount;
  if (!isObject(account)) return fail(`${where}.creditorAccount is required`);
  onlyMembers(account, ['iban', 'schemeName', 'identification', 'name'], `${where}.creditorAccount`);
  const hasIban = typeof account.iban === 'string' && IBAN.test(account.iban);
  const hasScheme = typeof account.schemeName === 'string' && typeof account.identification === 'string';
  if (!hasIban && !hasScheme) fail(`${where}.creditorAccount needs an iban or schemeName and identification`);
  const creditorName = optionalText(detail.creditorName, `${where}.creditorName`);
  const remittance = optionalText(
    detail.remittanceInformationUnstructured,
    `${where}.remittanceInformationUnstructured`,
  );
  for (const member of ['schemeName', 'identification', 'name'] as const) {
    optionalText(account[member], `${where}.creditorAccount.${member}`);
  }
  return {
    type: 'payment_initiation',
    ...(consentId !== undefined && { consent_id: consentId }),
    instructedAmount: { amount: amount.amount as string, currency: amount.currency as string },
    ...(creditorName !== undefined && { creditorName }),
    creditorAccount: { ...(account as PaymentInitiationDetail['creditorAccount']) },
    ...(remittance !== undefined && { remittanceInformationUnstructured: remittance }),
  };
}

/** Parses the `authorization_details` parameter (JSON text, or an array from a request object). */
export function parseAuthorizationDetails(raw: unknown): AuthorizationDetail[] {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      fail('authorization_details must be a JSON array');
    }
  }
  if (!Array.isArray(value) || value.length === 0)
    return fail('authorization_details must be a non-empty JSON array');
  if (value.length > MAX_DETAILS) fail(`authorization_details may hold at most ${MAX_DETAILS} entries`);
  return value.map((detail: unknown, index) => {
    const where = `authorization_details[${index}]`;
    if (!isObject(detail)) return fail(`${where} must be an object`);
    if (detail.type === 'account_access') return accountAccess(detail, where);
    if (detail.type === 'payment_initiation') return paymentInitiation(detail, where);
    return fail(`${where}.type must be one of ${AUTHORIZATION_DETAIL_TYPES.join(', ')}`);
  });
}
