// The audit log's masking policy (AUD-2): a decision for every field of every event type in
// libs/contracts. Whoever adds an event type or a field adds its line here in the same change;
// masking-policy.spec.ts fails until they do. A field the policy does not name (a newer producer,
// free-form content) is fingerprinted, never stored raw.
//
//   keep         identifiers, enums, timestamps, amounts
//   fingerprint  credentials: tokens, codes, assertions, secrets (keyed HMAC, never the value)
//   last4        account numbers
//   redact       names, addresses, free text
//   truncate-ip  IP addresses (/24, /48)
//   pseudonym    PSU subjects (keyed HMAC; compliance searches by the raw id)
import type { MaskingRule } from './masking-rules';

/** A field's decision: a rule, or a policy for the fields of an object (each element of a list). */
export type FieldPolicy = MaskingRule | ObjectPolicy;
export interface ObjectPolicy {
  readonly [field: string]: FieldPolicy;
}

/** The envelope every event travels in; `actor.id` is a pseudonym when the actor is a PSU. */
export const ENVELOPE_POLICY: ObjectPolicy = {
  id: 'keep',
  type: 'keep',
  schemaVersion: 'keep',
  streamId: 'keep',
  streamPosition: 'keep',
  occurredAt: 'keep',
  correlationId: 'keep',
  causationId: 'keep',
  actor: { kind: 'keep', id: 'keep' },
};

/** RFC 9396 authorization details: their type and consent are kept, payment parties masked. */
const AUTHORIZATION_DETAIL: ObjectPolicy = {
  type: 'keep',
  consent_id: 'keep',
  actions: 'keep',
  locations: 'keep',
  datatypes: 'keep',
  instructedAmount: { amount: 'keep', currency: 'keep' },
  creditorName: 'redact',
  creditorAccount: { schemeName: 'keep', identification: 'last4', name: 'redact' },
  debtorAccount: { schemeName: 'keep', identification: 'last4', name: 'redact' },
  remittanceInformation: 'redact',
};

const GRANT_CONTENT: ObjectPolicy = {
  grantId: 'keep',
  clientId: 'keep',
  subject: 'pseudonym',
  scopes: 'keep',
  claims: 'keep',
  authorizationDetails: AUTHORIZATION_DETAIL,
  consentIds: 'keep',
};

