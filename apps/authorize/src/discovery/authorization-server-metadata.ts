// RFC 8414 / OIDC Discovery metadata, generated from the running settings so it can never disagree
// with what the endpoints enforce (META-1): PAR required, the profile's algorithms and methods,
// RFC 9207 `iss`, JARM, RAR types and FAPI Grant Management (GM-4).
import { ID_TOKEN_ALGORITHMS } from '@grantline/crypto';
import type { AuthorizeSettings } from '../settings/authorize-settings';
import { AUTHORIZATION_DETAIL_TYPES } from '../par/authorization-details';
import { clientAuthMethodsAtPar } from '../par/checks/authenticate-client';
import { SUPPORTED_GRANT_MANAGEMENT_ACTIONS } from '../par/checks/check-grant-management';

export function authorizationServerMetadata(settings: AuthorizeSettings): Record<string, unknown> {
  const { issuer, endpoints, security } = settings;
  const algorithms = [...security.signingAlgorithms];
  // Only the methods this deployment can verify are advertised (mTLS needs a TLS-terminating edge).
  const atPar = clientAuthMethodsAtPar(settings);
  const authMethods = security.clientAuthMethods.filter((method) => atPar.includes(method));
  const jarmAlgorithms = settings.signingKeys
    .jwks(settings.clock)
    .keys.map((key) => String(key.alg))
    .filter((alg, index, all) => algorithms.includes(alg as never) && all.indexOf(alg) === index);
  return {
    issuer,
    authorization_endpoint: endpoints.authorization,
    pushed_authorization_request_endpoint: endpoints.par,
    require_pushed_authorization_requests: true,
    token_endpoint: endpoints.token,
    jwks_uri: endpoints.jwks,
    introspection_endpoint: endpoints.introspection,
    revocation_endpoint: endpoints.revocation,
    response_types_supported: ['code'],
    response_modes_supported: ['query', 'jwt', 'query.jwt'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: authMethods,
    token_endpoint_auth_signing_alg_values_supported: algorithms,
    introspection_endpoint_auth_methods_supported: authMethods,
    introspection_endpoint_auth_signing_alg_values_supported: algorithms,
    revocation_endpoint_auth_methods_supported: authMethods,
    revocation_endpoint_auth_signing_alg_values_supported: algorithms,
    request_parameter_supported: true,
    request_uri_parameter_supported: false,
    require_signed_request_object: security.requireSignedRequestObject,
    request_object_signing_alg_values_supported: algorithms,
    dpop_signing_alg_values_supported: algorithms,
    authorization_response_iss_parameter_supported: true,
    authorization_signing_alg_values_supported: jarmAlgorithms,
    id_token_signing_alg_values_supported: algorithms.filter((alg) => ID_TOKEN_ALGORITHMS.includes(alg)),
    subject_types_supported: ['pairwise'],
    scopes_supported: ['openid', 'accounts', 'payments', 'grant_management_query', 'grant_management_revoke'],
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce'],
    claims_parameter_supported: false,
    authorization_details_types_supported: [...AUTHORIZATION_DETAIL_TYPES],
    // GM-4: the authorization-request actions, and the API's (the grants service behind the
    // gateway's /grants answers GET = query and DELETE = revoke).
    grant_management_actions_supported: [...SUPPORTED_GRANT_MANAGEMENT_ACTIONS, 'query', 'revoke'],
    grant_management_endpoint: endpoints.grantManagement,
    grant_management_action_required: false,
    // RFC 8705 §3.3: the token endpoint binds tokens to any certificate it sees (cnf.x5t#S256).
    tls_client_certificate_bound_access_tokens: settings.clientCertificates?.visible === true,
  };
}
