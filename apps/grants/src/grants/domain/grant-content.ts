// What a grant holds after each change (FAPI Grant Management §3): the content one approval grants,
// the merge of two (update), and the content left when one of its consents is revoked. Pure.
import type { AuthorizationApprovedV1, GrantContent } from '@grantline/contracts';

type Detail = Record<string, unknown>;

const SAFE_GRANT = /^[A-Za-z0-9._:~-]{1,150}$/;

/**
 * RAR-first payments: the authorize service names the consent each creates on its approved detail
 * (AuthorizationApproved.createdConsentIds; `consentIds` lists it too). Approvals from before named
 * none; the consent service created them as rar-<grant_id>-<index of the detail in the approval>
 * (apps/consent reactions/rar-payment-consent.ts; the two must agree), and the grant records that
 * id on the detail, so revoking the consent finds it.
 */
export function rarConsentId(grantId: string, index: number): string | undefined {
  return SAFE_GRANT.test(grantId) ? `rar-${grantId}-${index}` : undefined;
}

const isRarPayment = (detail: Detail) =>
  detail['type'] === 'payment_initiation' && typeof detail['consent_id'] !== 'string';

/** The content one approval grants, on its own. */
export function contentOfApproval(approval: AuthorizationApprovedV1): GrantContent {
  const rarIds: string[] = [];
  const authorizationDetails =
    approval.createdConsentIds !== undefined
      ? (approval.authorizationDetails as Detail[])
      : (approval.authorizationDetails as Detail[]).map((detail, index) => {
          const consentId = isRarPayment(detail) ? rarConsentId(approval.grantId, index) : undefined;
          if (!consentId) return detail;
          rarIds.push(consentId);
          return { ...detail, consent_id: consentId };
        });
  return {
    grantId: approval.grantId,
    clientId: approval.clientId,
    subject: approval.subject,
    scopes: unique(approval.scopes),
    // The authorization request carries no OIDC claims parameter (claims_parameter_supported: false).
    claims: [],
    authorizationDetails: uniqueDetails(authorizationDetails),
    consentIds: unique([...approval.consentIds, ...(approval.createdConsentIds ?? []), ...rarIds]),
  };
}

/** grant_management_action=update: the union of both, an exact duplicate detail kept once. */
export function mergedContent(current: GrantContent, added: GrantContent): GrantContent {
  return {
    ...current,
    scopes: unique([...current.scopes, ...added.scopes]),
    claims: unique([...current.claims, ...added.claims]),
    authorizationDetails: uniqueDetails([...current.authorizationDetails, ...added.authorizationDetails]),
    consentIds: unique([...current.consentIds, ...added.consentIds]),
  };
}

/** The content without one consent: its id and every detail that references it. */
export function withoutConsent(content: GrantContent, consentId: string): GrantContent {
  return {
    ...content,
    consentIds: content.consentIds.filter((id) => id !== consentId),
    authorizationDetails: content.authorizationDetails.filter(
      (detail) => (detail as Detail)['consent_id'] !== consentId,
    ),
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function uniqueDetails(details: readonly object[]): object[] {
  const seen = new Set<string>();
  return details.filter((detail) => {
    const key = canonicalJson(detail);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** JSON with object keys sorted, so equal details compare equal whatever their member order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Detail)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