export const EVENT_POLICIES: Readonly<Record<string, ObjectPolicy>> = {
  AuthorizationApproved: {
    clientId: 'keep',
    subject: 'pseudonym',
    grantId: 'keep',
    grantManagementAction: 'keep',
    scopes: 'keep',
    authorizationDetails: AUTHORIZATION_DETAIL,
    consentIds: 'keep',
    accountIds: 'last4',
    acr: 'keep',
    authTime: 'keep',
    authorizationId: 'keep',
    createdConsentIds: 'keep',
  },
  AuthorizationDenied: {
    clientId: 'keep',
    subject: 'pseudonym',
    reason: 'keep',
    consentIds: 'keep',
    authorizationId: 'keep',
  },
  PsuRevokedAccess: { clientId: 'keep', subject: 'pseudonym', grantId: 'keep', consentIds: 'keep' },
  PsuSelfServiceSignedIn: { psuLink: 'pseudonym', acr: 'keep', amr: 'keep', authTime: 'keep' },
  PsuSelfServiceSignInFailed: { usernameFingerprint: 'fingerprint', reason: 'keep', lockedUntil: 'keep' },
  // The authorize service sends fingerprints, never credentials; they are kept as fingerprints.
  ParRequestPushed: {
    authorizationId: 'keep',
    clientId: 'keep',
    redirectUri: 'keep',
    scopes: 'keep',
    authorizationDetails: AUTHORIZATION_DETAIL,
    consentIds: 'keep',
    grantManagementAction: 'keep',
    grantId: 'keep',
    responseMode: 'keep',
    dpopJkt: 'keep',
    requestUriFingerprint: 'fingerprint',
    requestObjectFingerprint: 'fingerprint',
    expiresAt: 'keep',
    clientAssertionJtiSha256: 'fingerprint',
    clientAssertionExpiresAt: 'keep',
  },
  AuthorizationStarted: { authorizationId: 'keep', clientId: 'keep', consentIds: 'keep' },
  PsuAuthenticated: {
    authorizationId: 'keep',
    clientId: 'keep',
    subject: 'pseudonym',
    acr: 'keep',
    amr: 'keep',
    authTime: 'keep',
    consentIds: 'keep',
  },
  PsuAuthenticationFailed: {
    authorizationId: 'keep',
    clientId: 'keep',
    usernameFingerprint: 'fingerprint',
    reason: 'keep',
    lockedUntil: 'keep',
  },
  CodeIssued: {
    authorizationId: 'keep',
    codeId: 'fingerprint',
    clientId: 'keep',
    grantId: 'keep',
    responseMode: 'keep',
    expiresAt: 'keep',
    consentIds: 'keep',
  },
  CodeRedeemed: { codeId: 'fingerprint', clientId: 'keep', grantId: 'keep', consentIds: 'keep' },
  CodeReuseDetected: { codeId: 'fingerprint', clientId: 'keep', grantId: 'keep' },
  AccessTokenIssued: {
    jti: 'keep',
    clientId: 'keep',
    grantId: 'keep',
    subject: 'pseudonym',
    grantType: 'keep',
    senderConstraint: 'keep',
    scopes: 'keep',
    expiresAt: 'keep',
    consentIds: 'keep',
  },
  RefreshTokenIssued: {
    tokenId: 'fingerprint',
    clientId: 'keep',
    grantId: 'keep',
    expiresAt: 'keep',
    consentIds: 'keep',
  },
  TokenRevoked: {
    tokenKind: 'keep',
    tokenId: 'fingerprint',
    clientId: 'keep',
    grantId: 'keep',
    reason: 'keep',
    expiresAt: 'keep',
    consentIds: 'keep',
  },
  ConsentCreated: {
    consentId: 'keep',
    clientId: 'keep',
    consentType: 'keep',
    permissions: 'keep',
    expirationDateTime: 'keep',
    transactionFromDateTime: 'keep',
    transactionToDateTime: 'keep',
    instructedAmount: { amount: 'keep', currency: 'keep' },
    creditorAccountIdentification: 'last4',
    creditorName: 'redact',
    debtorAccountSchemeName: 'keep',
    debtorAccountIdentification: 'last4',
  },
  ConsentAuthorised: {
    consentId: 'keep',
    clientId: 'keep',
    subject: 'pseudonym',
    grantId: 'keep',
    accountIds: 'last4',
  },
  ConsentRejected: { consentId: 'keep', clientId: 'keep', statusReason: 'redact' },
  ConsentRevoked: { consentId: 'keep', clientId: 'keep', revokedBy: 'keep', statusReason: 'redact' },
  ConsentExpired: { consentId: 'keep', clientId: 'keep', expiredAt: 'keep' },
  ConsentConsumed: { consentId: 'keep', clientId: 'keep', paymentId: 'keep' },
  DomesticPaymentInitiated: {
    paymentId: 'keep',
    consentId: 'keep',
    clientId: 'keep',
    instructedAmount: { amount: 'keep', currency: 'keep' },
  },
  DomesticPaymentStatusChanged: {
    paymentId: 'keep',
    consentId: 'keep',
    clientId: 'keep',
    status: 'keep',
    statusReason: 'keep',
  },
  GrantCreated: GRANT_CONTENT,
  GrantUpdated: GRANT_CONTENT,
  GrantReplaced: GRANT_CONTENT,
  GrantRevoked: {
    grantId: 'keep',
    clientId: 'keep',
    revokedBy: 'keep',
    reason: 'redact',
    consentIds: 'keep',
  },
  AuditLogQueried: {
    kind: 'keep',
    officer: 'keep',
    filters: {
      consentId: 'keep',
      grantId: 'keep',
      clientId: 'keep',
      subject: 'pseudonym',
      eventType: 'keep',
      from: 'keep',
      to: 'keep',
    },
    resultCount: 'keep',
  },
};

/** Policies whose content is free-form by design: coverage is not required below them. */
export const OPEN_POLICIES: ReadonlySet<ObjectPolicy> = new Set([AUTHORIZATION_DETAIL]);
