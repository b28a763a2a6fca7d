// Event types, their schemas and topic names shared by every service.
export { ALL_TOPICS, BOUNDED_CONTEXTS, DEAD_LETTER_TOPIC, topicFor, type BoundedContext } from './topics';
export {
  ACTOR_KINDS,
  ActorSchema,
  EventEnvelopeSchema,
  STREAM_ID,
  type Actor,
  type ActorKind,
  type EventEnvelope,
  type EventMetadata,
} from './envelope/event-envelope';
export {
  defineEvent,
  EventCatalogue,
  EventRejected,
  type EventDefinition,
  type RejectionReason,
} from './envelope/event-catalogue';
export { GRANTLINE_EVENTS, grantlineCatalogue } from './catalogue';
export {
  AuthorizationApproved,
  AuthorizationApprovedV1,
  GRANT_MANAGEMENT_ACTIONS,
} from './authorization/authorization-approved/authorization-approved.v1';
export {
  AuthorizationDenied,
  AuthorizationDeniedV1,
  DENIAL_REASONS,
} from './authorization/authorization-denied/authorization-denied.v1';
export {
  ParRequestPushed,
  ParRequestPushedV1,
  RESPONSE_MODES,
} from './authorization/par-request-pushed/par-request-pushed.v1';
export {
  AuthorizationStarted,
  AuthorizationStartedV1,
} from './authorization/authorization-started/authorization-started.v1';
export { PsuAuthenticated, PsuAuthenticatedV1 } from './authorization/psu-authenticated/psu-authenticated.v1';
export {
  AUTHENTICATION_FAILURES,
  PsuAuthenticationFailed,
  PsuAuthenticationFailedV1,
} from './authorization/psu-authentication-failed/psu-authentication-failed.v1';
export { CodeIssued, CodeIssuedV1 } from './authorization/code-issued/code-issued.v1';
export {
  PsuRevokedAccess,
  PsuRevokedAccessV1,
} from './authorization/psu-revoked-access/psu-revoked-access.v1';
export {
  PsuSelfServiceSignedIn,
  PsuSelfServiceSignedInV1,
} from './authorization/psu-self-service-signed-in/psu-self-service-signed-in.v1';
export {
  PsuSelfServiceSignInFailed,
  PsuSelfServiceSignInFailedV1,
} from './authorization/psu-self-service-sign-in-failed/psu-self-service-sign-in-failed.v1';
export { CodeRedeemed, CodeRedeemedV1 } from './token/code-redeemed/code-redeemed.v1';
export { CodeReuseDetected, CodeReuseDetectedV1 } from './token/code-reuse-detected/code-reuse-detected.v1';
export {
  AccessTokenIssued,
  AccessTokenIssuedV1,
  SENDER_CONSTRAINTS,
  TOKEN_GRANT_TYPES,
} from './token/access-token-issued/access-token-issued.v1';
export {
  RefreshTokenIssued,
  RefreshTokenIssuedV1,
} from './token/refresh-token-issued/refresh-token-issued.v1';
export {
  TOKEN_KINDS,
  TOKEN_REVOCATION_REASONS,
  TokenRevoked,
  TokenRevokedV1,
} from './token/token-revoked/token-revoked.v1';
export {
  CONSENT_TYPES,
  ConsentCreated,
  ConsentCreatedV1,
  InstructedAmount,
  debtorAccountOf,
} from './consent/consent-created/consent-created.v1';
export { ConsentAuthorised, ConsentAuthorisedV1 } from './consent/consent-authorised/consent-authorised.v1';
export { ConsentRejected, ConsentRejectedV1 } from './consent/consent-rejected/consent-rejected.v1';
export {
  ConsentRevoked,
  ConsentRevokedV1,
  REVOKING_PARTIES,
} from './consent/consent-revoked/consent-revoked.v1';
export { ConsentExpired, ConsentExpiredV1 } from './consent/consent-expired/consent-expired.v1';
export { ConsentConsumed, ConsentConsumedV1 } from './consent/consent-consumed/consent-consumed.v1';
export {
  DomesticPaymentInitiated,
  DomesticPaymentInitiatedV1,
} from './payment/domestic-payment-initiated/domestic-payment-initiated.v1';
export {
  DOMESTIC_PAYMENT_STATUSES,
  DomesticPaymentStatusChanged,
  DomesticPaymentStatusChangedV1,
} from './payment/domestic-payment-status-changed/domestic-payment-status-changed.v1';
export { GrantContent } from './grant/grant-content';
export { GrantCreated, GrantCreatedV1 } from './grant/grant-created/grant-created.v1';
export { GrantUpdated, GrantUpdatedV1 } from './grant/grant-updated/grant-updated.v1';
export { GrantReplaced, GrantReplacedV1 } from './grant/grant-replaced/grant-replaced.v1';
export { GRANT_REVOKERS, GrantRevoked, GrantRevokedV1 } from './grant/grant-revoked/grant-revoked.v1';
export {
  AUDIT_READ_KINDS,
  AuditLogQueried,
  AuditLogQueriedV1,
  AuditQueryFilters,
} from './audit/audit-log-queried/audit-log-queried.v1';
