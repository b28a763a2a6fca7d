// Every event type Grantline produces, newest versions last. Adding a type: a folder under its
// context with the versioned schema, and one line here.
import { EventCatalogue, type EventDefinition } from './envelope/event-catalogue';
import { AuthorizationApproved } from './authorization/authorization-approved/authorization-approved.v1';
import { AuthorizationDenied } from './authorization/authorization-denied/authorization-denied.v1';
import { AuthorizationStarted } from './authorization/authorization-started/authorization-started.v1';
import { CodeIssued } from './authorization/code-issued/code-issued.v1';
import { ParRequestPushed } from './authorization/par-request-pushed/par-request-pushed.v1';
import { PsuAuthenticated } from './authorization/psu-authenticated/psu-authenticated.v1';
import { PsuRevokedAccess } from './authorization/psu-revoked-access/psu-revoked-access.v1';
import { PsuSelfServiceSignedIn } from './authorization/psu-self-service-signed-in/psu-self-service-signed-in.v1';
import { PsuSelfServiceSignInFailed } from './authorization/psu-self-service-sign-in-failed/psu-self-service-sign-in-failed.v1';
import { PsuAuthenticationFailed } from './authorization/psu-authentication-failed/psu-authentication-failed.v1';
import { AccessTokenIssued } from './token/access-token-issued/access-token-issued.v1';
import { CodeRedeemed } from './token/code-redeemed/code-redeemed.v1';
import { CodeReuseDetected } from './token/code-reuse-detected/code-reuse-detected.v1';
import { RefreshTokenIssued } from './token/refresh-token-issued/refresh-token-issued.v1';
import { TokenRevoked } from './token/token-revoked/token-revoked.v1';
import { ConsentAuthorised } from './consent/consent-authorised/consent-authorised.v1';
import { ConsentCreated } from './consent/consent-created/consent-created.v1';
import { ConsentExpired } from './consent/consent-expired/consent-expired.v1';
import { ConsentRejected } from './consent/consent-rejected/consent-rejected.v1';
import { ConsentRevoked } from './consent/consent-revoked/consent-revoked.v1';
import { ConsentConsumed } from './consent/consent-consumed/consent-consumed.v1';
import { DomesticPaymentInitiated } from './payment/domestic-payment-initiated/domestic-payment-initiated.v1';
import { DomesticPaymentStatusChanged } from './payment/domestic-payment-status-changed/domestic-payment-status-changed.v1';
import { GrantCreated } from './grant/grant-created/grant-created.v1';
import { GrantReplaced } from './grant/grant-replaced/grant-replaced.v1';
import { GrantRevoked } from './grant/grant-revoked/grant-revoked.v1';
import { GrantUpdated } from './grant/grant-updated/grant-updated.v1';
import { AuditLogQueried } from './audit/audit-log-queried/audit-log-queried.v1';

export const GRANTLINE_EVENTS: readonly EventDefinition[] = [
  AuthorizationApproved,
  AuthorizationDenied,
  ParRequestPushed,
  AuthorizationStarted,
  PsuAuthenticated,
  PsuAuthenticationFailed,
  CodeIssued,
  PsuRevokedAccess,
  PsuSelfServiceSignedIn,
  PsuSelfServiceSignInFailed,
  CodeRedeemed,
  CodeReuseDetected,
  AccessTokenIssued,
  RefreshTokenIssued,
  TokenRevoked,
  ConsentCreated,
  ConsentAuthorised,
  ConsentRejected,
  ConsentRevoked,
  ConsentExpired,
  ConsentConsumed,
  DomesticPaymentInitiated,
  DomesticPaymentStatusChanged,
  GrantCreated,
  GrantUpdated,
  GrantReplaced,
  GrantRevoked,
  AuditLogQueried,
];

export const grantlineCatalogue = new EventCatalogue(GRANTLINE_EVENTS);
