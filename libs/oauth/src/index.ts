// OAuth protocol errors, the client registry, security profiles and the resource-server guard.
export {
  OAuthError,
  isOAuthError,
  type OAuthErrorCode,
  type OAuthErrorOptions,
  type OAuthProblem,
} from './errors/oauth-error';
export { renderDpopChallenge, safeParameterValue, type DpopChallenge } from './errors/www-authenticate';
export {
  AccessDeniedError,
  InvalidClientError,
  InvalidGrantError,
  InvalidRequestError,
  InvalidScopeError,
  ServerError,
  TemporarilyUnavailableError,
  UnauthorizedClientError,
  UnsupportedGrantTypeError,
  UnsupportedResponseTypeError,
} from './errors/rfc6749.errors';
export {
  InvalidRequestObjectError,
  InvalidRequestUriError,
  RequestNotSupportedError,
  RequestUriNotSupportedError,
} from './errors/request-object.errors';
export { InvalidDpopProofError, UseDpopNonceError } from './errors/dpop.errors';
export { InsufficientScopeError, InvalidTokenError } from './errors/resource-server.errors';
export {
  GrantNotFoundError,
  InvalidAuthorizationDetailsError,
  InvalidGrantIdError,
  UnsupportedTokenTypeError,
} from './errors/extension.errors';
export {
  CLIENT_AUTH_METHODS,
  isClientAuthMethod,
  isMutualTlsMethod,
  type ClientAuthMethod,
} from './clients/client-auth-methods';
export { SIGNING_ALGORITHMS, isSigningAlgorithm, type SigningAlgorithm } from './profiles/signing-algorithms';
export {
  DEFAULT_SECURITY_PROFILE,
  SECURITY_PROFILES,
  SECURITY_PROFILE_NAMES,
  isSecurityProfileName,
  type LifetimeRange,
  type SecurityProfile,
  type SecurityProfileName,
} from './profiles/security-profiles';
export {
  SECURITY_SETTING_VARIABLES,
  SecurityProfileViolation,
  profileViolations,
  resolveSecuritySettings,
  satisfiedProfiles,
  type SecuritySettings,
  type SecuritySettingsInput,
} from './profiles/security-settings';
export { securitySettingsFromEnvironment } from './profiles/security-settings.environment';
export { InvalidClientMetadataError, InvalidRedirectUriError } from './errors/registration.errors';
export {
  GRANT_TYPES,
  TPP_ROLES,
  type ClientMetadata,
  type GrantType,
  type RegisteredJwks,
  type TppRole,
} from './clients/client-metadata';
export { validateClientMetadata, type ClientValidationOptions } from './clients/validate-client';
export {
  CLIENTS_FILE_VARIABLE,
  ClientsFileError,
  parseClientsDocument,
  readClientsFile,
  type ClientsFileFormat,
} from './clients/clients-file';
export {
  InMemoryClientRegistry,
  registeredClient,
  type ClientJwksFetchOptions,
  type ClientRegistry,
  type RegisteredClient,
} from './clients/client-registry';
export { loadClientRegistry, type ClientRegistryOptions } from './clients/load-client-registry';
export { JwksUnavailableError, RemoteJwks, type RemoteJwksOptions } from './jwks/remote-jwks';
export {
  consentIdsOf,
  type AuthorizationDetail,
  type Confirmation,
  type VerifiedPrincipal,
} from './resource-server/access-token';
export {
  InMemoryRevocationDenylist,
  type RevocationDenylist,
  type RevocationQuery,
} from './resource-server/revocation-denylist';
export { isTrustedProxy, type ForwardedCertificateOptions } from './resource-server/client-certificate';
export { type DpopNonceSource } from './resource-server/sender-constraint';
export {
  ProtectedResource,
  verifyProtectedResourceRequest,
  type ProtectedResourceOptions,
  type ProtectedResourceRequest,
} from './resource-server/protected-resource';
export {
  issuerProtectedResource,
  type IssuerProtectedResourceOptions,
} from './resource-server/issuer-protected-resource';
export {
  PROTECTED_RESOURCE,
  PUBLIC_ORIGIN,
  Principal,
  ProtectedResourceGuard,
  RequireScopes,
  principalOf,
  protectedResourceRequestOf,
  type HttpRequestLike,
} from './resource-server/protected-resource.guard';
export {
  authenticateClient,
  type AuthenticatedClient,
  type ClientAuthenticationDependencies,
  type ClientAuthenticationRequest,
  type FormValue,
  type MutualTlsAuthenticator,
} from './client-authentication/authenticate-client';
export {
  ClientAuthenticationGate,
  beginProofCheck,
} from './client-authentication/client-authentication-gate';
export { JWT_BEARER_ASSERTION_TYPE } from './client-authentication/private-key-jwt';
export {
  canSeeClientCertificates,
  clientCertificateRequestOf,
  clientCertificateSettings,
  presentedClientCertificate,
  type ClientCertificateRequest,
  type ClientCertificateSettings,
  type ClientCertificateSettingsInput,
  type PresentedClientCertificate,
  type TlsRequestLike,
} from './mutual-tls/presented-client-certificate';
export { authenticateMutualTlsClient } from './mutual-tls/authenticate-mutual-tls-client';
export {
  formatDistinguishedName,
  parseDistinguishedName,
  subjectMatches,
} from './mutual-tls/distinguished-name';
export { clientCertificateOf, mutualTlsAuthenticator } from './mutual-tls/mutual-tls-authenticator';
export {
  AUTHORIZATION_CODE_SEAL_PURPOSE,
  type AuthorizationCodeContent,
} from './codes/authorization-code-content';
